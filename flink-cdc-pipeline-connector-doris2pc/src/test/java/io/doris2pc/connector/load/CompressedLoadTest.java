package io.doris2pc.connector.load;

import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.client.TestConfigs;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.testserver.CommitRecord;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sink.properties.compress_type: gz} and {@code lz4}: bodies leave compressed, buffer by buffer, and the test
 * server (as Doris 3.0.5+, whose BE decompresses JSON loads) lands every row.
 */
class CompressedLoadTest {

    /** The least factor by which each codec shrinks these JSON lines, flushed mid-stream. */
    @ParameterizedTest
    @CsvSource({"gz, 3", "lz4, 2"})
    void aCompressedLoadOfManyBuffersWithPausesLandsEveryRowInFewerBytes(String codec, int factor) throws Exception {
        try (DorisTestServer server = DorisTestServer.builder().user("root").password(TestConfigs.PASSWORD)
                .dorisVersion("3.0.5").start()) {
            TestConfigs.createTable(server, "db", "t");
            Doris2pcSinkConfig config = TestConfigs.config(server.feAddress(),
                    "sink.properties.compress_type", codec, "sink.buffer-size", "4096", "sink.buffer-count", "2");
            PreCommittedLoad done;
            try (StreamLoader loader = new StreamLoader(config)) {
                StreamLoad load = loader.begin("db", "t", codec + "1", false);
                for (int id = 0; id < 3000; id++) {
                    StreamLoaderTest.write(load, "{\"id\":" + id + ",\"name\":\"n" + (id % 100) + "\",\"score\":"
                            + id + "}\n");
                    if (id % 1000 == 999) {
                        // the writer pauses: the sending thread flushes what it has, mid-stream
                        load.handOverPartialBuffer();
                    }
                }
                done = load.finish();
            }
            assertEquals(3000, done.loadedRows());
            try (DorisHttpClient client = new DorisHttpClient(config)) {
                assertTrue(client.commit("db", done.txnId()).isSuccess());
            }
            assertEquals(3000, server.rows("db", "t").size());
            assertEquals("n99", server.rows("db", "t").get(2999).get("name"));
            CommitRecord commit = server.commits().get(0);
            assertTrue(commit.bytes() * factor < done.bytes(),
                    codec + " on the wire: " + commit.bytes() + " bytes for " + done.bytes() + " bytes of JSON lines");
        }
    }

    /** A writer that pauses leaves nothing in the compressor: the BE has read every row before the load ends. */
    @ParameterizedTest
    @ValueSource(strings = {"gz", "lz4"})
    void theRowsOfAnIdleLoadReachTheBackendBeforeTheLoadEnds(String codec) throws Exception {
        try (DorisTestServer server = DorisTestServer.builder().user("root").password(TestConfigs.PASSWORD)
                .dorisVersion("3.0.5").start()) {
            TestConfigs.createTable(server, "db", "t");
            Doris2pcSinkConfig config = TestConfigs.config(server.feAddress(), "sink.properties.compress_type", codec);
            try (StreamLoader loader = new StreamLoader(config)) {
                StreamLoad load = loader.begin("db", "t", "idle-" + codec, false);
                for (int id = 0; id < 500; id++) {
                    StreamLoaderTest.write(load, "{\"id\":" + id + ",\"name\":\"n\",\"score\":" + id + "}\n");
                }
                load.handOverPartialBuffer();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                long read;
                while ((read = server.transaction("db", "idle-" + codec).get().loadedRows()) < 500) {
                    assertTrue(System.nanoTime() < deadline, "the BE read " + read + " of the 500 rows of an idle "
                            + codec + " load in 10 s");
                    Thread.sleep(10);
                }
                assertEquals(500, load.finish().loadedRows());
            }
        }
    }

    @Test
    void onlyGzipAndLz4AreAccepted() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> TestConfigs.config("127.0.0.1:8030", "sink.properties.compress_type", "lz4_block"));
        assertEquals("Invalid doris2pc sink option 'sink.properties.compress_type': 'lz4_block' is not a compression "
                + "doris2pc sends: use gz or lz4 (Doris 3.0.5 or newer reads compressed JSON loads), or remove the "
                + "option to send bodies uncompressed", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"GZ, gz", "Lz4, lz4"})
    void theHeaderIsTheLoadersNotAPassThrough(String value, String header) {
        Doris2pcSinkConfig config = TestConfigs.config("127.0.0.1:8030", "sink.properties.COMPRESS_TYPE", value);
        assertFalse(config.loadProperties().keySet().stream().anyMatch("compress_type"::equalsIgnoreCase));
        assertEquals(header, config.compression().headerValue().get());
    }
}
