package io.doris2pc.connector.load;

import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.client.TestConfigs;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnState;

import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A BE registered with the FE under an address this machine cannot reach (as behind NAT or in Docker): the FE's
 * redirects, its 2PC redirects and the ErrorURLs name a port nothing listens on. {@code sink.backend-address-map}
 * and {@code benodes} must each get loads, commits and error logs through.
 */
class BackendAddressingTest {

    private int deadPort;
    private DorisTestServer server;

    @BeforeEach
    void start() throws IOException {
        deadPort = freePort();
        server = DorisTestServer.builder().user("root").password(TestConfigs.PASSWORD)
                .advertisedBackend("127.0.0.1", deadPort).start();
        TestConfigs.createTable(server, "db", "t");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theFesRedirectAloneCannotReachTheBackend() {
        Doris2pcSinkConfig config = TestConfigs.config(server.feAddress(), "sink.connect-timeout", "1s");
        try (StreamLoader loader = new StreamLoader(config)) {
            IOException e = assertThrows(IOException.class, () -> loader.begin("db", "t", "l1", false));
            assertTrue(e.getMessage().contains("127.0.0.1:" + deadPort), e.getMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theAddressMapCarriesLoadsCommitsAndErrorLogsToTheBackend() throws Exception {
        Doris2pcSinkConfig config = TestConfigs.config(server.feAddress(),
                "sink.backend-address-map", "127.0.0.1:" + deadPort + "=" + server.beAddress());
        assertLoadsAndCommits(config);
        try (StreamLoader loader = new StreamLoader(config)) {
            StreamLoad load = loader.begin("db", "t", "bad", false);
            StreamLoaderTest.write(load, "{\"id\":2,\"name\":\"far too long\",\"score\":2}\n");
            StreamLoadException e = assertThrows(StreamLoadException.class, load::finish);
            assertTrue(e.getMessage().contains("far too long"), "the error log, read through the map: " + e);
        }
    }

    @Test
    void benodesSendsLoadsAndCommitsStraightToTheListedBackendsPassingOverOneThatIsDown() throws Exception {
        Doris2pcSinkConfig config = TestConfigs.config(server.feAddress(),
                "benodes", "127.0.0.1:" + deadPort + "," + server.beAddress(), "sink.connect-timeout", "1s");
        assertLoadsAndCommits(config);
    }

    @Test
    void benodesWithNoLiveBackendFailsNamingTheOption() {
        Doris2pcSinkConfig config = TestConfigs.config(server.feAddress(),
                "benodes", "127.0.0.1:" + deadPort, "sink.connect-timeout", "1s", "sink.max-retries", "0");
        try (StreamLoader loader = new StreamLoader(config)) {
            IOException e = assertThrows(IOException.class, () -> loader.begin("db", "t", "l1", false));
            assertTrue(e.getMessage().startsWith("No BE of 'benodes' [http://127.0.0.1:" + deadPort + "] accepted a "
                    + "connection within PT1S ('sink.connect-timeout')"), e.getMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMapEntryThatIsNotAPairIsRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> TestConfigs.config(server.feAddress(), "sink.backend-address-map", "10.0.0.1:8040"));
        assertEquals("Invalid doris2pc sink option 'sink.backend-address-map': '10.0.0.1:8040' is not "
                + "registered-host:port=reachable-host:port (for example 172.17.0.3:8040=doris-be.example.com:18040)",
                e.getMessage());
    }

    /** Two loads (the second after a round-robin step), each committed; rows visible. */
    private void assertLoadsAndCommits(Doris2pcSinkConfig config) throws Exception {
        try (StreamLoader loader = new StreamLoader(config); DorisHttpClient client = new DorisHttpClient(config)) {
            for (int i = 1; i <= 2; i++) {
                StreamLoad load = loader.begin("db", "t", "l" + i, false);
                StreamLoaderTest.write(load, "{\"id\":" + i + ",\"name\":\"n\",\"score\":" + i + "}\n");
                PreCommittedLoad done = load.finish();
                assertTrue(client.commit("db", done.txnId()).isSuccess());
                assertEquals(TxnState.VISIBLE, server.transaction("db", "l" + i).get().state());
            }
        }
        assertEquals(2, server.rows("db", "t").size());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
