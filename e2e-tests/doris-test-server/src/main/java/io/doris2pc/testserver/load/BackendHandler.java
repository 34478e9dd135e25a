package io.doris2pc.testserver.load;

import io.doris2pc.testserver.auth.Account;
import io.doris2pc.testserver.auth.Privilege;
import io.doris2pc.testserver.cluster.Cluster;
import io.doris2pc.testserver.http.BasicAuth;
import io.doris2pc.testserver.http.HttpExchange;
import io.doris2pc.testserver.http.HttpHandler;
import io.doris2pc.testserver.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The BE's HTTP port: Stream Load, 2PC, the error logs, health. */
public final class BackendHandler implements HttpHandler {
    private final Cluster cluster;
    private final BasicAuth auth;
    private final StreamLoadAction streamLoad;
    private final TwoPhaseCommitAction twoPhaseCommit;
    private final ErrorLogs errorLogs;

    public BackendHandler(Cluster cluster, BasicAuth auth, ErrorLogs errorLogs, String errorUrlBase) {
        this.cluster = cluster;
        this.auth = auth;
        this.errorLogs = errorLogs;
        this.streamLoad = new StreamLoadAction(cluster, errorLogs, errorUrlBase);
        this.twoPhaseCommit = new TwoPhaseCommitAction(cluster);
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        List<String> path = ex.pathSegments();
        String last = path.isEmpty() ? "" : path.get(path.size() - 1);
        boolean api = !path.isEmpty() && path.get(0).equals("api");
        if (api && ex.method().equals("PUT") && last.equals("_stream_load") && path.size() == 4) {
            if (refused(ex)) {
                return;
            }
            streamLoad.handle(ex, path.get(1), path.get(2));
        } else if (api && ex.method().equals("PUT") && last.equals("_stream_load_2pc") && (path.size() == 3 || path.size() == 4)) {
            if (refused2pc(ex)) {
                return;
            }
            twoPhaseCommit.handle(ex, path.get(1));
        } else if (api && path.size() == 2 && last.equals("_load_error_log")) {
            String log = errorLogs.get(String.valueOf(ex.queryParam("file")));
            byte[] body = (log == null ? "" : log).getBytes(StandardCharsets.UTF_8);
            ex.respond(log == null ? 404 : 200, "text/plain", body, Map.of());
        } else if (api && path.size() == 2 && last.equals("health")) {
            Map<String, Object> health = new LinkedHashMap<>();
            health.put("status", "OK");
            health.put("msg", "To Be Added");
            ex.respondJson(Json.pretty(health));
        } else if (path.isEmpty()) {
            ex.respond(200, "text/html", "<html><body>Doris test server BE</body></html>".getBytes(StandardCharsets.UTF_8), Map.of());
        } else {
            ex.respond(404, "text/plain", ("not found: " + ex.rawPath()).getBytes(StandardCharsets.UTF_8), Map.of());
        }
    }

    private boolean refused(HttpExchange ex) throws IOException {
        String refusal = denial(ex);
        if (refusal == null) {
            return false;
        }
        LoadResult result = new LoadResult();
        result.twoPhase = "true".equals(ex.header("two_phase_commit"));
        result.label = ex.header("label") == null ? "" : ex.header("label");
        // stream_load.cpp _on_header: a request without a Basic header fails before the FE is asked
        String message = auth.account(ex) == null && !auth.hasBasicCredentials(ex)
                ? "[INTERNAL_ERROR]no valid Basic authorization"
                : DorisErrors.loadMessage(cluster.settings(), refusal);
        ex.respondJson(result.fail(message).toJson());
        return true;
    }

    /** The FE checks the BE's transaction requests as it checks loads: credentials, then LOAD. */
    private String denial(HttpExchange ex) {
        String refusal = auth.refusal(ex);
        if (refusal != null) {
            return refusal;
        }
        Account account = auth.account(ex);
        return account.httpDenial(Privilege.LOAD);
    }

    private boolean refused2pc(HttpExchange ex) throws IOException {
        String refusal = denial(ex);
        if (refusal == null) {
            return false;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", DorisErrors.twoPhaseStatus(cluster.settings()));
        body.put("msg", DorisErrors.twoPhaseMessage(cluster.settings(), refusal));
        ex.respondJson(Json.pretty(body));
        return true;
    }
}
