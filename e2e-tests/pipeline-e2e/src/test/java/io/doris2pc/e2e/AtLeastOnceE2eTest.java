package io.doris2pc.e2e;

import io.doris2pc.e2e.chaos.ChaosOptions;
import io.doris2pc.e2e.chaos.ChaosRun;
import io.doris2pc.e2e.chaos.FailurePoint;
import io.doris2pc.examples.EmbeddedMySql;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sink.delivery-guarantee: at-least-once} on a Doris in cloud mode, whose BE refuses two-phase commit into the
 * merge-on-write UNIQUE table doris2pc creates: the YAML pipeline lands the snapshot and a stream of inserts, updates
 * and deletes with plain loads, the writer fails while a load streams, Flink restarts the job from its last
 * checkpoint, the rows since then are loaded again, and the UNIQUE KEY table ends equal to the merged source.
 */
class AtLeastOnceE2eTest {

    private static final Duration FAILURE_DEADLINE = Duration.ofSeconds(60);

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
    void inCloudModeAFailoverReplaysIntoMergeOnWriteTablesAndDorisEndsEqualToTheSource(@TempDir Path work)
            throws Exception {
        ShardsPipeline.resetSource(mysql);
        ChaosRun chaos = new ChaosRun(work.resolve("chaos"));
        Map<String, String> sinkOptions = new LinkedHashMap<>();
        sinkOptions.put("sink.delivery-guarantee", "at-least-once");
        // small buffers: the load open at the failure has already streamed rows
        sinkOptions.put("sink.buffer-size", "4096");
        sinkOptions.put(ChaosOptions.DIR.key(), chaos.dir().toString());
        sinkOptions.put(ChaosOptions.FAILURE.key(), FailurePoint.WRITE.name());
        sinkOptions.put(ChaosOptions.WRITE_AFTER_RECORDS.key(), "40");
        Path yaml = ShardsPipeline.withChaosSink(work, sinkOptions);
        try (DorisTestServer doris = DorisTestServer.builder().dorisVersion("3.0.5").cloudMode(true).start();
                RunningPipeline pipeline = ShardsPipeline.runner(yaml, mysql, doris, work.resolve("checkpoints"))
                        .parallelism(1)
                        .restartAttempts(1)
                        .restartDelay(Duration.ofMillis(500))
                        .start()) {
            DorisVersusSource.awaitEqual(pipeline::awaitUntil, doris, mysql.client(), "the snapshot");

            try (SourceTraffic changes = ShardChanges.start(mysql.client(), 200_000, true)) {
                changes.awaitMoreSteps(20, FAILURE_DEADLINE);
                chaos.arm();
                pipeline.awaitUntil("the injected WRITE failure fired", FAILURE_DEADLINE, chaos::fired);
                changes.awaitMoreSteps(100, FAILURE_DEADLINE);
                changes.stop();
            }
            DorisVersusSource.awaitEqual(pipeline::awaitUntil, doris, mysql.client(), "the failure and restart");
            assertEquals(JobStatus.RUNNING, pipeline.status(), "the job restarted in place and runs on");

            TransactionAudit.awaitNoOpenTransactions(pipeline::awaitUntil, doris, txn -> true);
            assertEquals(List.of(), doris.refusedLoads(), "no load was refused: none asked for two-phase commit");
            List<TxnInfo> neverPreCommitted = doris.transactions().stream()
                    .filter(t -> t.state() != TxnState.VISIBLE && t.state() != TxnState.ABORTED)
                    .collect(Collectors.toList());
            assertEquals(List.of(), neverPreCommitted, "every load was committed by Doris itself, or aborted");
            assertTrue(doris.transactions().stream().anyMatch(t -> t.state() == TxnState.ABORTED && t.loadedRows() > 0),
                    "the failure cut a load that had streamed rows, and that transaction was aborted: "
                            + doris.transactions());
        }
    }
}
