package io.doris2pc.testserver.fe;

import com.fasterxml.jackson.databind.JsonNode;
import io.doris2pc.testserver.DorisSqlException;
import io.doris2pc.testserver.SqlResult;
import io.doris2pc.testserver.TxnState;
import io.doris2pc.testserver.auth.Account;
import io.doris2pc.testserver.auth.Privilege;
import io.doris2pc.testserver.cluster.Cluster;
import io.doris2pc.testserver.cluster.Column;
import io.doris2pc.testserver.cluster.Database;
import io.doris2pc.testserver.cluster.Table;
import io.doris2pc.testserver.cluster.TypeKind;
import io.doris2pc.testserver.http.BasicAuth;
import io.doris2pc.testserver.http.HttpExchange;
import io.doris2pc.testserver.http.HttpHandler;
import io.doris2pc.testserver.http.Json;
import io.doris2pc.testserver.sql.SqlEngine;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The FE's HTTP port. Stream Load and 2PC are redirected (307) to the BE before any body byte is read;
 * SQL, schema, load state, backends and health answer in the FE envelope. An unavailable FE (fault)
 * answers HTTP 503 and closes the connection.
 */
public final class FrontendHandler implements HttpHandler {
    /** {@code StmtExecutionAction.DEFAULT_ROW_LIMIT}. */
    private static final long DEFAULT_ROW_LIMIT = 1000;

    private final Cluster cluster;
    private final BasicAuth auth;
    private final SqlEngine sql;
    private final String beHost;
    private final IntSupplier bePort;
    private final String beScheme;

    /**
     * @param beHost the BE's host as the FE knows it (its registered address): where redirects and the backends list
     *     point
     * @param bePort the BE's http_port as the FE knows it
     * @param beScheme {@code http}, or {@code https} when the BE serves TLS: the scheme of every redirect
     */
    public FrontendHandler(
            Cluster cluster, BasicAuth auth, SqlEngine sql, String beHost, IntSupplier bePort, String beScheme) {
        this.cluster = cluster;
        this.auth = auth;
        this.sql = sql;
        this.beHost = beHost;
        this.bePort = bePort;
        this.beScheme = beScheme;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        if (cluster.faults().takeFeUnavailable()) {
            ex.closeAfterResponse();
            ex.respond(503, "text/plain", "Service Unavailable".getBytes(StandardCharsets.UTF_8), Map.of());
            return;
        }
        List<String> path = ex.pathSegments();
        if (path.isEmpty()) {
            ex.respond(200, "text/html", "<html><body>Doris test server FE</body></html>".getBytes(StandardCharsets.UTF_8), Map.of());
            return;
        }
        String last = path.get(path.size() - 1);
        boolean api = path.get(0).equals("api");
        if (api && last.equals("_stream_load") && ex.method().equals("PUT")) {
            redirectLoad(ex, path);
            return;
        }
        if (api && last.equals("_stream_load_2pc") && ex.method().equals("PUT")) {
            redirect2pc(ex);
            return;
        }
        String refusal = auth.refusal(ex);
        if (refusal != null) {
            ex.respondJson(Envelope.error("Unauthorized", 401, refusal));
            return;
        }
        Account account = auth.account(ex);
        if (api && path.size() == 4 && path.get(1).equals("query") && ex.method().equals("POST")) {
            query(ex, path.get(3), account);
        } else if (api && path.size() == 4 && last.equals("_schema")) {
            String denial = account.httpDenial(Privilege.SELECT);
            if (denial != null) {
                ex.respondJson(Envelope.error("Unauthorized", 401, denial));
                return;
            }
            schema(ex, path.get(1), path.get(2));
        } else if (api && path.size() == 3 && last.equals("get_load_state")) {
            loadState(ex, path.get(1));
        } else if (api && path.size() == 2 && last.equals("backends")) {
            backends(ex);
        } else if (api && path.size() == 2 && last.equals("health")) {
            Map<String, Object> health = new LinkedHashMap<>();
            health.put("total_backend_num", 1);
            health.put("online_backend_num", 1);
            ex.respondJson(Envelope.ok(health));
        } else if (api && path.size() == 4 && path.get(1).equals("enable_light_schema_change")) {
            lightSchemaChange(ex, path.get(2), path.get(3));
        } else {
            ex.respondJson(Envelope.error("Not Found", 404, "no such API: " + ex.rawPath()));
        }
    }

    /**
     * Credentials, the Expect header, db and table, in Doris's order; then 307 without reading the body. Refused
     * credentials and privileges throw UnauthorizedException in {@code LoadAction}, which
     * {@code httpv2/exception/RestApiExceptionHandler} answers with the 401 envelope (HTTP 200).
     */
    private void redirectLoad(HttpExchange ex, List<String> path) throws IOException {
        ex.closeAfterResponse();
        String refusal = auth.refusal(ex);
        if (refusal != null) {
            ex.respondJson(Envelope.error("Unauthorized", 401, refusal));
            return;
        }
        if (ex.header("Expect") == null) {
            ex.respondJson(flatFailure("There is no 100-continue header"));
            return;
        }
        if (path.size() != 4 || path.get(1).isEmpty()) {
            ex.respondJson(flatFailure("No database selected."));
            return;
        }
        if (path.get(2).isEmpty()) {
            ex.respondJson(flatFailure("No table selected."));
            return;
        }
        Account account = auth.account(ex);
        String denial = account.httpDenial(Privilege.LOAD);
        if (denial != null) {
            ex.respondJson(Envelope.error("Unauthorized", 401, denial));
            return;
        }
        ex.redirect(beLocation(ex, account, "/" + String.join("/", path)));
    }

    /**
     * {@code LoadAction.streamLoad2PC}: credentials (the 401 envelope), then {@code executeStreamLoad2PC} answers
     * missing headers itself before it redirects.
     */
    private void redirect2pc(HttpExchange ex) throws IOException {
        ex.closeAfterResponse();
        if ("commit".equals(ex.header("txn_operation")) && cluster.faults().takeCommitUnavailable()) {
            ex.respond(503, "text/plain", "Service Unavailable".getBytes(StandardCharsets.UTF_8), Map.of());
            return;
        }
        String refusal = auth.refusal(ex);
        if (refusal != null) {
            ex.respondJson(Envelope.error("Unauthorized", 401, refusal));
            return;
        }
        if (isEmpty(ex.header("txn_id")) && isEmpty(ex.header("label"))) {
            ex.respondJson(flatFailure("No transaction id or label selected."));
            return;
        }
        if (isEmpty(ex.header("txn_operation"))) {
            ex.respondJson(flatFailure("No transaction operation('commit' or 'abort') selected."));
            return;
        }
        Account account = auth.account(ex);
        String denial = account.httpDenial(Privilege.LOAD);
        if (denial != null) {
            ex.respondJson(flatFailure(denial));
            return;
        }
        List<String> path = ex.pathSegments();
        ex.redirect(beLocation(ex, account, "/" + String.join("/", path)));
    }

    /**
     * {@code http://user:password@<be host>:<be port>/<path>?<raw query>} with the requester's credentials: the URL always
     * carries the '?'.
     */
    private String beLocation(HttpExchange ex, Account account, String decodedPath) {
        try {
            URI uri = new URI(beScheme, account.name() + ":" + account.password(), beHost, bePort.getAsInt(),
                    decodedPath, null, null);
            return uri.toASCIIString() + "?" + (ex.rawQuery() == null ? "" : ex.rawQuery());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean isEmpty(String header) {
        return header == null || header.isEmpty();
    }

    private static String flatFailure(String msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "FAILED");
        m.put("msg", msg);
        return Json.compact(m);
    }

    /**
     * {@code httpv2/rest/GetStreamLoadState}: no label is a bad request; an unknown database is the common error
     * with {@code getDbOrMetaException}'s text.
     */
    private void loadState(HttpExchange ex, String db) throws IOException {
        String label = ex.queryParam("label");
        if (isEmpty(label)) {
            ex.respondJson(Envelope.error("Bad Request", 403, "No label selected"));
            return;
        }
        Database database = cluster.database(db);
        if (database == null) {
            ex.respondJson(Envelope.error("Error", 1, "errCode = 7, detailMessage = unknown databases, dbName=" + db));
            return;
        }
        TxnState state = cluster.labelState(database, label);
        ex.respondJson(Envelope.ok(state == null ? "UNKNOWN" : state.name()));
    }

    /**
     * {@code httpv2/rest/StmtExecutionAction.executeSQL}: without {@code X-Doris-Stream: false} the answer is streamed
     * ({@code JsonStreamResponse}: no {@code count}, every row); with it, the envelope with at most {@code limit}
     * (1000) rows. Errors are the common-error envelope either way.
     */
    private void query(HttpExchange ex, String db, Account account) throws IOException {
        String statement;
        long limit = DEFAULT_ROW_LIMIT;
        try {
            JsonNode body = Json.MAPPER.readTree(ex.body().readAllBytes());
            statement = body == null || body.get("stmt") == null ? null : body.get("stmt").asText();
            if (body != null && body.path("limit").asLong(0) > 0) {
                limit = body.path("limit").asLong();
            }
        } catch (IOException e) {
            ex.respondJson(Envelope.error("Internal Error", 500, "the body must be JSON with a \"stmt\" field"));
            return;
        }
        if (isEmpty(statement)) {
            ex.respondJson(Envelope.error("Bad Request", 403, "Missing statement request body"));
            return;
        }
        boolean streamed = !"false".equalsIgnoreCase(ex.header("X-Doris-Stream"));
        long start = System.currentTimeMillis();
        SqlResult result;
        try {
            result = sql.execute(db, statement, account, ex.remoteHost());
        } catch (DorisSqlException e) {
            ex.respondJson(Envelope.error("Error", 1, "Failed to execute sql: " + e.dorisMessage()));
            return;
        }
        if (cluster.faults().takeLostModifyAnswer(statement)) {
            ex.abandon();
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (result.isExecStatus()) {
            data.put("type", "exec_status");
            data.put("status", Map.of());
        } else {
            data.put("type", "result_set");
            List<Map<String, Object>> meta = new ArrayList<>();
            for (int i = 0; i < result.columns().size(); i++) {
                Map<String, Object> column = new LinkedHashMap<>();
                column.put("name", result.columns().get(i));
                column.put("type", result.types().get(i));
                meta.add(column);
            }
            data.put("meta", meta);
            List<?> rows = result.rows();
            data.put("data", streamed || rows.size() <= limit ? rows : rows.subList(0, (int) limit));
        }
        data.put("time", System.currentTimeMillis() - start);
        ex.respondJson(streamed ? Envelope.streamed(data, result.isExecStatus()) : Envelope.ok(data));
    }

    private void schema(HttpExchange ex, String db, String tableName) throws IOException {
        Table table;
        List<Column> columns;
        try {
            table = cluster.withCatalog(c -> c.requireTable(db, tableName));
            columns = table.columns();
        } catch (DorisSqlException e) {
            ex.respondJson(Envelope.error("Error", 1, e.getMessage()));
            return;
        }
        List<Map<String, Object>> properties = new ArrayList<>();
        for (Column c : columns) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", c.name());
            p.put("aggregation_type", "");
            p.put("comment", c.comment());
            p.put("type", c.type().primitiveName());
            if (c.type().kind() == TypeKind.DECIMAL) {
                p.put("precision", String.valueOf(c.type().precision()));
                p.put("scale", String.valueOf(c.type().scale()));
            }
            properties.add(p);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("keysType", table.keysType().name());
        data.put("properties", properties);
        data.put("status", 200);
        ex.respondJson(Envelope.ok(data));
    }

    private void backends(HttpExchange ex) throws IOException {
        Map<String, Object> be = new LinkedHashMap<>();
        be.put("ip", beHost);
        be.put("http_port", bePort.getAsInt());
        be.put("is_alive", true);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("backends", List.of(be));
        ex.respondJson(Envelope.ok(data));
    }

    private void lightSchemaChange(HttpExchange ex, String db, String tableName) throws IOException {
        Table table;
        try {
            table = cluster.withCatalog(c -> c.requireTable(db, tableName));
        } catch (DorisSqlException e) {
            ex.respondJson(Envelope.error("Error", 1, e.getMessage()));
            return;
        }
        if (table.lightSchemaChange()) {
            ex.respondJson(Envelope.ok(null));
        } else {
            ex.respondJson(Envelope.error("Error", 1, "table " + tableName + " doesn't support light schema change"));
        }
    }
}
