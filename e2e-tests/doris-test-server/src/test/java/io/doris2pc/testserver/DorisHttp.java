package io.doris2pc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

/** A plain HTTP client for the tests: loads through the FE redirect or straight to the BE, 2PC, SQL, GETs. */
final class DorisHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private final DorisTestServer server;
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final CloseableHttpClient apache = HttpClients.custom()
            .disableRedirectHandling()
            .build();

    DorisHttp(DorisTestServer server) {
        this.server = server;
    }

    String auth() {
        return auth(server.user(), server.password());
    }

    static String auth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends the load's headers to the FE and, on its 307, the whole load to the BE named in the Location, as a
     * Stream Load client does; otherwise returns the FE's own answer.
     */
    JsonNode load(String db, String table, Map<String, String> headers, String body) throws Exception {
        Answer fe = headersOnly("PUT", server.fePort(), "/api/" + db + "/" + table + "/_stream_load", headers,
                body.getBytes(StandardCharsets.UTF_8).length);
        if (fe.status != 307) {
            return JSON.readTree(fe.body());
        }
        URI location = URI.create(fe.location);
        String target = "http://" + location.getHost() + ":" + location.getPort() + location.getRawPath()
                + (location.getRawQuery() != null ? "?" + location.getRawQuery() : "");
        return JSON.readTree(put(target, headers, body, auth()).body());
    }

    /**
     * A request whose body is announced ({@code Expect: 100-continue}) but never sent, over a raw socket:
     * httpclient5 sends the body after any final answer below 400, so it cannot ask an FE for its redirect.
     */
    Answer headersOnly(String method, int port, String path, Map<String, String> headers, long contentLength)
            throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Authorization: ").append(auth()).append("\r\nExpect: 100-continue\r\n")
                .append("Content-Length: ").append(contentLength).append("\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while (!head.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
                head.append((char) b);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            String location = null;
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("location: ")) {
                    location = line.substring(10).trim();
                } else if (lower.startsWith("content-length: ")) {
                    length = Integer.parseInt(line.substring(16).trim());
                }
            }
            return new Answer(status, location, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    /** PUT straight to the BE. */
    JsonNode loadToBe(String db, String table, Map<String, String> headers, String body) throws Exception {
        return JSON.readTree(put("http://" + server.beAddress() + "/api/" + db + "/" + table + "/_stream_load",
                headers, body, auth()).body());
    }

    /** A JSON-lines load through the FE, pre-committed only when {@code twoPhase}. */
    JsonNode jsonLines(String db, String table, String label, boolean twoPhase, String body) throws Exception {
        Map<String, String> headers = new HashMap<>(Map.of("format", "json", "read_json_by_line", "true", "label", label));
        if (twoPhase) {
            headers.put("two_phase_commit", "true");
        }
        return load(db, table, headers, body);
    }

    /** A 2PC load that must succeed; returns its transaction id (now PRECOMMITTED). */
    long precommit(String db, String table, String label, String body) throws Exception {
        JsonNode r = jsonLines(db, table, label, true, body);
        if (!"Success".equals(r.path("Status").asText())) {
            throw new AssertionError("2PC load " + label + " failed: " + r);
        }
        return r.get("TxnId").asLong();
    }

    JsonNode twoPc(String db, Map<String, String> headers) throws Exception {
        return JSON.readTree(put("http://" + server.beAddress() + "/api/" + db + "/_stream_load_2pc", headers, "", auth()).body());
    }

    JsonNode commit(String db, long txnId) throws Exception {
        return twoPc(db, Map.of("txn_operation", "commit", "txn_id", String.valueOf(txnId)));
    }

    JsonNode abort(String db, long txnId) throws Exception {
        return twoPc(db, Map.of("txn_operation", "abort", "txn_id", String.valueOf(txnId)));
    }

    JsonNode commitByLabel(String db, String label) throws Exception {
        return twoPc(db, Map.of("txn_operation", "commit", "label", label));
    }

    JsonNode abortByLabel(String db, String label) throws Exception {
        return twoPc(db, Map.of("txn_operation", "abort", "label", label));
    }

    /** A PUT with {@code Expect: 100-continue} (the JDK client hangs on a 307 in that case, so httpclient5). */
    Answer put(String url, Map<String, String> headers, String body, String authorization) throws IOException {
        return put(url, headers, new StringEntity(body, StandardCharsets.UTF_8), authorization);
    }

    /** PUT straight to the BE, the body as given (e.g. compressed). */
    JsonNode loadBytesToBe(String db, String table, Map<String, String> headers, byte[] body) throws Exception {
        return JSON.readTree(put("http://" + server.beAddress() + "/api/" + db + "/" + table + "/_stream_load",
                headers, new ByteArrayEntity(body, null), auth()).body());
    }

    private Answer put(String url, Map<String, String> headers, HttpEntity body, String authorization)
            throws IOException {
        HttpPut put = new HttpPut(url);
        put.setHeader("Expect", "100-continue");
        if (authorization != null) {
            put.setHeader("Authorization", authorization);
        }
        headers.forEach(put::setHeader);
        put.setEntity(body);
        return apache.execute(put, response -> {
            Header location = response.getFirstHeader("Location");
            String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return new Answer(response.getCode(), location == null ? null : location.getValue(), text);
        });
    }

    /** Status, Location and body of an answer. */
    static final class Answer {
        final int status;
        final String location;
        final String body;

        Answer(int status, String location, String body) {
            this.status = status;
            this.location = location;
            this.body = body;
        }

        String body() {
            return body;
        }
    }

    /** POST /api/query/default_cluster/{db}; returns the envelope. */
    JsonNode sql(String db, String stmt) throws Exception {
        return sql(db, stmt, auth());
    }

    /** The same, with other credentials. */
    JsonNode sql(String db, String stmt, String authorization) throws Exception {
        URI uri = new URI("http", null, server.host(), server.fePort(), "/api/query/default_cluster/" + db, null, null);
        HttpRequest r = HttpRequest.newBuilder(uri)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("stmt", stmt))))
                .build();
        return JSON.readTree(client.send(r, HttpResponse.BodyHandlers.ofString()).body());
    }

    HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode feGet(String path) throws Exception {
        return JSON.readTree(get("http://" + server.feAddress() + path, auth()).body());
    }

    /** POST /api/query/default_cluster/{db} with this JSON body and extra headers; returns the answer as parsed. */
    JsonNode sqlBody(String db, String jsonBody, Map<String, String> headers) throws Exception {
        URI uri = new URI("http", null, server.host(), server.fePort(), "/api/query/default_cluster/" + db, null, null);
        HttpRequest.Builder r = HttpRequest.newBuilder(uri)
                .header("Authorization", auth())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        headers.forEach(r::header);
        return JSON.readTree(client.send(r.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Sends {@code request} as written and returns the whole answer, status line to body. */
    static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
                if (got.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
                    String text = got.toString(StandardCharsets.UTF_8);
                    int cl = text.toLowerCase().indexOf("content-length: ");
                    int len = Integer.parseInt(text.substring(cl + 16, text.indexOf("\r\n", cl)).trim());
                    if (got.size() >= text.indexOf("\r\n\r\n") + 4 + len) {
                        break;
                    }
                }
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

}
