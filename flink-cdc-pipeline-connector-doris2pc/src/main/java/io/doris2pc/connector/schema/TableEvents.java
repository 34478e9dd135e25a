package io.doris2pc.connector.schema;

import org.apache.flink.cdc.common.event.SchemaChangeEvent;

/**
 * TruncateTableEvent and DropTableEvent of Flink CDC 3.3+. This jar compiles against 3.2.0, which has neither class,
 * so they are recognised by the name of their {@code SchemaChangeEventType}.
 */
public final class TableEvents {

    private TableEvents() {}

    public static boolean isTruncateTable(SchemaChangeEvent event) {
        return "TRUNCATE_TABLE".equals(event.getType().name());
    }

    public static boolean isDropTable(SchemaChangeEvent event) {
        return "DROP_TABLE".equals(event.getType().name());
    }
}
