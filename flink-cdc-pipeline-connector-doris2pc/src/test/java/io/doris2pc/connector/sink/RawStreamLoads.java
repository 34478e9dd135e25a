package io.doris2pc.connector.sink;

import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stream loads sent straight to the test server's BE, independent of the connector's client: they make the
 * transactions (PREPARE, PRECOMMITTED, VISIBLE) that the committer and the aborter are tested on.
 */
final class RawStreamLoads implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DorisTestServer server;
    private final CloseableHttpClient http = HttpClients.custom().disableRedirectHandling().build();

    RawStreamLoads(DorisTestServer server) {
        this.server = server;
    }

    /** Loads {@code jsonLines} with two-phase commit and returns the PRECOMMITTED transaction's id. */
    long preCommit(String db, String table, String label, String jsonLines) throws IOException {
        JsonNode answer = load(db, table, label, true, new StringEntity(jsonLines, ContentType.APPLICATION_JSON));
        assertEquals("Success", answer.path("Status").asText(), answer.toString());
        return answer.path("TxnId").asLong();
    }

    /** Loads {@code jsonLines} without two-phase commit: the transaction becomes VISIBLE. */
    void loadVisible(String db, String table, String label, String jsonLines) throws IOException {
        JsonNode answer = load(db, table, label, false, new StringEntity(jsonLines, ContentType.APPLICATION_JSON));
        assertEquals("Success", answer.path("Status").asText(), answer.toString());
        awaitState(db, label, TxnState.VISIBLE);
    }

    /** Begins a two-phase load whose body stays open, so its transaction stays PREPARE until the handle is closed. */
    OpenLoad begin(String db, String table, String label) {
        CountDownLatch release = new CountDownLatch(1);
        // Headers and the first row are flushed at once, so Doris begins the transaction while the body stays open.
        HttpEntity body =
                new AbstractHttpEntity(ContentType.APPLICATION_JSON, null, true) {
                    @Override
                    public void writeTo(OutputStream out) throws IOException {
                        out.write("{\"id\":1,\"name\":\"open\"}\n".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        try {
                            release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public InputStream getContent() {
                        throw new UnsupportedOperationException("a streamed body");
                    }

                    @Override
                    public boolean isStreaming() {
                        return true;
                    }

                    @Override
                    public long getContentLength() {
                        return -1;
                    }

                    @Override
                    public void close() {}
                };
        CompletableFuture<JsonNode> answer =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return load(db, table, label, true, body);
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        awaitState(db, label, TxnState.PREPARE);
        return new OpenLoad(release, answer);
    }

    /** Waits until the transaction holding {@code label} is in {@code state}. */
    TxnInfo awaitState(String db, String label, TxnState state) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            TxnInfo txn = server.transaction(db, label).orElse(null);
            if (txn != null && txn.state() == state) {
                return txn;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Transaction " + label + " did not reach " + state + " within "
                        + DEADLINE + "; it is " + txn);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + label, e);
            }
        }
    }

    private JsonNode load(String db, String table, String label, boolean twoPhase,
            HttpEntity body) throws IOException {
        HttpPut put = new HttpPut("http://" + server.beAddress() + "/api/" + db + "/" + table + "/_stream_load");
        String credentials = server.user() + ":" + server.password();
        put.setHeader("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        put.setHeader("label", label);
        put.setHeader("format", "json");
        put.setHeader("read_json_by_line", "true");
        put.setHeader("two_phase_commit", String.valueOf(twoPhase));
        put.setEntity(body);
        return http.execute(put, response -> JSON.readTree(EntityUtils.toString(response.getEntity())));
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** A load whose body is still being sent. */
    static final class OpenLoad implements AutoCloseable {
        private final CountDownLatch release;
        private final CompletableFuture<JsonNode> answer;

        private OpenLoad(CountDownLatch release, CompletableFuture<JsonNode> answer) {
            this.release = release;
            this.answer = answer;
        }

        /** Ends the body and returns Doris's answer to the load. */
        @Override
        public void close() {
            release.countDown();
            answer.orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
        }
    }
}
