package io.doris2pc.connector.load;

import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.client.TestConfigs;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnState;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Doris in storage-compute separated mode refuses two-phase-commit loads into merge-on-write UNIQUE tables
 * (be/src/http/action/stream_load.cpp, apache/doris#36816): the load fails saying why and what to do, and a
 * merge-on-read table loads exactly once as anywhere else.
 */
class CloudModeLoadTest {

    @Test
    void aMergeOnWriteTableIsRefusedWithTheCauseAndTheWayOut() throws Exception {
        try (DorisTestServer server = cloudServer()) {
            TestConfigs.createTable(server, "db", "t");
            try (StreamLoader loader = new StreamLoader(TestConfigs.config(server.feAddress()))) {
                StreamLoadException e =
                        assertThrows(StreamLoadException.class, () -> loader.begin("db", "t", "l1", false));
                assertTrue(e.getMessage().startsWith("Doris refused the Stream Load of table db.t (label l1): Status "
                        + "'Fail', Message '[NOT_IMPLEMENTED_ERROR]stream load 2pc is unsupported for mow table' "
                        + "This Doris runs storage-compute separated (cloud mode)"), e.getMessage());
                assertTrue(e.getMessage().contains("table.create.properties.enable_unique_key_merge_on_write: false"),
                        e.getMessage());
            }
            assertEquals(TxnState.ABORTED, server.transaction("db", "l1").get().state());
        }
    }

    @Test
    void aMergeOnReadTableLoadsAndCommits() throws Exception {
        try (DorisTestServer server = cloudServer()) {
            server.sql("information_schema", "CREATE DATABASE db");
            server.sql("db", "CREATE TABLE `t` (`id` INT NOT NULL, `name` VARCHAR(5), `score` INT) UNIQUE KEY(`id`) "
                    + "DISTRIBUTED BY HASH(`id`) BUCKETS 1 PROPERTIES ('replication_num' = '1', "
                    + "'enable_unique_key_merge_on_write' = 'false')");
            Doris2pcSinkConfig config = TestConfigs.config(server.feAddress());
            try (StreamLoader loader = new StreamLoader(config); DorisHttpClient client = new DorisHttpClient(config)) {
                StreamLoad load = loader.begin("db", "t", "l1", false);
                StreamLoaderTest.write(load, "{\"id\":1,\"name\":\"a\",\"score\":1}\n");
                assertTrue(client.commit("db", load.finish().txnId()).isSuccess());
            }
            assertEquals(1, server.rows("db", "t").size());
        }
    }

    private static DorisTestServer cloudServer() {
        return DorisTestServer.builder().user("root").password(TestConfigs.PASSWORD).dorisVersion("3.0.5")
                .cloudMode(true).start();
    }
}
