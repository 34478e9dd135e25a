package io.doris2pc.connector.load;

import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.client.TestConfigs;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.testserver.DorisTestServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariant 4: many tables stream at once through a pool far smaller than their data, without deadlock. */
class ConcurrentLoadsTest {

    private static final int TABLES = 20;
    private static final int ROUNDS = 50_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twentyTablesShareFourSmallBuffers() throws Exception {
        try (DorisTestServer server = TestConfigs.startServer()) {
            for (int t = 0; t < TABLES; t++) {
                TestConfigs.createTable(server, "db", "t" + t);
            }
            Doris2pcSinkConfig config = TestConfigs.config(
                    server.feAddress(), "sink.buffer-size", "8192", "sink.buffer-count", "4", "sink.buffer-wait-timeout", "10s");
            long[] expectedRows = new long[TABLES];
            long sentBytes = 0;
            List<PreCommittedLoad> done = new ArrayList<>();
            try (StreamLoader loader = new StreamLoader(config)) {
                List<StreamLoad> loads = new ArrayList<>();
                for (int t = 0; t < TABLES; t++) {
                    loads.add(loader.begin("db", "t" + t, "l" + t, false));
                }
                for (int round = 0; round < ROUNDS; round++) {
                    for (int t = 0; t < TABLES; t++) {
                        // table t gets every (t+1)-th row: busy tables fill buffers, quiet ones hold partial ones
                        if (round % (t + 1) == 0) {
                            byte[] row = ("{\"id\":" + round + ",\"name\":\"n" + (round % 1000)
                                    + "\",\"score\":" + round + "}\n").getBytes(StandardCharsets.UTF_8);
                            loads.get(t).write(row, 0, row.length);
                            expectedRows[t]++;
                            sentBytes += row.length;
                        }
                    }
                    assertTrue(loader.bufferPool().allocated() <= 4);
                }
                for (StreamLoad load : loads) {
                    load.endBody();
                }
                for (StreamLoad load : loads) {
                    done.add(load.awaitAnswer());
                }
                assertEquals(4, loader.bufferPool().available());
                assertEquals(4, loader.bufferPool().allocated());
            }
            assertTrue(sentBytes > 5_000_000, "only " + sentBytes + " bytes");
            try (DorisHttpClient client = new DorisHttpClient(config)) {
                for (int t = 0; t < TABLES; t++) {
                    assertEquals(expectedRows[t], done.get(t).loadedRows());
                    assertTrue(client.commit("db", done.get(t).txnId()).isSuccess());
                    assertEquals(expectedRows[t], server.rows("db", "t" + t).size());
                }
            }
        }
    }
}
