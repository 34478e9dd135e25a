package io.doris2pc.e2e;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.examples.RetainedCheckpoints;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole MySQL database of 200 tables, {@code pipeline-examples/mysql-database-to-doris.yaml}
 * ({@code tables: db.\.*}), at parallelism 2 against a Doris whose {@code max_running_txn_num_per_db} is 300.
 * Every table is updated in each round of changes. With Flink CDC's default hash each table's keys spread over both
 * subtasks, about 375 transactions run at once and Doris refuses new loads with "current running txns on db ...
 * larger than limit 300" (fe/fe-core/src/main/java/org/apache/doris/transaction/DatabaseTransactionMgr.java); run
 * with {@code -Dwhole-db.writers-per-table=2} to see it. With one writer per table at most 200 run.
 *
 * <p>The job is stopped while the tables are being created and restored from its latest checkpoint; the restored
 * job creates and fills the rest. (A task failover in place cannot do that on Flink CDC 3.2.0: its schema registry
 * keeps waiting for the flush of the failed attempt, so every schema change then times out; see docs/scale.md.)
 */
class WholeDatabaseE2eTest {

    private static final Path YAML =
            Paths.get("../../pipeline-examples/mysql-database-to-doris.yaml").toAbsolutePath().normalize();
    private static final String DB = "whole_db";
    private static final int TABLES = 200;
    private static final int ROWS_PER_TABLE = 8;
    private static final int PARALLELISM = 2;
    private static final int QUOTA = 300;
    private static final int UPDATE_ROUNDS = 3;
    /** Flink CDC 3.2.0 creates tables one schema-change handshake at a time, about a second or two each. */
    private static final Duration CREATION = Duration.ofMinutes(15);

    private static EmbeddedMySql mysql;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql-whole-db"));
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @Test
    void everyTableOfTheDatabaseReachesDorisWithinTheTransactionQuotaAcrossARestoreDuringCreation(
            @TempDir Path work) throws Exception {
        createSourceDatabase();
        int writersPerTable = Integer.getInteger("whole-db.writers-per-table", 1);
        Path yaml = withWritersPerTable(work, writersPerTable);
        Path checkpoints = work.resolve("checkpoints");
        try (DorisTestServer doris = DorisTestServer.builder().maxRunningTxnPerDb(QUOTA).start();
                RunningTxnPeak peak = new RunningTxnPeak(doris, DB)) {
            try (RunningPipeline first = runner(yaml, doris, checkpoints).start()) {
                Awaiter awaiter = withinQuota(first, doris);
                awaiter.awaitUntil("a quarter of the tables exist in Doris and a checkpoint was retained", CREATION,
                        () -> existingTables(doris) >= TABLES / 4 && first.latestCheckpoint().isPresent());
            }
            Path checkpoint = RetainedCheckpoints.latest(checkpoints).orElseThrow();
            int createdBefore = (int) existingTables(doris);
            try (RunningPipeline restored = runner(yaml, doris, checkpoints).restoreFrom(checkpoint).start()) {
                Awaiter awaiter = withinQuota(restored, doris);
                awaitEqual(awaiter, doris, "the snapshot of " + TABLES + " tables, restored from " + checkpoint
                        + " with " + createdBefore + " tables created");
                long snapshotCommits = doris.commits().stream().filter(c -> c.db().equals(DB)).count();
                for (int round = 1; round <= UPDATE_ROUNDS; round++) {
                    List<String> updates = new ArrayList<>();
                    for (int t = 0; t < TABLES; t++) {
                        updates.add("UPDATE " + DB + "." + table(t) + " SET v = v + 1");
                    }
                    mysql.client().execute(updates);
                    awaitEqual(awaiter, doris, "round " + round + " of updates of every table");
                    awaiter.awaitUntil("no transaction of the job stays open", DorisVersusSource.CATCH_UP,
                            () -> doris.transactions(DB).stream().noneMatch(t -> t.state().isRunning()));
                }
                System.out.printf("whole database: %d tables, parallelism %d, %d writers per table: %d transactions "
                                + "committed for the snapshot, at most %d running at once (quota %d)%n", TABLES,
                        PARALLELISM, writersPerTable, snapshotCommits, peak.max(), QUOTA);
            }
        }
    }

    private static LocalPipelineRunner.Builder runner(Path yaml, DorisTestServer doris, Path checkpoints) {
        return LocalPipelineRunner.builder(yaml)
                .variables(ShardsPipeline.variables(mysql, doris))
                .variable("MYSQL_DATABASE", DB)
                .parallelism(PARALLELISM)
                .checkpointInterval(Duration.ofSeconds(1))
                .checkpointDir(checkpoints);
    }

    /** Fails at once when Doris refused a load for the transaction quota; else waits as the pipeline does. */
    private static Awaiter withinQuota(RunningPipeline pipeline, DorisTestServer doris) {
        return (description, timeout, condition) -> pipeline.awaitUntil(description, timeout, () -> {
            List<String> overQuota = doris.refusedLoads().stream()
                    .filter(refusal -> refusal.contains("larger than limit"))
                    .collect(Collectors.toList());
            if (!overQuota.isEmpty()) {
                throw new AssertionError(overQuota.size() + " loads exceeded max_running_txn_num_per_db "
                        + QUOTA + ", the first: " + overQuota.get(0));
            }
            return condition.getAsBoolean();
        });
    }

    private static void createSourceDatabase() {
        List<String> statements = new ArrayList<>();
        statements.add("DROP DATABASE IF EXISTS " + DB);
        statements.add("CREATE DATABASE " + DB);
        for (int t = 0; t < TABLES; t++) {
            statements.add("CREATE TABLE " + DB + "." + table(t) + " (id INT PRIMARY KEY, v INT NOT NULL)");
            StringBuilder insert = new StringBuilder("INSERT INTO " + DB + "." + table(t) + " VALUES ");
            for (int id = 1; id <= ROWS_PER_TABLE; id++) {
                insert.append(id == 1 ? "" : ",").append('(').append(id).append(',').append(t * 100 + id).append(')');
            }
            statements.add(insert.toString());
        }
        mysql.client().execute(statements);
    }

    private static Path withWritersPerTable(Path dir, int writersPerTable) throws IOException {
        String yaml = Files.readString(YAML, StandardCharsets.UTF_8);
        String option = "  sink.writers-per-table: 1\n";
        assertTrue(yaml.contains(option), YAML + " sets sink.writers-per-table: 1");
        Path derived = dir.resolve("pipeline.yaml");
        Files.writeString(derived, yaml.replace(option, "  sink.writers-per-table: " + writersPerTable + "\n"));
        return derived;
    }

    private static String table(int t) {
        return String.format("t_%03d", t);
    }

    private static long existingTables(DorisTestServer doris) {
        AtomicInteger count = new AtomicInteger();
        for (int t = 0; t < TABLES; t++) {
            if (doris.tableExists(DB, table(t))) {
                count.incrementAndGet();
            }
        }
        return count.get();
    }

    /** Waits until every Doris table holds exactly its source table's rows (the source stays still meanwhile). */
    private static void awaitEqual(Awaiter awaiter, DorisTestServer doris, String step) {
        Map<String, Map<String, String>> expected = new HashMap<>();
        for (int t = 0; t < TABLES; t++) {
            expected.put(table(t), rowsById(mysql.client().query("SELECT id, v FROM " + DB + "." + table(t))));
        }
        awaiter.awaitUntil("Doris equals the source after " + step, CREATION, () -> {
            for (int t = 0; t < TABLES; t++) {
                if (!doris.tableExists(DB, table(t))
                        || !expected.get(table(t)).equals(rowsById(doris.rows(DB, table(t))))) {
                    return false;
                }
            }
            return true;
        });
        assertEquals(TABLES, existingTables(doris));
    }

    private static Map<String, String> rowsById(List<Map<String, Object>> rows) {
        Map<String, String> byId = new HashMap<>();
        for (Map<String, Object> row : rows) {
            byId.put(String.valueOf(row.get("id")), String.valueOf(row.get("v")));
        }
        return byId;
    }

    /** The most transactions of one database running (PREPARE, PRECOMMITTED, COMMITTED) at once, sampled. */
    private static final class RunningTxnPeak implements AutoCloseable {
        private final Thread sampler;
        private volatile boolean stopped;
        private volatile int max;

        RunningTxnPeak(DorisTestServer doris, String db) {
            sampler = new Thread(() -> {
                while (!stopped) {
                    int running = 0;
                    for (TxnInfo txn : doris.transactions(db)) {
                        if (txn.state().isRunning()) {
                            running++;
                        }
                    }
                    max = Math.max(max, running);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "running-txn-peak");
            sampler.setDaemon(true);
            sampler.start();
        }

        int max() {
            return max;
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            sampler.interrupt();
            sampler.join();
        }
    }
}
