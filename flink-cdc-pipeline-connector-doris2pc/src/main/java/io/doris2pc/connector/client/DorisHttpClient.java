package io.doris2pc.connector.client;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.config.FeNode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import static io.doris2pc.connector.client.DorisHttpClients.encode;

/**
 * The Doris FE endpoints the sink uses besides Stream Load itself: SQL over HTTP, two-phase commit and load state.
 * Tries the FEs of {@code fenodes} in turn; follows the redirects of the two-phase-commit endpoint itself so that the
 * credentials Doris writes into the {@code Location} are never used or shown.
 */
public final class DorisHttpClient implements DorisSqlExecutor, DorisTransactions, AutoCloseable {

    private static final int MAX_REDIRECTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String username;
    private final String authorization;
    private final Redactor redactor;
    private final FeFailover fes;
    private final BackendAddresses backends;
    private final CloseableHttpClient http;

    public DorisHttpClient(Doris2pcSinkConfig config) {
        this(config, config.socketTimeout());
    }

    /** A client that waits at most {@code responseTimeout} for each answer. */
    public DorisHttpClient(Doris2pcSinkConfig config, Duration responseTimeout) {
        this.username = config.username();
        this.authorization = DorisHttpClients.authorization(config);
        this.redactor = new Redactor(config.username(), config.password());
        this.fes = new FeFailover(config.feNodes());
        this.backends = new BackendAddresses(config);
        this.http = DorisHttpClients.create(config, null, responseTimeout);
    }

    @Override
    public QueryResult execute(String db, String sql) throws IOException {
        String body = JSON.createObjectNode().put("stmt", sql).toString();
        JsonNode envelope = fes.call(
                "SQL `" + sql + "`",
                fe -> envelope(fe, exchange(
                        URI.create(fe.baseUrl() + "/api/query/default_cluster/" + encode(db)),
                        uri -> {
                            HttpPost post = new HttpPost(uri);
                            post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
                            return post;
                        })));
        if (envelope.path("code").asInt(-1) != 0) {
            throw new DorisSqlException(sql, redactor.redact(errorText(envelope)));
        }
        JsonNode data = envelope.path("data");
        if (!"result_set".equals(data.path("type").asText())) {
            return QueryResult.execStatus();
        }
        List<String> columns = new ArrayList<>();
        for (JsonNode column : data.path("meta")) {
            columns.add(column.path("name").asText());
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode row : data.path("data")) {
            List<String> values = new ArrayList<>(row.size());
            for (JsonNode value : row) {
                values.add(value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString());
            }
            rows.add(Collections.unmodifiableList(values));
        }
        return new QueryResult(columns, rows);
    }

    @Override
    public TwoPhaseCommitAnswer commit(String db, long txnId) throws IOException {
        return twoPhaseCommit(db, "commit", "txn_id", Long.toString(txnId));
    }

    @Override
    public TwoPhaseCommitAnswer abort(String db, long txnId) throws IOException {
        return twoPhaseCommit(db, "abort", "txn_id", Long.toString(txnId));
    }

    @Override
    public TwoPhaseCommitAnswer abortByLabel(String db, String label) throws IOException {
        return twoPhaseCommit(db, "abort", "label", label);
    }

    @Override
    public LoadState loadState(String db, String label) throws IOException {
        JsonNode envelope = fes.call(
                "the load state of label " + label,
                fe -> envelope(fe, exchange(
                        URI.create(fe.baseUrl() + "/api/" + encode(db) + "/get_load_state?label=" + encode(label)),
                        HttpGet::new)));
        String state = envelope.path("data").asText();
        if (envelope.path("code").asInt(-1) == 0) {
            try {
                return LoadState.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below with Doris's answer
            }
        }
        String error = redactor.redact(errorText(envelope));
        String message = "Doris could not tell the state of label " + label + " in database " + db + ": " + error;
        // httpv2/rest/GetStreamLoadState: getDbOrMetaException's "unknown databases, dbName=..." as common error
        throw error.contains("unknown database") ? new UnknownDatabaseException(message) : new IOException(message);
    }

    private TwoPhaseCommitAnswer twoPhaseCommit(String db, String operation, String idHeader, String id)
            throws IOException {
        String what = operation + " of " + idHeader + ' ' + id + " in database " + db;
        String path = "/api/" + encode(db) + "/_stream_load_2pc";
        Optional<URI> direct = backends.directTarget(path);
        if (direct.isPresent()) {
            return twoPhaseCommit(direct.get(), what, operation, idHeader, id, null);
        }
        return fes.call(what, fe -> twoPhaseCommit(URI.create(fe.baseUrl() + path), what, operation, idHeader, id, fe));
    }

    /** @param fe the FE asked, or null for a BE of {@code benodes} */
    private TwoPhaseCommitAnswer twoPhaseCommit(
            URI uri, String what, String operation, String idHeader, String id, FeNode fe) throws IOException {
        HttpAnswer answer = exchange(uri, target -> {
            HttpPut put = new HttpPut(target);
            // the FE checks for the header as on a load; there is no body to wait for
            put.setHeader(HttpHeaders.EXPECT, "100-continue");
            put.setHeader("txn_operation", operation);
            put.setHeader(idHeader, id);
            return put;
        });
        JsonNode body = parse(answer, "the " + what);
        if (body.has("status")) {
            return new TwoPhaseCommitAnswer(body.path("status").asText(), redactor.redact(body.path("msg").asText()));
        }
        if (body.has("code")) {
            if (fe != null) {
                checkAuthorized(body, fe);
            }
            return new TwoPhaseCommitAnswer(body.path("msg").asText(), redactor.redact(errorText(body)));
        }
        throw new IOException("Doris answered the " + what + " with HTTP " + answer.status()
                + " and an unknown body: " + redactor.redact(answer.shortBody()));
    }

    /** Sends the request made by {@code requestFor}, following redirects with our own credentials. */
    private HttpAnswer exchange(URI uri, Function<URI, HttpUriRequestBase> requestFor) throws IOException {
        URI target = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpUriRequestBase request = requestFor.apply(target);
            request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
            HttpAnswer answer = HttpAnswer.send(http, request, redactor);
            if (answer.status() == 401) {
                throw new DorisAuthException(username, redactor.redact(target.getScheme() + "://" + target.getAuthority()));
            }
            if (!answer.isRedirect()) {
                return answer;
            }
            target = backends.reachable(answer.redirectTarget(target));
        }
        throw new IOException("More than " + MAX_REDIRECTS + " redirects from " + redactor.redact(uri.toString()));
    }

    private JsonNode envelope(FeNode fe, HttpAnswer answer) throws IOException {
        JsonNode envelope = parse(answer, "the request");
        checkAuthorized(envelope, fe);
        return envelope;
    }

    private void checkAuthorized(JsonNode envelope, FeNode fe) throws DorisAuthException {
        if (envelope.path("code").asInt(-1) == 401) {
            throw new DorisAuthException(username, fe.toString(), redactor.redact(errorText(envelope)));
        }
    }

    private JsonNode parse(HttpAnswer answer, String what) throws IOException {
        try {
            JsonNode node = JSON.readTree(answer.body());
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // reported below with the status and body
        }
        throw new IOException("Doris answered " + what + " with HTTP " + answer.status() + " and a body that is not "
                + "a JSON object: " + redactor.redact(answer.shortBody()));
    }

    /** Doris puts the error text into {@code data} and a generic word into {@code msg}. */
    private static String errorText(JsonNode envelope) {
        JsonNode data = envelope.path("data");
        if (data.isTextual() && !data.asText().isEmpty()) {
            return data.asText();
        }
        if (data.isMissingNode() || data.isNull()) {
            return envelope.path("msg").asText();
        }
        return envelope.path("msg").asText() + ' ' + data;
    }

    /** Closes connections at once: a request still waiting for an FE that does not answer fails now. */
    @Override
    public void close() throws IOException {
        http.close(CloseMode.IMMEDIATE);
    }
}
