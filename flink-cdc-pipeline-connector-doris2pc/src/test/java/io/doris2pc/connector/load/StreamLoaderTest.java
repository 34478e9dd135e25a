package io.doris2pc.connector.load;

import io.doris2pc.connector.client.CapturedLogs;
import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.client.TestConfigs;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.doris2pc.connector.client.NoPassword.assertNoPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stream Loads against the Doris test server: the happy path, Doris's refusals and injected faults. */
class StreamLoaderTest {

    private DorisTestServer server;
    private Doris2pcSinkConfig config;
    private CapturedLogs logs;

    @BeforeEach
    void start() {
        logs = new CapturedLogs();
        server = TestConfigs.startServer();
        TestConfigs.createTable(server, "db", "t");
        config = TestConfigs.config(server.feAddress());
    }

    @AfterEach
    void stop() {
        server.close();
        logs.close();
        logs.lines().forEach(line -> assertNoPassword(line));
    }

    @Test
    void rowsBecomeVisibleOnlyAfterCommit() throws Exception {
        PreCommittedLoad done;
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad load = loader.begin("db", "t", "l1", false);
            assertEquals(TxnState.PREPARE, state("l1"));
            String rows = "{\"id\":1,\"name\":\"a\",\"score\":10}\n{\"id\":2,\"name\":null,\"score\":20}\n";
            for (String row : rows.split("(?<=\n)")) {
                write(load, row);
            }
            done = load.finish();
            assertEquals(rows.length(), done.bytes());
            assertEquals(config.bufferCount(), loader.bufferPool().available());
        }
        assertEquals(TxnState.PRECOMMITTED, state("l1"));
        assertEquals("db", done.db());
        assertEquals("t", done.table());
        assertEquals("l1", done.label());
        assertEquals(server.transaction("db", "l1").get().txnId(), done.txnId());
        assertEquals(2, done.loadedRows());
        assertEquals(0, done.filteredRows());
        assertTrue(server.rows("db", "t").isEmpty());

        try (DorisHttpClient client = new DorisHttpClient(config)) {
            assertTrue(client.commit("db", done.txnId()).isSuccess());
        }
        List<Map<String, Object>> rows = server.rows("db", "t");
        assertEquals(2, rows.size(), rows.toString());
        assertEquals("a", rows.get(0).get("name"));
        assertEquals(null, rows.get(1).get("name"));
    }

    @Test
    void anEmptyLoadPreCommitsATransactionWithoutRows() throws Exception {
        try (StreamLoader loader = new StreamLoader(config)) {
            PreCommittedLoad done = loader.begin("db", "t", "empty", false).finish();
            assertEquals(0, done.loadedRows());
            assertEquals(0, done.bytes());
        }
        TxnInfo txn = server.transaction("db", "empty").get();
        assertEquals(TxnState.PRECOMMITTED, txn.state());
        assertEquals(0, txn.loadedRows());
    }

    @Test
    void deleteSignRemovesRows() throws Exception {
        try (StreamLoader loader = new StreamLoader(config); DorisHttpClient client = new DorisHttpClient(config)) {
            StreamLoad insert = loader.begin("db", "t", "ins", true);
            write(insert, "{\"id\":1,\"name\":\"a\",\"score\":1,\"__DORIS_DELETE_SIGN__\":\"0\"}\n");
            write(insert, "{\"id\":2,\"name\":\"b\",\"score\":2,\"__DORIS_DELETE_SIGN__\":\"0\"}\n");
            client.commit("db", insert.finish().txnId());
            StreamLoad delete = loader.begin("db", "t", "del", true);
            write(delete, "{\"id\":1,\"name\":\"a\",\"score\":1,\"__DORIS_DELETE_SIGN__\":\"1\"}\n");
            client.commit("db", delete.finish().txnId());
        }
        List<Map<String, Object>> rows = server.rows("db", "t");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(2, ((Number) rows.get(0).get("id")).intValue());
    }

    @Test
    void aUsedLabelFailsBeginWithTheTransactionHoldingIt() throws Exception {
        try (StreamLoader loader = new StreamLoader(config)) {
            PreCommittedLoad first = loader.begin("db", "t", "dup", false).finish();
            LabelAlreadyExistsException e =
                    assertThrows(LabelAlreadyExistsException.class, () -> loader.begin("db", "t", "dup", false));
            assertEquals("PRECOMMITTED", e.existingJobStatus());
            assertEquals(first.txnId(), e.existingTxnId());
            assertEquals("Label Already Exists", e.status());
            assertTrue(e.getMessage().contains("table db.t (label dup)"), e.getMessage());
            assertEquals(config.bufferCount(), loader.bufferPool().available());
        }
        // the refused load must not have touched the transaction that holds the label
        assertEquals(TxnState.PRECOMMITTED, state("dup"));
        assertEquals(1, server.transactions("db").size());
    }

    @Test
    void theTransactionHoldingALabelIsFoundInTheOlderMessageFormToo() throws Exception {
        try (DorisTestServer legacy = DorisTestServer.builder()
                        .user("root").password(TestConfigs.PASSWORD).legacyErrorStyle(true).start();
                StreamLoader loader = new StreamLoader(TestConfigs.config(legacy.feAddress()))) {
            TestConfigs.createTable(legacy, "db", "t");
            StreamLoad running = loader.begin("db", "t", "dup", false);
            LabelAlreadyExistsException e =
                    assertThrows(LabelAlreadyExistsException.class, () -> loader.begin("db", "t", "dup", false));
            assertEquals("RUNNING", e.existingJobStatus());
            assertEquals(legacy.transaction("db", "dup").get().txnId(), e.existingTxnId());
            assertFalse(e.dorisMessage().startsWith("["), e.dorisMessage());
            running.abort();
        }
    }

    @Test
    void aFailedLoadNamesTableLabelAndDorisMessage() throws Exception {
        server.faults().failNextLoads(1, "[INTERNAL_ERROR]cancelled: injected");
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoadException e =
                    assertThrows(StreamLoadException.class, () -> loader.begin("db", "t", "f1", false));
            assertEquals(
                    "Doris refused the Stream Load of table db.t (label f1): Status 'Fail', "
                            + "Message '[INTERNAL_ERROR]cancelled: injected'",
                    e.getMessage());
            assertEquals("t", e.table());
            assertEquals("f1", e.label());
            assertEquals(config.bufferCount(), loader.bufferPool().available());
            // the next label works
            assertEquals(0, loader.begin("db", "t", "f2", false).finish().loadedRows());
        }
    }

    @Test
    void filteredRowsFailTheLoadWithTheRejectedRowAndReason() throws Exception {
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad load = loader.begin("db", "t", "bad", false);
            write(load, "{\"id\":1,\"name\":\"ok\",\"score\":1}\n");
            write(load, "{\"id\":2,\"name\":\"far too long\",\"score\":2}\n");
            StreamLoadException e = assertThrows(StreamLoadException.class, load::finish);
            assertTrue(e.getMessage().startsWith("Doris refused the Stream Load of table db.t (label bad): Status "
                    + "'Fail', Message '[DATA_QUALITY_ERROR]too many filtered rows', NumberFilteredRows 1. "
                    + "Rejected rows and reasons from the error log: "), e.getMessage());
            assertTrue(e.getMessage().contains("the length of input is too long than schema"), e.getMessage());
            assertTrue(e.getMessage().contains("far too long"), e.getMessage());
            assertTrue(e.getMessage().endsWith("Widen the Doris column, or accept losing such rows with "
                    + "sink.properties.max_filter_ratio"), e.getMessage());
            assertNoPassword(e);
        }
        assertEquals(TxnState.ABORTED, state("bad"));
    }

    @Test
    void aValueDorisCannotReadFailsTheLoadInsteadOfBecomingNull() throws Exception {
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad load = loader.begin("db", "t", "unreadable", false);
            write(load, "{\"id\":1,\"name\":\"ok\",\"score\":\"twelve\"}\n");
            StreamLoadException e = assertThrows(StreamLoadException.class, load::finish);
            assertTrue(e.getMessage().contains("column(score) value is incorrect while strict mode is true"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("twelve"), e.getMessage());
        }
        assertEquals(TxnState.ABORTED, state("unreadable"));
    }

    @Test
    void strictModeOffIsTheUsersChoice() throws Exception {
        config = TestConfigs.config(server.feAddress(), "sink.properties.strict_mode", "false");
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad load = loader.begin("db", "t", "lenient", false);
            write(load, "{\"id\":1,\"name\":\"ok\",\"score\":\"twelve\"}\n");
            assertEquals(1, load.finish().loadedRows());
        }
        assertEquals(TxnState.PRECOMMITTED, state("lenient"));
    }

    @Test
    void filteredRowsThatDorisAcceptsAreReported() throws Exception {
        config = TestConfigs.config(server.feAddress(), "sink.properties.max_filter_ratio", "0.5");
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad load = loader.begin("db", "t", "ratio", false);
            write(load, "{\"id\":1,\"name\":\"ok\",\"score\":1}\n");
            write(load, "{\"id\":2,\"name\":\"far too long\",\"score\":2}\n");
            PreCommittedLoad done = load.finish();
            assertEquals(1, done.loadedRows());
            assertEquals(1, done.filteredRows());
        }
        assertEquals(TxnState.PRECOMMITTED, state("ratio"));
    }

    @Test
    void aBodyCutByTheBackendFailsTheNextWriteOrFinish() throws Exception {
        config = TestConfigs.config(server.feAddress(), "sink.buffer-size", "4096", "sink.buffer-count", "2");
        server.faults().cutNextLoadBodyAfter(10_000);
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad load = loader.begin("db", "t", "cut", false);
            IOException e = assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100_000; i++) {
                    write(load, "{\"id\":" + i + ",\"name\":\"x\",\"score\":1}\n");
                }
                load.finish();
            });
            assertTrue(e.getMessage().startsWith("The Stream Load of table db.t (label cut) failed without an "
                    + "answer from Doris: "), e.getMessage());
            assertNoPassword(e);
            load.abort();
            awaitAllBuffersBack(loader);
        }
        assertEquals(TxnState.ABORTED, state("cut"));
    }

    @Test
    void aSilentDorisFailsBeginWithinTheSocketTimeout() throws Exception {
        config = TestConfigs.config(server.feAddress(), "sink.socket-timeout", "500ms", "sink.max-retries", "0");
        server.faults().delayResponses(Duration.ofSeconds(3));
        try (StreamLoader loader = new StreamLoader(config)) {
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> loader.begin("db", "t", "slow", false));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0);
            assertTrue(e.getMessage().startsWith("No Doris FE of 'fenodes' [http://" + server.feAddress()
                    + "] answered the Stream Load of table db.t (label slow): PUT http://" + server.feAddress()
                    + "/api/db/t/_stream_load failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("Read timed out"), e.getMessage());
        }
    }

    @Test
    void anFeOutageShorterThanTheRetriesIsRiddenOutBeforeTheLoadBegins() throws Exception {
        config = TestConfigs.config(server.feAddress(), "sink.max-retries", "3", "sink.retry-backoff", "100ms");
        server.faults().feUnavailable(3);
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad load = loader.begin("db", "t", "after-outage", false);
            write(load, "{\"id\":1,\"name\":\"a\",\"score\":1}\n");
            assertEquals(1, load.finish().loadedRows());
        }
        assertFalse(server.faults().pending(), "the three 503 answers were consumed");
        assertEquals(1, server.transactions().size(), "one transaction, begun once: " + server.transactions());
    }

    @Test
    void anFeOutageLongerThanTheRetriesFailsBeginNamingTheOption() throws Exception {
        config = TestConfigs.config(server.feAddress(), "sink.max-retries", "2", "sink.retry-backoff", "100ms");
        server.faults().feUnavailableFor(Duration.ofSeconds(5));
        try (StreamLoader loader = new StreamLoader(config)) {
            IOException e = assertThrows(IOException.class, () -> loader.begin("db", "t", "outage", false));
            assertTrue(e.getMessage().startsWith("No Doris FE of 'fenodes' [http://" + server.feAddress()
                    + "] answered the Stream Load of table db.t (label outage): "), e.getMessage());
            assertTrue(e.getMessage().contains("answered HTTP 503"), e.getMessage());
            assertTrue(e.getMessage().endsWith("(no answer after 2 retries, sink.max-retries)"), e.getMessage());
        }
        assertTrue(server.transactions().isEmpty(), "no transaction began: " + server.transactions());
    }

    @Test
    void abortingAnOpenLoadAbortsItsTransactionAndReturnsItsBuffers() throws Exception {
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad load = loader.begin("db", "t", "ab", false);
            write(load, "{\"id\":1,\"name\":\"a\",\"score\":1}\n");
            load.abort();
            load.abort();
            awaitAllBuffersBack(loader);
            awaitState("ab", TxnState.ABORTED);
            assertThrows(IllegalStateException.class, () -> write(load, "{}\n"));
        }
    }

    @Test
    void abortAfterPreCommitLeavesTheTransactionToTheCommitter() throws Exception {
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad load = loader.begin("db", "t", "kept", false);
            write(load, "{\"id\":1,\"name\":\"a\",\"score\":1}\n");
            load.finish();
            load.abort();
        }
        assertEquals(TxnState.PRECOMMITTED, state("kept"));
    }

    @Test
    void closingTheLoaderAbortsItsOpenLoads() throws Exception {
        try (StreamLoader loader = new StreamLoader(config)) {
            write(loader.begin("db", "t", "open", false), "{\"id\":1,\"name\":\"a\",\"score\":1}\n");
        }
        awaitState("open", TxnState.ABORTED);
    }

    @Test
    void aDeadFirstFeIsSkipped() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        config = TestConfigs.config("127.0.0.1:" + deadPort + "," + server.feAddress());
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad load = loader.begin("db", "t", "fo", false);
            write(load, "{\"id\":1,\"name\":\"a\",\"score\":1}\n");
            assertEquals(1, load.finish().loadedRows());
        }
    }

    private TxnState state(String label) {
        return server.transaction("db", label).get().state();
    }

    private void awaitState(String label, TxnState expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (state(label) != expected) {
            assertTrue(System.nanoTime() < deadline, "transaction " + label + " is " + state(label)
                    + ", not " + expected + ", after 5 s");
            Thread.sleep(10);
        }
    }

    static void awaitAllBuffersBack(StreamLoader loader) throws InterruptedException {
        BufferPool pool = loader.bufferPool();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (pool.available() < pool.capacity()) {
            assertTrue(System.nanoTime() < deadline, "only " + pool.available() + " buffers back after 5 s");
            Thread.sleep(10);
        }
    }

    static void write(StreamLoad load, String line) throws IOException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        load.write(bytes, 0, bytes.length);
    }
}
