package io.doris2pc.connector.load;

import io.doris2pc.connector.client.CapturedLogs;
import io.doris2pc.connector.client.TestConfigs;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnState;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static io.doris2pc.connector.client.NoPassword.assertNoPassword;
import static io.doris2pc.connector.load.StreamLoaderTest.awaitAllBuffersBack;
import static io.doris2pc.connector.load.StreamLoaderTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What goes over the wire, seen by hand-written peers: the FE leg and a backend that stops reading. */
class StreamLoadWireTest {

    @Test
    void theFeGetsTheHeadersButNoBodyAndTheBackendGetsOurOwnCredentials() throws Exception {
        try (CapturedLogs logs = new CapturedLogs(); DorisTestServer server = TestConfigs.startServer()) {
            TestConfigs.createTable(server, "db", "t");
            // as a Doris FE writes it: the password URL-encoded in the user info, the query always there
            String location = "http://root:s3cr3t-P%40ss@" + server.beAddress() + "/api/db/t/_stream_load?";
            try (RawHttpPeer fe = RawHttpPeer.redirectingFe(location)) {
                Doris2pcSinkConfig config = TestConfigs.config(
                        "127.0.0.1:" + fe.port(), "sink.properties.timeout", "600");
                try (StreamLoader loader = new StreamLoader(config)) {
                    StreamLoad load = loader.begin("db", "t", "wire", true);
                    write(load, "{\"id\":1,\"name\":\"a\",\"score\":1,\"__DORIS_DELETE_SIGN__\":\"0\"}\n");
                    assertEquals(1, load.finish().loadedRows());
                }
                awaitReceived(fe);
                RawHttpPeer.Received request = fe.received().get(0);
                String head = request.head.toLowerCase();
                assertTrue(head.startsWith("put /api/db/t/_stream_load http/1.1\r\n"), head);
                for (String header : List.of("expect: 100-continue", "label: wire", "two_phase_commit: true",
                        "format: json", "read_json_by_line: true", "hidden_columns: __doris_delete_sign__",
                        "timeout: 600", "authorization: basic ")) {
                    assertTrue(head.contains("\r\n" + header), header + " missing in " + head);
                }
                assertFalse(head.contains("transfer-encoding"), head);
                assertEquals(0, request.bytesAfterHead, "body bytes sent to the FE");
            }
            assertEquals(TxnState.PRECOMMITTED, server.transaction("db", "wire").get().state());
            logs.lines().forEach(line -> assertNoPassword(line));
        }
    }

    @Test
    void aBackendThatStopsReadingFailsTheWriterInsteadOfHangingIt() throws Exception {
        try (RawHttpPeer be = RawHttpPeer.stalledBackend();
                RawHttpPeer fe = RawHttpPeer.redirectingFe(
                        "http://root:s3cr3t-P%40ss@127.0.0.1:" + be.port() + "/api/db/t/_stream_load?")) {
            Doris2pcSinkConfig config = TestConfigs.config("127.0.0.1:" + fe.port(),
                    "sink.buffer-size", "8192", "sink.buffer-count", "2", "sink.buffer-wait-timeout", "1s",
                    "sink.socket-timeout", "2s");
            try (StreamLoader loader = new StreamLoader(config)) {
                StreamLoad load = loader.begin("db", "t", "stall", false);
                byte[] row = new byte[1000];
                long start = System.nanoTime();
                IOException e = assertThrows(IOException.class, () -> {
                    for (int i = 0; i < 1_000_000; i++) {
                        load.write(row, 0, row.length);
                    }
                });
                assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(30)) < 0);
                assertEquals("Doris accepted no data for PT1S ('sink.buffer-wait-timeout'): all 2 write buffers "
                        + "('sink.buffer-count') of 8192 bytes ('sink.buffer-size') stayed waiting to be sent while "
                        + "writing table db.t (label stall). Check that the Doris backends are up and accept Stream "
                        + "Loads, or raise 'sink.buffer-wait-timeout'.", e.getMessage());
                assertNoPassword(e);
                load.abort();
                awaitAllBuffersBack(loader);
            }
            assertTrue(be.received().get(0).head.toLowerCase().contains("transfer-encoding: chunked"));
        }
    }

    @Test
    void aBackendThatAnswersBeforeTheBodyEndsFailsTheNextWriteWithItsMessage() throws Exception {
        String answer = "{\"TxnId\": 7, \"Label\": \"early\", \"TwoPhaseCommit\": \"true\", \"Status\": \"Fail\", "
                + "\"Message\": \"[CANCELLED]timeout by txn manager\"}";
        try (RawHttpPeer be = RawHttpPeer.backendAnsweringAfter(100_000, answer);
                RawHttpPeer fe = RawHttpPeer.redirectingFe(
                        "http://root:s3cr3t-P%40ss@127.0.0.1:" + be.port() + "/api/db/t/_stream_load?")) {
            Doris2pcSinkConfig config = TestConfigs.config("127.0.0.1:" + fe.port(),
                    "sink.buffer-size", "8192", "sink.buffer-count", "2", "sink.socket-timeout", "2s");
            try (StreamLoader loader = new StreamLoader(config)) {
                StreamLoad load = loader.begin("db", "t", "early", false);
                byte[] row = new byte[1000];
                StreamLoadException e = assertThrows(StreamLoadException.class, () -> {
                    for (int i = 0; i < 100_000; i++) {
                        load.write(row, 0, row.length);
                    }
                });
                assertEquals("Doris refused the Stream Load of table db.t (label early): Status 'Fail', Message "
                        + "'[CANCELLED]timeout by txn manager'", e.getMessage());
                assertSame(e, assertThrows(StreamLoadException.class, load::finish));
                awaitAllBuffersBack(loader);
            }
        }
    }

    /**
     * A body ended with its last chunk would let the BE pre-commit the rows sent so far. Each abort races the sending
     * thread, which is why the test aborts many loads.
     */
    @Test
    void anAbortedLoadCutsItsConnectionSoTheBackendNeverSeesTheBodyEnd() throws Exception {
        int loads = 20;
        try (RawHttpPeer be = RawHttpPeer.readingBackend();
                RawHttpPeer fe = RawHttpPeer.redirectingFe(
                        "http://root:s3cr3t-P%40ss@127.0.0.1:" + be.port() + "/api/db/t/_stream_load?")) {
            Doris2pcSinkConfig config = TestConfigs.config("127.0.0.1:" + fe.port(), "sink.max-retries", "0");
            try (StreamLoader loader = new StreamLoader(config)) {
                for (int i = 0; i < loads; i++) {
                    StreamLoad load = loader.begin("db", "t", "cut-" + i, true);
                    write(load, "{\"id\":" + i + ",\"name\":\"a\",\"__DORIS_DELETE_SIGN__\":\"0\"}\n");
                    load.handOverPartialBuffer();
                    load.abort();
                }
                awaitAllBuffersBack(loader);
            }
            awaitReceived(be, loads);
            for (RawHttpPeer.Received load : be.received()) {
                assertFalse(RawHttpPeer.endsChunkedBody(load.body), "an aborted load ended its body: " + load.body);
            }
        }
    }

    private static void awaitReceived(RawHttpPeer peer) throws InterruptedException {
        awaitReceived(peer, 1);
    }

    private static void awaitReceived(RawHttpPeer peer, int requests) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (peer.received().size() < requests) {
            assertTrue(System.nanoTime() < deadline, "the peer received " + peer.received().size() + " of "
                    + requests + " requests in 10 s");
            Thread.sleep(10);
        }
    }
}
