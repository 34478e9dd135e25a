package io.doris2pc.e2e;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySQL narrows a DOUBLE column to FLOAT, which Doris refuses (FE {@code ColumnType.schemaChangeMatrix}: "Can not
 * change DOUBLE to FLOAT"). Under {@code schema.change.behavior: evolve} the job fails naming the table, the column,
 * the change and what to do. Under {@code try_evolve} Flink CDC 3.2.0 tolerates the applier's
 * {@code UnsupportedSchemaChangeEventException} ({@code SchemaRegistryRequestHandler.shouldIgnoreException}): the
 * change is not applied, the sink keeps the old column type, and the SchemaOperator converts later rows to it
 * (FLOAT values to DOUBLE), so they land whole.
 */
class RefusedTypeChangeE2eTest {

    private static final Path YAML = Paths.get("src/test/resources/refused-type-change.yaml").toAbsolutePath();
    private static final String DB = "refused_change";
    private static final String TABLE = "readings";
    private static final Duration CATCH_UP = Duration.ofMinutes(2);

    private static EmbeddedMySql mysql;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql-refused-type-change"));
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @BeforeEach
    void createSource() {
        mysql.execute(
                "DROP DATABASE IF EXISTS " + DB,
                "CREATE DATABASE " + DB,
                "CREATE TABLE " + DB + "." + TABLE + " (id INT NOT NULL PRIMARY KEY, amount DOUBLE, note VARCHAR(10))",
                "INSERT INTO " + DB + "." + TABLE + " VALUES (1, 0.25, 'before')");
    }

    @Test
    void underEvolveTheJobFailsNamingTableColumnChangeAndWayOut(@TempDir Path checkpoints) throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().start();
                RunningPipeline pipeline = pipeline(doris, "evolve", checkpoints).start()) {
            awaitAmounts(pipeline, doris, Map.of(1L, 0.25), "the snapshot");
            mysql.execute("ALTER TABLE " + DB + "." + TABLE + " MODIFY COLUMN amount FLOAT");
            JobResult result = pipeline.awaitTermination(CATCH_UP);
            String failure = failureText(result);
            for (String expected : List.of(
                    "Doris refuses to change the type of column `amount` from double to FLOAT of table `" + DB + "`.`"
                            + TABLE + "`",
                    "Can not change DOUBLE to FLOAT",
                    "route the changed column elsewhere",
                    "recreate the Doris table with the new type",
                    "schema.change.behavior: try_evolve")) {
                assertTrue(failure.contains(expected), "the failure names " + expected + ": " + failure);
            }
            assertEquals("double", columnType(doris, "amount"));
        }
    }

    @Test
    void underTryEvolveTheColumnKeepsItsTypeAndLaterRowsLandWhole(@TempDir Path checkpoints) throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().start();
                RunningPipeline pipeline = pipeline(doris, "try_evolve", checkpoints).start()) {
            awaitAmounts(pipeline, doris, Map.of(1L, 0.25), "the snapshot");
            mysql.execute(
                    "ALTER TABLE " + DB + "." + TABLE + " MODIFY COLUMN amount FLOAT",
                    "INSERT INTO " + DB + "." + TABLE + " VALUES (2, 1.5, 'after')",
                    "UPDATE " + DB + "." + TABLE + " SET amount = -2.75 WHERE id = 1");
            awaitAmounts(pipeline, doris, Map.of(1L, -2.75, 2L, 1.5), "the refused change and two rows after it");
            assertEquals(JobStatus.RUNNING, pipeline.status());
            assertEquals("double", columnType(doris, "amount"));
        }
    }

    /** Each throwable of the failure as its stack trace heads it (a SchemaEvolveException's text is in toString). */
    private static String failureText(JobResult result) throws Exception {
        assertTrue(result.getSerializedThrowable().isPresent(), "the job failed");
        StringBuilder text = new StringBuilder();
        Throwable t = result.getSerializedThrowable().get().deserializeError(RefusedTypeChangeE2eTest.class.getClassLoader());
        for (; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private static LocalPipelineRunner.Builder pipeline(DorisTestServer doris, String behavior, Path checkpoints) {
        return LocalPipelineRunner.builder(YAML)
                .variables(ShardsPipeline.variables(mysql, doris))
                .variable("MYSQL_DATABASE", DB)
                .variable("SCHEMA_CHANGE_BEHAVIOR", behavior)
                .checkpointInterval(Duration.ofSeconds(1))
                .checkpointDir(checkpoints)
                // the refused change fails every attempt alike: the first failure is the one to read
                .restartAttempts(0);
    }

    private static void awaitAmounts(RunningPipeline pipeline, DorisTestServer doris, Map<Long, Double> expected,
            String step) {
        pipeline.awaitUntil("Doris holds the amounts " + expected + " after " + step, CATCH_UP,
                () -> doris.tableExists(DB, TABLE) && amounts(doris).equals(new TreeMap<>(expected)));
    }

    private static Map<Long, Double> amounts(DorisTestServer doris) {
        Map<Long, Double> amounts = new TreeMap<>();
        for (Map<String, Object> row : doris.rows(DB, TABLE)) {
            Object amount = row.get("amount");
            amounts.put(((Number) row.get("id")).longValue(), amount == null ? null : ((Number) amount).doubleValue());
        }
        return amounts;
    }

    private static String columnType(DorisTestServer doris, String column) {
        return String.valueOf(doris.sql("information_schema", "SELECT COLUMN_TYPE FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = '" + DB + "' AND TABLE_NAME = '" + TABLE + "' AND COLUMN_NAME = '" + column
                + "'").singleValue());
    }
}
