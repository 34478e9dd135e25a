package io.doris2pc.connector.schema;

import io.doris2pc.connector.schema.ExistingTable.ExistingColumn;

import java.util.ArrayList;
import java.util.List;

import static io.doris2pc.connector.schema.DorisIdentifiers.quote;

/**
 * A column type change Doris refuses, told apart by Doris's texts (FE {@code Column.checkSchemaChangeAllowed} with
 * {@code ColumnType.schemaChangeMatrix}, {@code SchemaChangeHandler.createJob}), and what the user can do about it.
 */
final class RefusedTypeChange {

    private static final String[] REFUSALS = {
        "Can not change ", "Cannot shorten string length", "Can not modify distribution column",
        "Can not modify partition column", "Can not modify cluster key column",
    };

    private RefusedTypeChange() {}

    static boolean isRefusal(String dorisMessage) {
        for (String refusal : REFUSALS) {
            if (dorisMessage.contains(refusal)) {
                return true;
            }
        }
        return false;
    }

    /** Names the table, each column with its old and new type, Doris's reason, and the ways out. */
    static String message(String table, List<ExistingColumn> columns, List<String> newTypes, String dorisMessage) {
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            changes.add(quote(columns.get(i).name) + " from " + columns.get(i).type + " to " + newTypes.get(i));
        }
        return "Doris refuses to change the type of column " + String.join(", ", changes) + " of table " + table
                + " (" + dorisMessage + "). Doris changes a column's type only within its schema change rules "
                + "(wider integers, FLOAT to DOUBLE, longer VARCHAR, numbers to text, wider DECIMAL; never a key "
                + "column of the table's distribution). Either route the changed column elsewhere (a transform "
                + "projecting it under a new column name, or a route to another table), or recreate the Doris table "
                + "with the new type and restart the pipeline without state so that it fills the table again. With "
                + "the pipeline option schema.change.behavior: try_evolve the pipeline keeps running instead and the "
                + "column keeps its old type; Flink CDC then converts later values to the old type where it can "
                + "(narrowing changes keep every value) and writes NULL where it cannot (or fails, for a table "
                + "reached through a route rule).";
    }
}
