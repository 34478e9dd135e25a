package io.doris2pc.e2e;

import io.doris2pc.e2e.chaos.ChaosOptions;
import io.doris2pc.e2e.chaos.ChaosRun;
import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.examples.RetainedCheckpoints;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;

/**
 * A job stopped while changes flow is restored from its last retained checkpoint at another parallelism: the
 * writer states of the old subtasks are redistributed over the new ones, which must still find and abort what the
 * old subtasks left open, and the committer must commit the checkpoint's own transactions.
 */
class RescaleE2eTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static EmbeddedMySql mysql;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql"));
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @ParameterizedTest(name = "parallelism {0} -> {1}")
    @CsvSource({"2, 1", "1, 2"})
    void aCheckpointRestoresAtAnotherParallelismExactlyOnce(int before, int after, @TempDir Path work)
            throws Exception {
        ShardsPipeline.resetSource(mysql);
        ChaosRun ledgerOnly = new ChaosRun(work.resolve("chaos"));
        Path yaml = ShardsPipeline.withChaosSink(work, Map.of(ChaosOptions.DIR.key(), ledgerOnly.dir().toString()));
        Path checkpoints = work.resolve("checkpoints");
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            SourceTraffic changes;
            try (RunningPipeline first = pipeline(yaml, doris, checkpoints, before).start()) {
                // Changes start after the snapshot (apache/flink-cdc#2794, see ProcessKillE2eTest).
                DorisVersusSource.awaitEqual(first::awaitUntil, doris, mysql.client(), "the snapshot");
                changes = ShardChanges.start(mysql.client(), 400_000, true);
                changes.awaitMoreSteps(60, DEADLINE);
            }
            try (changes) {
                changes.awaitMoreSteps(30, DEADLINE);
                Path latest = RetainedCheckpoints.latest(checkpoints).orElseThrow();
                try (RunningPipeline second = pipeline(yaml, doris, checkpoints, after).restoreFrom(latest).start()) {
                    changes.awaitMoreSteps(60, DEADLINE);
                    changes.stop();
                    DorisVersusSource.awaitEqual(
                            second::awaitUntil, doris, mysql.client(), "restoring at parallelism " + after);
                    new TransactionAudit(doris, ledgerOnly.ledger(), checkpoints).assertExactlyOnce(second::awaitUntil);
                }
            }
        }
    }

    private static LocalPipelineRunner.Builder pipeline(
            Path yaml, DorisTestServer doris, Path checkpoints, int parallelism) {
        return ShardsPipeline.runner(yaml, mysql, doris)
                .parallelism(parallelism)
                .checkpointInterval(Duration.ofSeconds(1))
                .checkpointDir(checkpoints)
                .flinkConfig(TransactionAudit.NUM_RETAINED, TransactionAudit.RETAIN_ALL);
    }
}
