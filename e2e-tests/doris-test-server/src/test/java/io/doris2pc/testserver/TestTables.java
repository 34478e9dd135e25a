package io.doris2pc.testserver;

/** Tables the tests share. */
final class TestTables {
    private TestTables() {}

    /** db.t: UNIQUE KEY(id), name VARCHAR(3), score DECIMAL(5,2), day DATE, ts DATETIME(3), note STRING. */
    static void createUsers(DorisTestServer server, String db, String table) {
        server.sql("information_schema", "CREATE DATABASE IF NOT EXISTS " + db);
        server.sql(db, "CREATE TABLE `" + table + "` (`id` INT NOT NULL COMMENT 'key', `name` VARCHAR(3), "
                + "`score` DECIMAL(5,2), `day` DATE, `ts` DATETIME(3), `note` STRING) UNIQUE KEY(`id`) "
                + "DISTRIBUTED BY HASH(`id`) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
    }
}
