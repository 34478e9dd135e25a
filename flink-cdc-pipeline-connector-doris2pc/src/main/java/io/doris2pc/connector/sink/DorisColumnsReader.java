package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.DorisSqlExecutor;
import io.doris2pc.connector.client.NodeUnavailableException;
import io.doris2pc.connector.client.QueryResult;
import io.doris2pc.connector.config.Doris2pcOptions;
import io.doris2pc.connector.serialize.TargetColumns;

import org.apache.flink.cdc.common.event.TableId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.doris2pc.connector.schema.DorisIdentifiers.stringLiteral;

/**
 * Reads the names and types of Doris tables' columns ({@code information_schema.COLUMNS}) for the writer, which
 * writes each row in the Doris columns' exact spelling: one table's, or a whole database's in one query. A table
 * Doris does not have (yet) reads as no columns. A transport failure or an FE 5xx is retried as a DDL is
 * ({@code sink.max-retries}, {@code sink.retry-backoff} doubled).
 */
final class DorisColumnsReader {

    private static final Logger LOG = LoggerFactory.getLogger(DorisColumnsReader.class);

    private final DorisSqlExecutor executor;
    private final int maxRetries;
    private final Duration retryBackoff;

    DorisColumnsReader(DorisSqlExecutor executor, int maxRetries, Duration retryBackoff) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.retryBackoff = retryBackoff;
    }

    TargetColumns read(TableId tableId) throws IOException {
        String sql = "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                + stringLiteral(DorisTableName.database(tableId)) + " AND TABLE_NAME = "
                + stringLiteral(DorisTableName.table(tableId));
        return columns(query(sql, "Doris table " + tableId));
    }

    /** The columns of every table of Doris database {@code db}, by table name, in one query. */
    Map<String, TargetColumns> readDatabase(String db) throws IOException {
        QueryResult result = query(
                "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                        + stringLiteral(db),
                "the tables of Doris database " + db);
        int table = result.columnIndex("TABLE_NAME");
        if (table < 0) {
            throw new IOException("information_schema.COLUMNS answered without TABLE_NAME: " + result.columns());
        }
        Map<String, List<List<String>>> rowsByTable = new HashMap<>();
        for (List<String> row : result.rows()) {
            rowsByTable.computeIfAbsent(row.get(table), t -> new ArrayList<>()).add(row);
        }
        Map<String, TargetColumns> byTable = new HashMap<>();
        for (Map.Entry<String, List<List<String>>> rows : rowsByTable.entrySet()) {
            byTable.put(rows.getKey(), columns(result, rows.getValue()));
        }
        return byTable;
    }

    private QueryResult query(String sql, String what) throws IOException {
        Duration backoff = retryBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return executor.execute("information_schema", sql);
            } catch (NodeUnavailableException e) {
                if (attempt > maxRetries) {
                    throw new IOException("Could not read the columns of " + what + " after " + attempt
                            + " attempts (" + Doris2pcOptions.MAX_RETRIES.key() + "): " + e.getMessage(), e);
                }
                LOG.warn("Reading the columns of {} failed (attempt {}), retrying in {}: {}",
                        what, attempt, backoff, e.getMessage());
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static TargetColumns columns(QueryResult result) throws IOException {
        return columns(result, result.rows());
    }

    private static TargetColumns columns(QueryResult result, List<List<String>> rows) throws IOException {
        int name = result.columnIndex("COLUMN_NAME");
        int type = result.columnIndex("COLUMN_TYPE");
        if (name < 0 || type < 0) {
            throw new IOException("information_schema.COLUMNS answered without COLUMN_NAME and COLUMN_TYPE: "
                    + result.columns());
        }
        List<String[]> columns = new ArrayList<>();
        for (List<String> row : rows) {
            columns.add(new String[] {row.get(name), row.get(type)});
        }
        return TargetColumns.of(columns);
    }

    private static void pause(Duration duration) throws InterruptedIOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading the columns of a Doris table");
        }
    }
}
