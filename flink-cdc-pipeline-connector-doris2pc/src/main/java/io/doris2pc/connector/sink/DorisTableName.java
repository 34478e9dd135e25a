package io.doris2pc.connector.sink;

import org.apache.flink.cdc.common.event.TableId;

/** Where a sink table lives in Doris: the TableId's schema name is the database, its table name the table. */
public final class DorisTableName {

    private DorisTableName() {}

    public static String database(TableId tableId) {
        String db = tableId.getSchemaName();
        if (db == null || db.isEmpty()) {
            throw new IllegalArgumentException(
                    "Sink table " + tableId + " names no database; Doris needs database.table. Route it to a "
                            + "two-part name, e.g. sink-table: mydb." + tableId.getTableName());
        }
        return db;
    }

    public static String table(TableId tableId) {
        return tableId.getTableName();
    }
}
