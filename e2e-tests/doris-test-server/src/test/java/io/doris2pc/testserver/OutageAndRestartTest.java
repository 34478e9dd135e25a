package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An FE outage of a known length, and what a restart keeps (FE metadata,
 * pre-committed and finished transactions) and what it kills (loads in flight).
 */
class OutageAndRestartTest {
    private static final Map<String, String> TWO_PHASE =
            Map.of("format", "json", "read_json_by_line", "true", "two_phase_commit", "true");

    private DorisTestServer server;
    private DorisHttp http;

    @BeforeEach
    void start() {
        server = DorisTestServer.builder().start();
        http = new DorisHttp(server);
        TestTables.createUsers(server, "db", "t");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void feAnswers503ForTheWholeOutageThenServesAgain() throws Exception {
        server.faults().feUnavailableFor(Duration.ofMillis(600));
        assertTrue(server.faults().pending());
        assertEquals(503, http.get("http://" + server.feAddress() + "/api/health", http.auth()).statusCode());
        assertEquals(503, http.get("http://" + server.feAddress() + "/api/health", http.auth()).statusCode(),
                "an outage is not consumed by one request");

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.faults().pending()) {
            assertTrue(System.nanoTime() < deadline, "the 600 ms outage did not end within 5 s");
            Thread.sleep(20);
        }
        assertEquals(200, http.get("http://" + server.feAddress() + "/api/health", http.auth()).statusCode());
        assertEquals(2, server.faults().feRequestsRefused());
    }

    @Test
    void aCountedFaultIsPendingUntilARequestConsumesIt() throws Exception {
        assertFalse(server.faults().pending());
        server.faults().dropNextCommitResponses(1);
        assertTrue(server.faults().pending());
        JsonNode load = http.load("db", "t", with("label", "pending1"), "{\"id\":1}\n");
        try {
            http.commit("db", load.get("TxnId").asLong());
        } catch (Exception expected) {
            // the connection closes without an answer
        }
        assertFalse(server.faults().pending());
        assertEquals(TxnState.VISIBLE, server.transaction("db", "pending1").orElseThrow().state());
    }

    @Test
    void restartKillsTheLoadInFlightAndKeepsMetadataAndPreCommittedTransactions() throws Exception {
        JsonNode preCommitted = http.load("db", "t", with("label", "kept"), "{\"id\":1,\"name\":\"a\"}\n");
        assertEquals("Success", preCommitted.get("Status").asText());

        try (Socket streaming = new Socket("127.0.0.1", server.bePort())) {
            streaming.setSoTimeout(5000);
            OutputStream out = streaming.getOutputStream();
            out.write(("PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\nAuthorization: " + http.auth()
                    + "\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\nformat: json\r\n"
                    + "read_json_by_line: true\r\ntwo_phase_commit: true\r\nlabel: streaming\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            String chunk = "{\"id\":2,\"name\":\"b\"}\n";
            out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitState("streaming", TxnState.PREPARE);

            server.restart();

            InputStream in = streaming.getInputStream();
            byte[] rest = new byte[4096];
            int total = 0;
            int n;
            while ((n = in.read(rest, total, rest.length - total)) > 0) {
                total += n;
            }
            assertFalse(new String(rest, 0, total, StandardCharsets.UTF_8).contains("\"Status\""),
                    "a load in flight gets no answer from a restarting BE");
        }

        TxnInfo killed = server.transaction("db", "streaming").orElseThrow();
        assertEquals(TxnState.ABORTED, killed.state());
        assertEquals("coordinate BE is down", killed.abortReason());
        assertEquals(TxnState.PRECOMMITTED, server.transaction("db", "kept").orElseThrow().state());
        assertTrue(server.tableExists("db", "t"), "FE metadata survives");

        JsonNode commit = http.commit("db", preCommitted.get("TxnId").asLong());
        assertEquals("Success", commit.get("status").asText(), commit.toString());
        assertEquals(1, server.rows("db", "t").size());
        assertEquals("a", server.rows("db", "t").get(0).get("name"));
    }

    @Test
    void anUnavailableCommitLeavesItsTransactionPreCommittedAndOnlyCommitsAreRefused() throws Exception {
        JsonNode load = http.load("db", "t", with("label", "later"), "{\"id\":1}\n");
        String txnId = load.get("TxnId").asText();
        server.faults().commitsUnavailable(1);

        assertNotEquals(503, twoPcAtFe("abort", "999"), "aborts are not refused");
        assertEquals(503, twoPcAtFe("commit", txnId));
        assertEquals(TxnState.PRECOMMITTED, server.transaction("db", "later").orElseThrow().state());
        assertFalse(server.faults().pending());
        assertNotEquals(503, twoPcAtFe("commit", txnId));
        assertEquals(1, server.faults().feRequestsRefused());
    }

    /** A 2PC request to the FE by a client that retries nothing (httpclient5 repeats a 503 on its own). */
    private int twoPcAtFe(String operation, String txnId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + server.feAddress() + "/api/db/_stream_load_2pc"))
                .header("Authorization", http.auth())
                .header("txn_operation", operation)
                .header("txn_id", txnId)
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build();
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void refusedLoadsAreRecordedWithLabelStatusAndMessage() throws Exception {
        server.faults().runningTxnLimit(1);
        http.load("db", "t", with("label", "holds-quota"), "{\"id\":1}\n");
        JsonNode refused = http.load("db", "t", with("label", "over-limit"), "{\"id\":2}\n");

        assertEquals("Fail", refused.get("Status").asText());
        assertEquals(1, server.refusedLoads().size(), server.refusedLoads().toString());
        String refusal = server.refusedLoads().get(0);
        assertTrue(refusal.startsWith("label over-limit: Fail: "), refusal);
        assertTrue(refusal.endsWith(", larger than limit 1"), refusal);
    }

    private void awaitState(String label, TxnState state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.transaction("db", label).map(TxnInfo::state).orElse(null) != state) {
            assertTrue(System.nanoTime() < deadline, "label " + label + " did not reach " + state + " within 5 s");
            Thread.sleep(10);
        }
    }

    private static Map<String, String> with(String header, String value) {
        Map<String, String> headers = new HashMap<>(TWO_PHASE);
        headers.put(header, value);
        return headers;
    }
}
