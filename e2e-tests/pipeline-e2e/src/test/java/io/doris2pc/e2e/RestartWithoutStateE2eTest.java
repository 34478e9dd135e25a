package io.doris2pc.e2e;

import io.doris2pc.e2e.chaos.ChaosOptions;
import io.doris2pc.e2e.chaos.ChaosRun;
import io.doris2pc.e2e.chaos.FailurePoint;
import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;

import org.apache.flink.api.common.JobStatus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job fails for good (no restart) leaving pre-committed transactions behind, and the operator starts the same
 * pipeline again without state, same label prefix, {@code scan.startup.mode: initial}: it starts cleanly (no "Label
 * Already Exists"), re-reads the source, and Doris ends equal to the source by UNIQUE KEY upserts, except for a row
 * deleted while no job ran, which a snapshot cannot delete. What the failed run left pre-committed stays invisible
 * until Doris's pre-commit timeout aborts it.
 */
class RestartWithoutStateE2eTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** An employee of the seed data, deleted at the source while no job runs. */
    private static final String DELETED_WHILE_DOWN = "10010";

    private static EmbeddedMySql mysql;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql"));
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @Test
    void aPipelineStartedAgainWithoutStateStartsCleanlyAndCatchesUp(@TempDir Path work) throws Exception {
        ShardsPipeline.resetSource(mysql);
        ChaosRun chaos = new ChaosRun(work.resolve("chaos"));
        Path checkpoints = work.resolve("checkpoints");
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            Path failing = ShardsPipeline.withChaosSink(work.resolve("failing"), Map.of(
                    ChaosOptions.DIR.key(), chaos.dir().toString(),
                    ChaosOptions.FAILURE.key(), FailurePoint.PREPARE_COMMIT.name()));
            String oldLabels;
            Map<String, Object> deletedRow;
            try (RunningPipeline first = pipeline(failing, doris, checkpoints).start()) {
                DorisVersusSource.awaitEqual(first::awaitUntil, doris, mysql.client(), "the snapshot");
                deletedRow = rowOf(doris, DELETED_WHILE_DOWN);
                try (SourceTraffic changes = ShardChanges.start(mysql.client(), 500_000, false)) {
                    changes.awaitMoreSteps(20, DEADLINE);
                    chaos.arm();
                    first.awaitUntil("the injected failure fired", DEADLINE, chaos::fired);
                    first.awaitTermination(DEADLINE);
                    assertEquals(JobStatus.FAILED, first.status(), "without restarts the failure ends the job");
                    changes.awaitMoreSteps(40, DEADLINE);
                    // Stopped before the restart re-reads a snapshot (apache/flink-cdc#2794, see ProcessKillE2eTest).
                    changes.stop();
                }
            }
            oldLabels = runPrefixOf(doris);
            mysql.execute("DELETE FROM emp_1.employees_1 WHERE emp_no = " + DELETED_WHILE_DOWN,
                    "DELETE FROM emp_1.employees_2 WHERE emp_no = " + DELETED_WHILE_DOWN,
                    "DELETE FROM emp_2.employees_1 WHERE emp_no = " + DELETED_WHILE_DOWN,
                    "DELETE FROM emp_2.employees_2 WHERE emp_no = " + DELETED_WHILE_DOWN);
            List<TxnInfo> leftBehind = openTransactions(doris, oldLabels);
            assertFalse(leftBehind.isEmpty(), "the failed run left pre-committed transactions");

            Path plain = ShardsPipeline.withChaosSink(work.resolve("plain"), Map.of(ChaosOptions.DIR.key(),
                    chaos.dir().toString()));
            try (RunningPipeline second = pipeline(plain, doris, checkpoints).start()) {
                Predicate<TxnInfo> ofNewRun = txn -> !txn.label().startsWith(oldLabels);
                DorisVersusSource.awaitEqual(second::awaitUntil, doris, mysql.client(),
                        "a restart without state (the row deleted while no job ran stays)",
                        expected -> withRow(expected, DELETED_WHILE_DOWN, deletedRow));
                TransactionAudit audit = new TransactionAudit(doris, chaos.ledger(), checkpoints);
                audit.awaitNoOpenTransactions(second::awaitUntil, ofNewRun);
                audit.assertEveryCommitBelongsToACompletedCheckpoint();
                assertTrue(doris.transactions().stream().filter(ofNewRun)
                                .allMatch(t -> t.state() == TxnState.VISIBLE),
                        "every load of the new run began and was committed: " + doris.transactions());
                assertEquals(leftBehind.stream().map(TxnInfo::label).collect(Collectors.toList()),
                        openTransactions(doris, oldLabels).stream().map(TxnInfo::label).collect(Collectors.toList()),
                        "the new run cannot know the old run's pre-committed transactions");

                // past the pre-commit timeout and past the next run of the FE's transaction cleaner (every 30 s)
                doris.clock().advance(Duration.ofSeconds(3631));
                assertEquals(List.of(), openTransactions(doris, oldLabels), "Doris's pre-commit timeout aborted them");
                assertTrue(leftBehind.stream().allMatch(t -> doris.transaction(ShardsPipeline.DB, t.label())
                        .map(TxnInfo::abortReason).orElse("").equals("timeout by txn manager")));
                DorisVersusSource.awaitEqual(second::awaitUntil, doris, mysql.client(),
                        "the old run's transactions expired",
                        expected -> withRow(expected, DELETED_WHILE_DOWN, deletedRow));
                assertEquals(JobStatus.RUNNING, second.status());
            }
        }
    }

    private static LocalPipelineRunner.Builder pipeline(Path yaml, DorisTestServer doris, Path checkpoints) {
        return ShardsPipeline.runner(yaml, mysql, doris)
                .parallelism(1)
                .checkpointInterval(Duration.ofSeconds(1))
                .checkpointDir(checkpoints)
                .restartAttempts(0)
                .flinkConfig(TransactionAudit.NUM_RETAINED, TransactionAudit.RETAIN_ALL);
    }

    /** The labels of one submission share {prefix}_{runId}_ (LabelNamespace); the first run wrote all there are. */
    private static String runPrefixOf(DorisTestServer doris) {
        List<String> prefixes = doris.transactions().stream()
                .map(t -> "emp_shards_" + t.label().substring("emp_shards_".length()).split("_")[0] + "_")
                .distinct()
                .collect(Collectors.toList());
        assertEquals(1, prefixes.size(), "one run wrote these labels: " + prefixes);
        return prefixes.get(0);
    }

    private static List<TxnInfo> openTransactions(DorisTestServer doris, String labelPrefix) {
        return doris.transactions().stream()
                .filter(t -> t.label().startsWith(labelPrefix))
                .filter(t -> t.state() == TxnState.PREPARE || t.state() == TxnState.PRECOMMITTED)
                .collect(Collectors.toList());
    }

    private static Map<String, Object> rowOf(DorisTestServer doris, String empNo) {
        return doris.rows(ShardsPipeline.DB, ShardsPipeline.TABLE).stream()
                .filter(row -> String.valueOf(row.get("emp_no")).equals(empNo))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + empNo + " in Doris"));
    }

    private static Map<String, Map<String, String>> withRow(
            Map<String, Map<String, String>> rows, String key, Map<String, Object> row) {
        Map<String, String> text = new TreeMap<>();
        row.forEach((column, value) -> text.put(column, value == null ? null : value.toString()));
        rows.put(key, text);
        return rows;
    }
}
