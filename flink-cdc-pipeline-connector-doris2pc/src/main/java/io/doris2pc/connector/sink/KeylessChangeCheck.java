package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcOptions;
import io.doris2pc.connector.config.KeylessChanges;

import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.OperationType;

/**
 * Stops an UPDATE or DELETE of a table without a primary key unless the user chose to append them
 * ({@code sink.keyless-changes: APPEND}): a DUPLICATE KEY table can apply neither, and loading it as if it could would
 * leave Doris different from the source without a word.
 */
final class KeylessChangeCheck {

    private final KeylessChanges mode;

    KeylessChangeCheck(KeylessChanges mode) {
        this.mode = mode;
    }

    /** @throws IllegalStateException for an UPDATE or DELETE under {@link KeylessChanges#FAIL} */
    void check(DataChangeEvent event) {
        OperationType op = event.op();
        if (mode == KeylessChanges.FAIL && (op == OperationType.UPDATE || op == OperationType.DELETE)) {
            throw new IllegalStateException("Table " + event.tableId() + " has no primary key, so its Doris table is "
                    + "a DUPLICATE KEY table, which cannot apply the " + op + " that just arrived. Declare a primary "
                    + "key for it (transform: - source-table: " + event.tableId() + " primary-keys: <columns>; the "
                    + "Doris table must then be recreated as a UNIQUE KEY table), or set "
                    + Doris2pcOptions.KEYLESS_CHANGES.key() + ": APPEND to append the row after each update as one "
                    + "more row and skip deletes");
        }
    }
}
