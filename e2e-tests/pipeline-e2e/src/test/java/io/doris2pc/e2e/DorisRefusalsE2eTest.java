package io.doris2pc.e2e;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.testserver.CommitRecord;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Doris refuses or half-does what the sink asks, while changes flow through the seed pipeline: a load fails, a
 * load's body is cut, a commit's answer is lost, a commit's publish times out. Each run ends with Doris equal to
 * the merged source, no transaction left open and no label committed twice.
 */
class DorisRefusalsE2eTest {

    private static EmbeddedMySql mysql;

    @TempDir Path work;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql-refusals"));
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @BeforeEach
    void resetSource() {
        ShardsPipeline.resetSource(mysql);
    }

    @Test
    void aFailedLoadFailsTheJobOverAndTheRestoredJobLosesAndDoublesNothing() throws Exception {
        String injected = "[INTERNAL_ERROR]injected: tablet writer write failed";
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            FaultRun.run(mysql, doris, failingOver(doris), "a failed load", (server, pipeline, changes) -> {
                server.faults().failNextLoads(1, injected);
                FaultRun.awaitFaultStruck(server, pipeline, "the next load fails");
            });

            List<String> refused = doris.refusedLoads();
            assertEquals(1, refused.size(), refused.toString());
            assertTrue(refused.get(0).endsWith(": Fail: " + injected), refused.get(0));
        }
    }

    @Test
    void aLoadBodyCutMidStreamFailsTheJobOverAndItsTransactionStaysAborted() throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            FaultRun.run(mysql, doris, failingOver(doris), "a load body cut after 200 bytes",
                    (server, pipeline, changes) -> {
                        server.faults().cutNextLoadBodyAfter(200);
                        FaultRun.awaitFaultStruck(server, pipeline, "the next load's body is cut");
                    });

            List<TxnInfo> cut =
                    doris.transactions().stream()
                            .filter(t -> t.abortReason() != null && t.abortReason().contains("failed to read load body"))
                            .collect(Collectors.toList());
            assertEquals(1, cut.size(), "the cut load's transaction: " + doris.transactions());
            assertEquals(TxnState.ABORTED, cut.get(0).state());
            assertFalse(committedLabels(doris).contains(cut.get(0).label()), "a cut load's label is never committed");
        }
    }

    /** The retry of a commit applied without an answer finds it visible: no failover, no second commit. */
    @Test
    void aCommitWhoseAnswerIsLostIsFoundCommittedOnRetryWithoutFailover() throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            FaultRun.run(mysql, doris, ridingItOut(doris), "lost commit answers", (server, pipeline, changes) -> {
                server.faults().dropNextCommitResponses(3);
                FaultRun.awaitFaultStruck(server, pipeline, "three commits are applied and their answers lost");
            });
        }
    }

    @Test
    void commitsWhosePublishTimesOutBecomeVisibleLaterWithoutFailover() throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            FaultRun.run(mysql, doris, ridingItOut(doris), "publish timeouts", (server, pipeline, changes) -> {
                server.faults().publishTimeoutNextCommits(3);
                FaultRun.awaitFaultStruck(server, pipeline, "three commits answer before they are published");
            });

            assertTrue(doris.transactions().stream().noneMatch(t -> t.state() == TxnState.COMMITTED),
                    "every committed transaction became visible");
        }
    }

    /** Without restarts a failover would end the run: the job must carry on through the fault. */
    private LocalPipelineRunner.Builder ridingItOut(DorisTestServer doris) {
        return ShardsPipeline.runner(ShardsPipeline.SEED_YAML, mysql, doris, work.resolve("checkpoints"))
                .restartAttempts(0);
    }

    private LocalPipelineRunner.Builder failingOver(DorisTestServer doris) {
        return ShardsPipeline.runner(ShardsPipeline.SEED_YAML, mysql, doris, work.resolve("checkpoints"))
                .restartAttempts(5).restartDelay(Duration.ofMillis(500));
    }

    private static List<String> committedLabels(DorisTestServer doris) {
        return doris.commits().stream().map(CommitRecord::label).collect(Collectors.toList());
    }
}
