package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every fault of {@link Faults}, {@link DorisTestServer#restart()}, and the state readers tests assert on. */
class FaultsTest {
    private static final String ROW = "{\"id\":1,\"name\":\"a\"}";

    private final ServerFixture f = new ServerFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    /** Sends a raw request and returns every byte the server sends until it closes the connection. */
    private static String untilClosed(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            try {
                while ((n = in.read(buf)) >= 0) {
                    got.write(buf, 0, n);
                }
            } catch (IOException reset) {
                // a reset ends the answer as a close does
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    private String commitRequest(long txnId) {
        return "PUT /api/db/_stream_load_2pc HTTP/1.1\r\nHost: h\r\nAuthorization: " + f.http.auth()
                + "\r\ntxn_operation: commit\r\ntxn_id: " + txnId + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    }

    @Test
    void failNextLoadsFailsThatManyLoadsWithoutATransaction() throws Exception {
        f.server.faults().failNextLoads(2, "injected failure");
        for (String label : new String[] {"f1", "f2"}) {
            JsonNode r = f.http.jsonLines("db", "t", label, true, ROW);
            assertEquals("Fail", r.get("Status").asText());
            assertEquals("injected failure", r.get("Message").asText());
            assertEquals(-1, r.get("TxnId").asLong());
        }
        assertTrue(f.server.transactions().isEmpty());
        assertEquals("Success", f.http.jsonLines("db", "t", "f3", true, ROW).get("Status").asText());
    }

    @Test
    void failNextCommitsLeavesTheTransactionPrecommitted() throws Exception {
        long txn = f.http.precommit("db", "t", "c", ROW);
        f.server.faults().failNextCommits(1, "injected commit failure");
        JsonNode refused = f.http.commit("db", txn);
        assertEquals("ANALYSIS_ERROR", refused.get("status").asText());
        assertEquals("TStatus: errCode = 2, detailMessage = injected commit failure", refused.get("msg").asText());
        assertEquals(TxnState.PRECOMMITTED, f.state("c"));
        assertEquals("Success", f.http.commit("db", txn).get("status").asText());
        assertEquals(TxnState.VISIBLE, f.state("c"));
    }

    @Test
    void cutNextLoadBodyDropsTheConnectionAndAbortsTheTransaction() throws Exception {
        f.server.faults().cutNextLoadBodyAfter(10);
        try (InFlightLoad load = InFlightLoad.open(f.server, "db", "t", "cut", "two_phase_commit: true\r\n")) {
            load.send(ROW + "\n" + ROW + "\n");
            assertTrue(load.closedByServer(), "the BE closed the connection without an answer");
        }
        assertEquals(TxnState.ABORTED, f.state("cut"));
        assertTrue(f.txn("cut").abortReason().contains("cut after 10 bytes"), f.txn("cut").abortReason());
        assertEquals("Success", f.http.jsonLines("db", "t", "next", true, ROW).get("Status").asText());
    }

    @Test
    void droppedCommitResponseStillCommitsAndARetrySaysAlreadyVisible() throws Exception {
        long txn = f.http.precommit("db", "t", "d", ROW);
        f.server.faults().dropNextCommitResponses(1);
        assertEquals("", untilClosed(f.server.bePort(), commitRequest(txn)));
        assertEquals(TxnState.VISIBLE, f.state("d"));
        assertEquals(1, f.server.rows("db", "t").size());
        assertEquals("TStatus: errCode = 2, detailMessage = transaction [" + txn + "] is already visible, not pre-committed.",
                f.http.commit("db", txn).get("msg").asText());
    }

    @Test
    void aLostModifyAnswerLeavesItsAlterJobRunningAndTheRetryFindsTheTableBusy() throws Exception {
        f.http.precommit("db", "t", "pending", ROW);
        f.server.faults().loseNextModifyAnswers(1);
        f.http.sql("db", "ALTER TABLE t ADD COLUMN extra INT");
        assertTrue(f.server.faults().pending(), "an ALTER without MODIFY keeps its answer");
        String body = "{\"stmt\":\"ALTER TABLE t MODIFY COLUMN id BIGINT NOT NULL\"}";
        assertEquals("", untilClosed(f.server.fePort(), "POST /api/query/default_cluster/db HTTP/1.1\r\nHost: h\r\n"
                + "Authorization: " + f.http.auth() + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body));
        assertFalse(f.server.faults().pending());
        assertEquals(2, f.server.alterJobs().size(), "the MODIFY started its job before the answer was lost");
        assertTrue(f.http.sql("db", "ALTER TABLE t MODIFY COLUMN id BIGINT NOT NULL").get("data").asText()
                .endsWith("Table[t]'s state(SCHEMA_CHANGE) is not NORMAL. Do not allow doing ALTER ops"));
    }

    @Test
    void delayResponsesHoldsEveryAnswerUntilCleared() throws Exception {
        f.server.faults().delayResponses(Duration.ofMillis(300));
        long start = System.nanoTime();
        f.http.feGet("/api/health");
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "the FE answer waited");
        start = System.nanoTime();
        f.http.get("http://" + f.server.beAddress() + "/api/health", null);
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "the BE answer waited");
        f.server.faults().delayResponses(Duration.ZERO);
        assertEquals(0, f.http.feGet("/api/health").get("code").asInt());
    }

    @Test
    void publishTimeoutOnA2pcCommitAnswersSuccessAndPublishesLater() throws Exception {
        long txn = f.http.precommit("db", "t", "p", ROW);
        f.server.faults().publishTimeoutNextCommits(1);
        assertEquals("Success", f.http.commit("db", txn).get("status").asText());
        assertEquals(TxnState.COMMITTED, f.state("p"));
        Awaits.until("transaction p VISIBLE", Duration.ofSeconds(10), () -> f.state("p") == TxnState.VISIBLE);
        assertEquals(1, f.server.rows("db", "t").size());
    }

    @Test
    void feUnavailableAnswers503ThatManyTimes() throws Exception {
        f.server.faults().feUnavailable(1);
        assertEquals(503, f.http.get("http://" + f.server.feAddress() + "/api/health", f.http.auth()).statusCode());
        assertEquals(200, f.http.get("http://" + f.server.feAddress() + "/api/health", f.http.auth()).statusCode());
    }

    @Test
    void expirePrecommittedAbortsEveryPrecommittedTransactionAsTheTxnManagerWould() throws Exception {
        f.http.precommit("db", "t", "e1", ROW);
        f.http.precommit("db", "t", "e2", "{\"id\":2}");
        f.http.precommit("db", "t", "kept", "{\"id\":3}");
        f.http.commitByLabel("db", "kept");
        f.server.faults().expirePrecommitted();
        for (String label : new String[] {"e1", "e2"}) {
            assertEquals(TxnState.ABORTED, f.state(label));
            assertEquals("timeout by txn manager", f.txn(label).abortReason());
        }
        assertEquals(TxnState.VISIBLE, f.state("kept"));
    }

    @Test
    void runningTxnLimitChangesAtRunTime() throws Exception {
        f.http.precommit("db", "t", "r1", ROW);
        f.server.faults().runningTxnLimit(1);
        JsonNode r = f.http.jsonLines("db", "t", "r2", true, ROW);
        assertTrue(r.get("Message").asText().endsWith("is 1, larger than limit 1"), r.toString());
    }

    @Test
    void clearDropsPendingFaults() throws Exception {
        f.server.faults().failNextLoads(5, "never seen");
        f.server.faults().feUnavailable(5);
        f.server.faults().clear();
        assertEquals("Success", f.http.jsonLines("db", "t", "ok", false, ROW).get("Status").asText());
    }

    @Test
    void restartKillsRunningLoadsAndKeepsPrecommittedOnes() throws Exception {
        long precommitted = f.http.precommit("db", "t", "pre", ROW);
        f.http.jsonLines("db", "t", "visible", false, "{\"id\":2}");
        int fePort = f.server.fePort();
        try (InFlightLoad running = InFlightLoad.open(f.server, "db", "t", "running", "two_phase_commit: true\r\n")) {
            f.server.restart();
            assertTrue(running.closedByServer(), "the running load's connection dropped");
        }
        assertEquals(TxnState.ABORTED, f.state("running"));
        assertEquals(TxnState.PRECOMMITTED, f.state("pre"));
        assertEquals(TxnState.VISIBLE, f.state("visible"));
        assertEquals(fePort, f.server.fePort());
        JsonNode commit = f.http.commit("db", precommitted);
        assertEquals("Success", commit.get("status").asText(), commit.toString());
        assertEquals(2, f.server.rows("db", "t").size());
    }

    @Test
    void stateReadersShowTransactionsCommitsAndRows() throws Exception {
        long txn = f.http.precommit("db", "t", "s", "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}");
        TxnInfo info = f.server.transaction("db", "s").orElseThrow();
        assertEquals(new TxnInfo("db", "t", "s", txn, TxnState.PRECOMMITTED, null, 2), info);
        assertEquals(List.of(info), f.server.transactions("db"));
        f.clock().advance(Duration.ofSeconds(5));
        f.http.commit("db", txn);
        CommitRecord commit = f.server.commits().get(0);
        assertEquals(List.of("db", "t", "s", txn, 2L, ServerFixture.START.plusSeconds(5)),
                List.of(commit.db(), commit.table(), commit.label(), commit.txnId(), commit.rows(), commit.when()));
        assertEquals(List.of(Map.of("id", 1L, "name", "a"), Map.of("id", 2L, "name", "b")),
                f.server.rows("db", "t").stream().map(r -> Map.of("id", r.get("id"), "name", r.get("name")))
                        .collect(Collectors.toList()));
    }
}
