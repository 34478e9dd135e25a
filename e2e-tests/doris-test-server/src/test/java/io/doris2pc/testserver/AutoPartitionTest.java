package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AUTO PARTITION BY RANGE (date_trunc(...)) by Doris's rules
 * (fe/fe-core/src/main/java/org/apache/doris/nereids/trees/plans/commands/info/PartitionTableInfo.java).
 */
class AutoPartitionTest {
    private static final String DISTRIBUTION = " DISTRIBUTED BY HASH(`id`) BUCKETS 1 PROPERTIES ('replication_num' = '1'";

    private DorisTestServer server;

    @BeforeEach
    void start() {
        server = DorisTestServer.builder().start();
        server.sql("information_schema", "CREATE DATABASE db");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aMergeOnWriteTablesPartitionColumnMustBeAKeyColumn() {
        assertRefused("Merge-on-Write table's partition column must be KEY column",
                "CREATE TABLE t (`id` INT NOT NULL, `d` DATE NOT NULL) UNIQUE KEY(`id`) "
                        + "AUTO PARTITION BY RANGE (date_trunc(`d`, 'month')) ()" + DISTRIBUTION + ")");
        assertRefused("The partition column could not be aggregated column",
                "CREATE TABLE t (`id` INT NOT NULL, `d` DATE NOT NULL) UNIQUE KEY(`id`) "
                        + "AUTO PARTITION BY RANGE (date_trunc(`d`, 'month')) ()" + DISTRIBUTION
                        + ", 'enable_unique_key_merge_on_write' = 'false')");
    }

    @Test
    void anAutoRangePartitionColumnMayNotBeNullable() {
        assertRefused("AUTO RANGE PARTITION doesn't support NULL column",
                "CREATE TABLE t (`id` INT NOT NULL, `d` DATETIME NULL) DUPLICATE KEY(`id`) "
                        + "AUTO PARTITION BY RANGE (date_trunc(`d`, 'day')) ()" + DISTRIBUTION + ")");
    }

    @Test
    void dateTruncTakesADateOrDatetimeColumn() {
        assertRefused("partition expr date_trunc is illegal!",
                "CREATE TABLE t (`id` INT NOT NULL, `n` INT NOT NULL) UNIQUE KEY(`id`, `n`) "
                        + "AUTO PARTITION BY RANGE (date_trunc(`n`, 'day')) ()" + DISTRIBUTION + ")");
    }

    @Test
    void aValidTableIsCreatedShownAndLoaded() {
        server.sql("db", "CREATE TABLE t (`id` INT NOT NULL, `d` DATE NOT NULL) UNIQUE KEY(`id`, `d`) "
                + "AUTO PARTITION BY RANGE (date_trunc(`d`, 'MONTH')) ()" + DISTRIBUTION + ")");
        String created = server.sql("db", "SHOW CREATE TABLE t").rows().get(0).get(1).toString();
        assertTrue(created.contains("AUTO PARTITION BY RANGE (date_trunc(`d`, 'month'))\n()\nDISTRIBUTED BY HASH"),
                created);
    }

    private void assertRefused(String message, String statement) {
        DorisSqlException e = assertThrows(DorisSqlException.class, () -> server.sql("db", statement));
        assertEquals(message, e.getMessage());
        assertTrue(!server.tableExists("db", "t"));
    }
}
