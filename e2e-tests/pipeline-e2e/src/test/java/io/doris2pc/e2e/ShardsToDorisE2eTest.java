package io.doris2pc.e2e;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.cluster.SchemaChangeJob;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The article's scenario: four MySQL shards merged by a route rule into one Doris table, through the real Flink
 * CDC 3.2.0 composer with checkpointing, and after every change Doris equals the merged source, row for row.
 */
class ShardsToDorisE2eTest {

    private static final Duration CATCH_UP = DorisVersusSource.CATCH_UP;
    private static final String DB = ShardsPipeline.DB;
    private static final String TABLE = ShardsPipeline.TABLE;
    /** 80 bytes: too long for last_name before the type change (VARCHAR(16), 64 bytes in Doris). */
    private static final String LONG_NAME = "Montgomery-Featherstonehaugh-".repeat(3).substring(0, 80);

    private static EmbeddedMySql mysql;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql"));
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 2})
    void everyChangeOfEveryShardReachesTheMergedDorisTableExactlyOnce(int parallelism, @TempDir Path checkpoints)
            throws Exception {
        ShardsPipeline.resetSource(mysql);
        try (DorisTestServer doris = DorisTestServer.builder().password("doris-pw").start();
                RunningPipeline pipeline =
                        ShardsPipeline.runner(ShardsPipeline.SEED_YAML, mysql, doris)
                                .parallelism(parallelism)
                                .checkpointInterval(Duration.ofSeconds(1))
                                .checkpointDir(checkpoints)
                                .start()) {
            awaitDorisEqualsSource(pipeline, doris, "the snapshot of 116 employees");
            assertEquals(116, doris.rows(DB, TABLE).size());

            mysql.execute("INSERT INTO emp_1.employees_1 VALUES (50001,'1990-01-01','Ada','Lovelace','F','2020-02-02')");
            mysql.execute("UPDATE emp_2.employees_1 SET last_name = 'Renamed' WHERE emp_no = 10055");
            awaitDorisEqualsSource(pipeline, doris, "an insert and an update");

            mysql.execute("UPDATE emp_1.employees_2 SET emp_no = 60001 WHERE emp_no = 10037");
            awaitDorisEqualsSource(pipeline, doris, "a primary-key change");

            mysql.execute(
                    "START TRANSACTION",
                    "DELETE FROM emp_2.employees_2 ORDER BY emp_no LIMIT 3",
                    "COMMIT");
            awaitDorisEqualsSource(pipeline, doris, "three deletes in one transaction");

            mysql.execute(
                    "ALTER TABLE emp_1.employees_1 ADD COLUMN nickname VARCHAR(20)",
                    "INSERT INTO emp_1.employees_1 VALUES (50002,'1991-01-01','Grace','Hopper','F','2021-03-03','amazing')");
            awaitDorisEqualsSource(pipeline, doris, "a column added on one shard");
            Map<String, Object> grace = rowOf(doris, 50002);
            assertEquals("amazing", grace.get("nickname"));
            assertNull(rowOf(doris, 10055).get("nickname"), "rows of other shards carry NULL");

            // A type change is a Doris alter job that waits for the pre-committed transactions the next checkpoint
            // commits: the schema change must not wait for it, or neither could ever finish.
            mysql.execute(
                    "ALTER TABLE emp_2.employees_1 MODIFY COLUMN last_name VARCHAR(100) NOT NULL",
                    "INSERT INTO emp_2.employees_1 VALUES (50003,'1992-01-01','Barbara','" + LONG_NAME + "',"
                            + "'F','2022-04-04')");
            awaitDorisEqualsSource(pipeline, doris, "a column type widened on one shard");
            assertEquals(LONG_NAME, rowOf(doris, 50003).get("last_name"));
            assertFalse(doris.alterJobs().isEmpty(), "the type change ran as an alter job");
            pipeline.awaitUntil(
                    "every Doris alter job finished",
                    CATCH_UP,
                    () -> doris.alterJobs().stream().allMatch(job -> job.state() == SchemaChangeJob.State.FINISHED));

            assertTrue(openTransactions(doris).size() <= parallelism, "at most the last checkpoint's transactions "
                    + "may still await their commit: " + openTransactions(doris));
        }
    }

    private static void awaitDorisEqualsSource(RunningPipeline pipeline, DorisTestServer doris, String step) {
        DorisVersusSource.awaitEqual(pipeline::awaitUntil, doris, mysql.client(), step);
    }

    private static Map<String, Object> rowOf(DorisTestServer doris, long empNo) {
        return doris.rows(DB, TABLE).stream()
                .filter(row -> ((Number) row.get("emp_no")).longValue() == empNo)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + empNo + " in Doris"));
    }

    private static List<TxnInfo> openTransactions(DorisTestServer doris) {
        return doris.transactions().stream()
                .filter(t -> t.state() == TxnState.PREPARE || t.state() == TxnState.PRECOMMITTED)
                .collect(Collectors.toList());
    }
}
