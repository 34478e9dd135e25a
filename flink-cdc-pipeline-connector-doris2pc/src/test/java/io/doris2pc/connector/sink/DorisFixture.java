package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.cdc.common.configuration.Configuration;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A Doris test server with database {@code sales} holding table {@code orders}, and a sink config pointing at it. */
final class DorisFixture implements AutoCloseable {

    static final String DB = "sales";
    static final String TABLE = "orders";

    final DorisTestServer server;
    final Doris2pcSinkConfig config;

    DorisFixture() {
        this(UnaryOperator.identity());
    }

    DorisFixture(UnaryOperator<DorisTestServer.Builder> settings) {
        server = settings.apply(DorisTestServer.builder().user("loader").password("s3cr3t-P@ss")).start();
        server.sql("", "CREATE DATABASE " + DB);
        server.sql(DB, "CREATE TABLE " + TABLE + " (id INT, name VARCHAR(32)) UNIQUE KEY(id) "
                + "DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES (\"replication_num\" = \"1\")");
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", server.feAddress());
        options.put("username", "loader");
        options.put("password", "s3cr3t-P@ss");
        config = Doris2pcSinkConfig.from(Configuration.fromMap(options), ZoneId.of("UTC"));
    }

    @Override
    public void close() {
        server.close();
    }
}
