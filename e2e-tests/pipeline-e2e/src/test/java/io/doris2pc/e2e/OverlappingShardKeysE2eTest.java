package io.doris2pc.e2e;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code mysql-shards-to-doris-overlapping-keys.yaml}: shards that reuse each other's primary keys, as shards
 * counting ids from 1 do, keep one Doris row each because the transform keys rows by their shard of origin.
 */
class OverlappingShardKeysE2eTest {

    private static final Path YAML = Paths.get("../../pipeline-examples/mysql-shards-to-doris-overlapping-keys.yaml");
    private static final List<String> KEY = List.of("emp_no", "database_name", "table_name");
    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    private static EmbeddedMySql mysql;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql-overlapping"));
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @Test
    void rowsOfDifferentShardsWithOneEmployeeNumberNeverOverwriteEachOther(@TempDir Path checkpoints)
            throws Exception {
        ShardsPipeline.resetSource(mysql);
        mysql.execute("INSERT INTO emp_2.employees_2 VALUES (10001,'1970-01-01','Twin','Of-Georgi','M','2000-01-01')");
        try (DorisTestServer doris = DorisTestServer.builder().start();
                RunningPipeline pipeline = LocalPipelineRunner.builder(YAML)
                        .variables(ShardsPipeline.variables(mysql, doris))
                        .checkpointInterval(Duration.ofSeconds(1))
                        .checkpointDir(checkpoints)
                        .start()) {
            awaitDorisEqualsSource(pipeline, doris, "the snapshot, 117 rows of which two share emp_no 10001");
            assertEquals(List.of("emp_1.employees_1", "emp_2.employees_2"), shardsHolding(doris, 10001));

            mysql.execute(
                    "INSERT INTO emp_1.employees_2 VALUES (10002,'1971-01-01','Twin','Of-Bezalel','F','2001-01-01')",
                    "UPDATE emp_2.employees_2 SET last_name = 'Renamed' WHERE emp_no = 10001",
                    "DELETE FROM emp_1.employees_1 WHERE emp_no = 10001");
            awaitDorisEqualsSource(pipeline, doris, "an insert, an update and a delete of shared employee numbers");
            assertEquals(List.of("emp_2.employees_2"), shardsHolding(doris, 10001));
            assertEquals(List.of("emp_1.employees_1", "emp_1.employees_2"), shardsHolding(doris, 10002));
        }
    }

    private static List<String> shardsHolding(DorisTestServer doris, long empNo) {
        return doris.rows("demo", "all_employees_info").stream()
                .filter(row -> ((Number) row.get("emp_no")).longValue() == empNo)
                .map(row -> row.get("database_name") + "." + row.get("table_name"))
                .sorted()
                .collect(Collectors.toList());
    }

    private static void awaitDorisEqualsSource(RunningPipeline pipeline, DorisTestServer doris, String step) {
        String[] lastSeen = {"table not created yet"};
        try {
            pipeline.awaitUntil("Doris equals the merged source after " + step, CATCH_UP, () -> {
                if (!doris.tableExists("demo", "all_employees_info")) {
                    return false;
                }
                Map<String, Map<String, String>> expected = MergedShards.read(mysql.client(), KEY);
                Map<String, Map<String, String>> actual =
                        MergedShards.fromDoris(doris.rows("demo", "all_employees_info"), KEY);
                lastSeen[0] = expected.size() + " source rows, " + actual.size() + " Doris rows";
                return expected.equals(actual);
            });
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + lastSeen[0], e);
        }
    }
}
