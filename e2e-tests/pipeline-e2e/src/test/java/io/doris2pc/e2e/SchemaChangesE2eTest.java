package io.doris2pc.e2e;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.cluster.SchemaChangeJob;

import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySQL DDL that Doris runs as heavy alter jobs (alter/SchemaChangeHandler.processModifyColumn; the test server's
 * jobs wait for earlier PRECOMMITTED transactions as alter/SchemaChangeJobV2 does), landing between checkpoints 10 s
 * apart, so that rows written since the last checkpoint are pre-committed when the change arrives. Each step ends with
 * Doris equal to the source row for row, and the run with no transaction left open.
 */
class SchemaChangesE2eTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    /** Only BIGINT holds it: rows after a widening must fit. */
    private static final long BEYOND_INT = 3_000_000_000L;

    private static EmbeddedMySql mysql;
    private int nextId = 100;
    private String behavior = "evolve";

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql"));
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    /**
     * One table, not routed, under both behaviours: lenient (Flink CDC's default: a rename adds the new column, a drop
     * only makes the column nullable, a heavy change in Doris when the column was NOT NULL) and evolve (Doris follows
     * the source exactly). Under lenient, Doris keeps the old columns too; every row is rewritten after each change,
     * so that each Doris row equals its source row in the source's columns.
     */
    @ParameterizedTest(name = "schema.change.behavior {0}")
    @ValueSource(strings = {"evolve", "lenient"})
    void typeChangesRenamesAddsAndDropsBetweenCheckpointsLeaveDorisEqualToTheSource(String behavior, @TempDir Path work)
            throws Exception {
        this.behavior = behavior;
        mysql.execute("DROP DATABASE IF EXISTS shop", "CREATE DATABASE shop",
                "CREATE TABLE shop.items (id INT PRIMARY KEY, a INT, b INT, c INT, note VARCHAR(20), version INT, "
                        + "m INT NOT NULL DEFAULT 0)");
        for (int i = 0; i < 20; i++) {
            insert("a, b, c, note", i + ", " + i + ", " + i + ", 'n" + i + "'");
        }
        try (DorisTestServer doris = DorisTestServer.builder().start();
                RunningPipeline pipeline = ShardsPipeline.runner(itemsPipeline(work, behavior), mysql, doris)
                        .parallelism(2)
                        .checkpointInterval(INTERVAL)
                        .checkpointDir(work.resolve("checkpoints"))
                        .start()) {
            awaitItemsEqual(pipeline, doris, "the snapshot");

            // MySQL's CHANGE is a type change then a rename (Flink CDC's CustomAlterTableParserListener)
            step(pipeline, doris, "CHANGE c c2 BIGINT", "ALTER TABLE shop.items CHANGE c c2 BIGINT",
                    "a, b, c2, note", "1, 1, " + BEYOND_INT + ", 'after change'");
            step(pipeline, doris, "a multi-clause ALTER", "ALTER TABLE shop.items MODIFY a BIGINT, ADD COLUMN d INT",
                    "a, b, c2, d", (BEYOND_INT + 1) + ", 2, 2, 2");
            mysql.execute("INSERT INTO shop.items (id, b) VALUES (" + nextId++ + ", 7)",
                    "ALTER TABLE shop.items MODIFY b BIGINT",
                    "ALTER TABLE shop.items DROP COLUMN note",
                    "ALTER TABLE shop.items DROP COLUMN m",
                    "INSERT INTO shop.items (id, b, c2) VALUES (" + nextId++ + ", " + (BEYOND_INT + 2) + ", 3)");
            rewriteRowsUnderLenient();
            awaitItemsEqual(pipeline, doris, "three ALTERs back to back");
            step(pipeline, doris, "a widening and a value only the new type holds", "ALTER TABLE shop.items MODIFY d BIGINT",
                    "d", String.valueOf(BEYOND_INT + 3));

            TransactionAudit.awaitNoOpenTransactions(pipeline::awaitUntil, doris, txn -> true);
            TransactionAudit.assertEachLabelCommittedAtMostOnce(doris);
            assertTrue(doris.alterJobs().stream().anyMatch(job -> job.history().contains(SchemaChangeJob.State.WAITING_TXN)),
                    "a type change ran as an alter job: " + doris.alterJobs());
            assertTrue(doris.alterJobs().stream().allMatch(job -> job.state() == SchemaChangeJob.State.FINISHED),
                    doris.alterJobs().toString());
            assertEquals(JobStatus.RUNNING, pipeline.status());
        }
    }

    /**
     * Two shards of the routed table widen the same column one after the other: the merged column becomes STRING
     * (Flink CDC 3.2.0's SchemaDerivation), a heavy change in Doris; the second shard's widening changes nothing more.
     */
    @Test
    void twoShardsOfARoutedTableWideningAColumnOneAfterTheOther(@TempDir Path checkpoints) throws Exception {
        ShardsPipeline.resetSource(mysql);
        String longName = "Wolfeschlegelsteinhausenbergerdorff";
        try (DorisTestServer doris = DorisTestServer.builder().start();
                RunningPipeline pipeline = ShardsPipeline.runner(ShardsPipeline.SEED_YAML, mysql, doris)
                        .parallelism(2)
                        .checkpointInterval(INTERVAL)
                        .checkpointDir(checkpoints)
                        .start()) {
            DorisVersusSource.awaitEqual(pipeline::awaitUntil, doris, mysql.client(), "the snapshot");
            mysql.execute(
                    "UPDATE emp_1.employees_1 SET first_name = 'Before1' WHERE emp_no = 10001",
                    "ALTER TABLE emp_1.employees_1 MODIFY first_name VARCHAR(40) NOT NULL",
                    "INSERT INTO emp_1.employees_1 VALUES (70001,'1990-01-01','" + longName + "','One','F','2020-01-01')",
                    "UPDATE emp_2.employees_2 SET first_name = 'Before2' WHERE emp_no = 10002",
                    "ALTER TABLE emp_2.employees_2 MODIFY first_name VARCHAR(40) NOT NULL",
                    "INSERT INTO emp_2.employees_2 VALUES (70002,'1990-01-01','" + longName + "','Two','F','2020-01-01')");
            DorisVersusSource.awaitEqual(pipeline::awaitUntil, doris, mysql.client(), "two shards widening first_name");
            TransactionAudit.awaitNoOpenTransactions(pipeline::awaitUntil, doris, txn -> true);
            TransactionAudit.assertEachLabelCommittedAtMostOnce(doris);
            assertTrue(doris.alterJobs().stream().allMatch(job -> job.state() == SchemaChangeJob.State.FINISHED),
                    doris.alterJobs().toString());
        }
    }

    /** Rows before the change (pre-committed when it arrives), the change, then a row under the new schema. */
    private void step(RunningPipeline pipeline, DorisTestServer doris, String name, String ddl, String columns,
            String values) {
        mysql.execute("UPDATE shop.items SET version = IFNULL(version, 0) + 1 WHERE id < 3",
                "INSERT INTO shop.items (id) VALUES (" + nextId++ + ")");
        mysql.execute(ddl);
        insert(columns, values);
        rewriteRowsUnderLenient();
        awaitItemsEqual(pipeline, doris, name);
    }

    private void rewriteRowsUnderLenient() {
        if (behavior.equals("lenient")) {
            mysql.execute("UPDATE shop.items SET version = IFNULL(version, 0) + 1");
        }
    }

    private void insert(String columns, String values) {
        mysql.execute("INSERT INTO shop.items (id, " + columns + ") VALUES (" + nextId++ + ", " + values + ")");
    }

    private static Path itemsPipeline(Path dir, String behavior) throws IOException {
        Files.createDirectories(dir);
        Path yaml = dir.resolve("items.yaml");
        Files.writeString(yaml, String.join("\n",
                "source:",
                "  type: mysql",
                "  hostname: ${MYSQL_HOST}",
                "  port: ${MYSQL_PORT}",
                "  username: ${MYSQL_USER}",
                "  password: \"${MYSQL_PASSWORD}\"",
                "  tables: shop.items",
                "  server-id: 5600-5604",
                "  server-time-zone: UTC",
                "sink:",
                "  type: doris2pc",
                "  fenodes: ${DORIS_FENODES}",
                "  username: ${DORIS_USER}",
                "  password: \"${DORIS_PASSWORD}\"",
                "  sink.label-prefix: items",
                "  table.create.properties.replication_num: 1",
                "pipeline:",
                "  name: schema changes between checkpoints",
                "  schema.change.behavior: " + behavior,
                ""), StandardCharsets.UTF_8);
        return yaml;
    }

    /** Each source row equals its Doris row in the source's columns (under lenient Doris keeps more columns). */
    private static void awaitItemsEqual(RunningPipeline pipeline, DorisTestServer doris, String step) {
        String[] last = {""};
        try {
            pipeline.awaitUntil("Doris equals shop.items after " + step, CATCH_UP, () -> {
                if (!doris.tableExists("shop", "items")) {
                    return false;
                }
                Map<String, Map<String, String>> source = new TreeMap<>();
                for (Map<String, Object> row : mysql.client().query("SELECT * FROM shop.items")) {
                    source.put(String.valueOf(row.get("id")), text(row));
                }
                Map<String, Map<String, String>> target = new TreeMap<>();
                for (Map<String, Object> row : doris.rows("shop", "items")) {
                    Map<String, String> projected = new TreeMap<>(text(row));
                    projected.keySet().retainAll(source.isEmpty() ? projected.keySet()
                            : source.values().iterator().next().keySet());
                    target.put(String.valueOf(row.get("id")), projected);
                }
                last[0] = source.size() + " source rows, " + target.size() + " Doris rows; first difference: "
                        + firstDifference(source, target);
                return source.equals(target);
            });
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + last[0], e);
        }
    }

    private static Map<String, String> text(Map<String, Object> row) {
        Map<String, String> text = new TreeMap<>();
        row.forEach((column, value) -> text.put(column, value == null ? null : value.toString()));
        return text;
    }

    private static String firstDifference(Map<String, Map<String, String>> source, Map<String, Map<String, String>> target) {
        for (Map.Entry<String, Map<String, String>> row : source.entrySet()) {
            if (!row.getValue().equals(target.get(row.getKey()))) {
                return "id " + row.getKey() + " source " + row.getValue() + " Doris " + target.get(row.getKey());
            }
        }
        List<String> extra = List.copyOf(target.keySet());
        return extra.size() > source.size() ? "rows only in Doris" : "none";
    }
}
