package io.doris2pc.testserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.Header;
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
    private final CloseableHttpClient apache = HttpClients.custom().disableRedirectHandling().build();

    DorisHttp(DorisTestServer server) {
        this.server = server;
    }

    String auth() {
        return auth(server.user(), server.password());
    }

    static String auth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** PUT to the FE with Expect: 100-continue; follows the 307 to the BE by hand; returns the BE's answer. */
    JsonNode load(String db, String table, Map<String, String> headers, String body) throws Exception {
        Answer fe = put("http://" + server.feAddress() + "/api/" + db + "/" + table + "/_stream_load",
                headers, body, auth());
        if (fe.status != 307) {
            return JSON.readTree(fe.body());
        }
        URI location = URI.create(fe.location);
        String target = "http://" + location.getHost() + ":" + location.getPort() + location.getRawPath()
                + (location.getRawQuery() != null ? "?" + location.getRawQuery() : "");
        return JSON.readTree(put(target, headers, body, auth()).body());
    }

    /** PUT straight to the BE. */
    JsonNode loadToBe(String db, String table, Map<String, String> headers, String body) throws Exception {
        return JSON.readTree(put("http://" + server.beAddress() + "/api/" + db + "/" + table + "/_stream_load",
                headers, body, auth()).body());
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

    /** A PUT with {@code Expect: 100-continue} (the JDK client hangs on a 307 in that case, so httpclient5). */
    Answer put(String url, Map<String, String> headers, String body, String authorization) throws IOException {
        HttpPut put = new HttpPut(url);
        put.setHeader("Expect", "100-continue");
        if (authorization != null) {
            put.setHeader("Authorization", authorization);
        }
        headers.forEach(put::setHeader);
        put.setEntity(new StringEntity(body, StandardCharsets.UTF_8));
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
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://" + server.feAddress() + "/api/query/default_cluster/" + db))
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
}
