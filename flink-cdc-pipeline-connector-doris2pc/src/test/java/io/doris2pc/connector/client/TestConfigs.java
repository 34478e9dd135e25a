package io.doris2pc.connector.client;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.cdc.common.configuration.Configuration;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/** Sink configurations for tests of the client and load packages. */
public final class TestConfigs {

    /** Distinctive, with a character that URL encoding changes: no message or log line may contain it. */
    public static final String PASSWORD = "s3cr3t-P@ss";

    private TestConfigs() {}

    public static DorisTestServer startServer() {
        return DorisTestServer.builder().user("root").password(PASSWORD).start();
    }

    /** A config for {@code fenodes}, with short timeouts; {@code extra} are option key/value pairs. */
    public static Doris2pcSinkConfig config(String fenodes, String... extra) {
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", fenodes);
        options.put("username", "root");
        options.put("password", PASSWORD);
        options.put("sink.connect-timeout", "2s");
        options.put("sink.socket-timeout", "10s");
        for (int i = 0; i < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        return Doris2pcSinkConfig.from(Configuration.fromMap(options), ZoneId.of("UTC"));
    }

    /** A table with a key, a VARCHAR(5) and an INT, the shape most tests load. */
    public static void createTable(DorisTestServer server, String db, String table) {
        server.sql("information_schema", "CREATE DATABASE IF NOT EXISTS " + db);
        server.sql(db, "CREATE TABLE `" + table + "` (`id` INT NOT NULL, `name` VARCHAR(5), `score` INT) "
                + "UNIQUE KEY(`id`) DISTRIBUTED BY HASH(`id`) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
    }
}
