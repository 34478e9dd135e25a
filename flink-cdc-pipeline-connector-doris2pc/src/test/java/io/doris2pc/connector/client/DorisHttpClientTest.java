package io.doris2pc.connector.client;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.load.PreCommittedLoad;
import io.doris2pc.connector.load.StreamLoad;
import io.doris2pc.connector.load.StreamLoader;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.doris2pc.connector.client.NoPassword.assertNoPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQL, two-phase commit and load state against the Doris test server, with every answer Doris gives. */
class DorisHttpClientTest {

    private DorisTestServer server;
    private Doris2pcSinkConfig config;
    private DorisHttpClient client;
    private CapturedLogs logs;

    @BeforeEach
    void start() {
        logs = new CapturedLogs();
        server = TestConfigs.startServer();
        server.sql("information_schema", "CREATE DATABASE db");
        config = TestConfigs.config(server.feAddress());
        client = new DorisHttpClient(config);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
        logs.close();
        logs.lines().forEach(NoPassword::assertNoPassword);
    }

    @Test
    void ddlAnswersExecStatusAndSelectAnswersRowsWithNulls() throws Exception {
        QueryResult created = client.execute("db", "CREATE TABLE `t` (`id` INT NOT NULL, `name` VARCHAR(5), "
                + "`score` INT) UNIQUE KEY(`id`) DISTRIBUTED BY HASH(`id`) BUCKETS 1 "
                + "PROPERTIES ('replication_num' = '1')");
        assertSame(QueryResult.execStatus(), created);
        assertTrue(server.tableExists("db", "t"));
        client.commit("db", preCommit("l1", "{\"id\":1,\"name\":\"a\",\"score\":7}\n{\"id\":2,\"name\":null}\n").txnId());

        QueryResult result = client.execute("db", "SELECT id, name, score FROM t ORDER BY id");
        assertEquals(Arrays.asList("id", "name", "score"), result.columns());
        assertEquals(Arrays.asList(Arrays.asList("1", "a", "7"), Arrays.asList("2", null, null)), result.rows());
        assertEquals(1, result.columnIndex("NAME"));
    }

    @Test
    void aRefusedStatementCarriesDorisText() {
        DorisSqlException e = assertThrows(DorisSqlException.class, () -> client.execute("db", "SELECT * FROM nope"));
        assertEquals("SELECT * FROM nope", e.statement());
        assertTrue(e.dorisMessage().startsWith("Failed to execute sql: "), e.dorisMessage());
        assertTrue(e.dorisMessage().contains("nope"), e.dorisMessage());
        assertEquals("Doris refused `SELECT * FROM nope`: " + e.dorisMessage(), e.getMessage());
    }

    @Test
    void wrongCredentialsAreAnAuthErrorOnEveryEndpointNamingTheUserAndTheOptionsButNotThePassword() throws Exception {
        // FE httpv2/exception/RestApiExceptionHandler answers HTTP 200 {"msg":"Unauthorized","code":401,"data":...}
        try (DorisTestServer other = DorisTestServer.builder().user("root").password("another").start();
                DorisHttpClient wrong = new DorisHttpClient(TestConfigs.config(other.feAddress()))) {
            DorisAuthException e = assertThrows(DorisAuthException.class, () -> wrong.execute("db", "SHOW DATABASES"));
            String hint = "Doris refused the credentials of user 'root' at http://" + other.feAddress() + ": check the "
                    + "options 'username' and 'password' and the user's privileges (Doris: Access denied for user 'root@";
            assertTrue(e.getMessage().startsWith(hint), e.getMessage());
            assertNoPassword(e);
            assertTrue(assertThrows(DorisAuthException.class, () -> wrong.loadState("db", "x")).getMessage()
                    .startsWith(hint));
            DorisAuthException commit = assertThrows(DorisAuthException.class, () -> wrong.commit("db", 1));
            assertTrue(commit.getMessage().startsWith(hint), commit.getMessage());
            assertNoPassword(commit);
            try (StreamLoader loader = new StreamLoader(TestConfigs.config(other.feAddress()))) {
                DorisAuthException load = assertThrows(DorisAuthException.class,
                        () -> loader.begin("db", "t", "l1", false));
                assertTrue(load.getMessage().startsWith("Doris refused the credentials of user 'root' at the FE "),
                        load.getMessage());
                assertTrue(load.getMessage().contains(": check the options 'username' and 'password' and the user's "
                        + "privileges (Doris: Access denied for user 'root@"), load.getMessage());
                assertNoPassword(load);
            }
        }
    }

    @Test
    void commitAndAbortByIdAnswerAsDorisDoes() throws Exception {
        createTable();
        long visible = preCommit("v", "{\"id\":1}\n").txnId();
        assertAnswer("Success", "transaction [" + visible + "] commit successfully.", client.commit("db", visible));
        assertEquals(LoadState.VISIBLE, client.loadState("db", "v"));
        assertAnswer("ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = transaction [" + visible
                + "] is already visible, not pre-committed.", client.commit("db", visible));
        assertAnswer("ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = transaction [" + visible
                + "] is already VISIBLE, could not abort.", client.abort("db", visible));

        long aborted = preCommit("a", "{\"id\":2}\n").txnId();
        assertEquals(LoadState.PRECOMMITTED, client.loadState("db", "a"));
        assertAnswer("Success", "transaction [" + aborted + "] abort successfully.", client.abort("db", aborted));
        assertEquals(LoadState.ABORTED, client.loadState("db", "a"));
        assertAnswer("ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = transaction [" + aborted
                + "] is already aborted. abort reason: User Abort", client.commit("db", aborted));
        assertAnswer("ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = transaction [" + aborted
                + "] is already aborted, abort reason: User Abort", client.abort("db", aborted));

        assertAnswer("ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = transaction [987654] not found",
                client.commit("db", 987654));
        assertAnswer("ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = unknown database, database=nodb",
                client.commit("nodb", visible));
        assertEquals(LoadState.UNKNOWN, client.loadState("db", "never-used"));
    }

    @Test
    void aCommitOfALoadingTransactionAndAnExpiredOneAreRefused() throws Exception {
        createTable();
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad open = loader.begin("db", "t", "open", false);
            long txnId = server.transaction("db", "open").get().txnId();
            assertEquals(LoadState.PREPARE, client.loadState("db", "open"));
            assertAnswer("ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = transaction [" + txnId
                    + "] is prepare, not pre-committed.", client.commit("db", txnId));
            open.abort();
        }
        long expired = preCommit("exp", "{\"id\":1}\n").txnId();
        server.faults().expirePrecommitted();
        assertAnswer("ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = transaction [" + expired
                + "] is already aborted. abort reason: timeout by txn manager", client.commit("db", expired));
    }

    @Test
    void abortByLabelAbortsPreCommittedAndLoadingTransactions() throws Exception {
        createTable();
        preCommit("pre", "{\"id\":1}\n");
        // BE stream_load_2pc.cpp words the success from the headers sent: the label only
        assertAnswer("Success", "label [pre] abort successfully.", client.abortByLabel("db", "pre"));
        assertEquals(TxnState.ABORTED, server.transaction("db", "pre").get().state());
        // FE DatabaseTransactionMgr.getTransactionIdByLabel: the label is known, no transaction of it is open
        assertAnswer("ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = running transaction not found, label=pre",
                client.abortByLabel("db", "pre"));
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad open = loader.begin("db", "t", "loading", false);
            assertAnswer("Success", "label [loading] abort successfully.", client.abortByLabel("db", "loading"));
            assertEquals(TxnState.ABORTED, server.transaction("db", "loading").get().state());
            open.abort();
        }
    }

    @Test
    void injectedCommitFaults() throws Exception {
        createTable();
        long failing = preCommit("f", "{\"id\":1}\n").txnId();
        server.faults().failNextCommits(1, "injected commit failure");
        assertAnswer("ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = injected commit failure",
                client.commit("db", failing));
        assertEquals(TxnState.PRECOMMITTED, server.transaction("db", "f").get().state());

        server.faults().dropNextCommitResponses(1);
        IOException lost = assertThrows(IOException.class, () -> client.commit("db", failing));
        assertTrue(lost.getMessage().startsWith("No Doris FE of 'fenodes' [http://" + server.feAddress()
                + "] answered commit of txn_id " + failing + " in database db: PUT http://127.0.0.1:"
                + server.bePort() + "/api/db/_stream_load_2pc? failed: "), lost.getMessage());
        assertNoPassword(lost);
        assertTrue(server.transaction("db", "f").get().state().compareTo(TxnState.COMMITTED) >= 0);
    }

    @Test
    void aDeadOrUnavailableFeIsSkippedAndTheAnsweringOneRemembered() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (ServerSocket dead = hangingUpServer(attempts);
                DorisHttpClient failingOver = new DorisHttpClient(
                        TestConfigs.config("127.0.0.1:" + dead.getLocalPort() + "," + server.feAddress()))) {
            assertEquals(Collections.singletonList("db"), databases(failingOver));
            assertEquals(1, attempts.get());
            assertEquals(Collections.singletonList("db"), databases(failingOver));
            assertEquals(1, attempts.get(), "the dead FE was tried again");
        }
        server.faults().feUnavailable(1);
        try (DorisHttpClient twice = new DorisHttpClient(
                TestConfigs.config(server.feAddress() + "," + server.feAddress()))) {
            assertEquals(Collections.singletonList("db"), databases(twice));
        }
    }

    @Test
    void whenNoFeAnswersTheErrorNamesEveryNode() throws Exception {
        int port1 = freePort();
        int port2 = freePort();
        try (DorisHttpClient none = new DorisHttpClient(
                TestConfigs.config("127.0.0.1:" + port1 + ",https://127.0.0.1:" + port2))) {
            NodeUnavailableException e =
                    assertThrows(NodeUnavailableException.class, () -> none.loadState("db", "x"));
            assertTrue(e.getMessage().startsWith("No Doris FE of 'fenodes' [http://127.0.0.1:" + port1
                    + ", https://127.0.0.1:" + port2 + "] answered the load state of label x: GET http://127.0.0.1:"
                    + port1 + "/api/db/get_load_state?label=x failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("; GET https://127.0.0.1:" + port2), e.getMessage());
            assertNoPassword(e);
        }
    }

    private List<String> databases(DorisHttpClient c) throws IOException {
        QueryResult result = c.execute("db", "SHOW DATABASES");
        List<String> names = new ArrayList<>();
        for (List<String> row : result.rows()) {
            if (!row.get(0).equals("information_schema")) {
                names.add(row.get(0));
            }
        }
        return names;
    }

    /** Accepts connections, counts them and hangs up at once: an FE that dies on every request. */
    private static ServerSocket hangingUpServer(AtomicInteger attempts) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    attempts.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return socket;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void createTable() {
        TestConfigs.createTable(server, "db", "t");
    }

    private PreCommittedLoad preCommit(String label, String rows) throws IOException {
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad load = loader.begin("db", "t", label, false);
            byte[] bytes = rows.getBytes(StandardCharsets.UTF_8);
            load.write(bytes, 0, bytes.length);
            return load.finish();
        }
    }

    private static void assertAnswer(String status, String message, TwoPhaseCommitAnswer answer) {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(message, answer.message());
        assertEquals("Success".equals(status), answer.isSuccess());
        assertFalse(answer.message().contains(TestConfigs.PASSWORD));
    }
}
