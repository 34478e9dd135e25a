package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.DorisSqlExecutor;
import io.doris2pc.connector.client.QueryResult;
import io.doris2pc.connector.serialize.TargetColumns;

import org.apache.flink.cdc.common.event.TableId;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.doris2pc.connector.schema.DorisIdentifiers.stringLiteral;

/**
 * Reads the names and types of a Doris table's columns ({@code information_schema.COLUMNS}) for the writer, which
 * writes each row in the Doris columns' exact spelling. A table Doris does not have (yet) reads as no columns.
 */
final class DorisColumnsReader {

    private DorisColumnsReader() {}

    static TargetColumns read(DorisSqlExecutor executor, TableId tableId) throws IOException {
        String sql = "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                + stringLiteral(DorisTableName.database(tableId)) + " AND TABLE_NAME = " + stringLiteral(DorisTableName.table(tableId));
        QueryResult result = executor.execute("information_schema", sql);
        int name = result.columnIndex("COLUMN_NAME");
        int type = result.columnIndex("COLUMN_TYPE");
        if (name < 0 || type < 0) {
            throw new IOException("information_schema.COLUMNS answered without COLUMN_NAME and COLUMN_TYPE: "
                    + result.columns());
        }
        List<String[]> columns = new ArrayList<>();
        for (List<String> row : result.rows()) {
            columns.add(new String[] {row.get(name), row.get(type)});
        }
        return TargetColumns.of(columns);
    }
}
