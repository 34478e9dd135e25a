package io.doris2pc.connector.schema;

import io.doris2pc.connector.client.DorisSqlException;
import io.doris2pc.connector.client.DorisSqlExecutor;
import io.doris2pc.connector.client.QueryResult;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.SqlResult;

import java.util.ArrayList;
import java.util.List;

/** Runs SQL in the Doris test server's engine directly, as its HTTP endpoint would, and records the statements. */
final class InProcessSqlExecutor implements DorisSqlExecutor {

    private final DorisTestServer server;
    final List<String> statements = new ArrayList<>();

    InProcessSqlExecutor(DorisTestServer server) {
        this.server = server;
    }

    @Override
    public QueryResult execute(String db, String sql) throws DorisSqlException {
        statements.add(sql);
        SqlResult result;
        try {
            result = server.sql(db, sql);
        } catch (io.doris2pc.testserver.DorisSqlException e) {
            throw new DorisSqlException(sql, e.dorisMessage());
        }
        if (result.isExecStatus()) {
            return QueryResult.execStatus();
        }
        List<List<String>> rows = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            List<String> text = new ArrayList<>();
            row.forEach(v -> text.add(v == null ? null : String.valueOf(v)));
            rows.add(text);
        }
        return new QueryResult(result.columns(), rows);
    }
}
