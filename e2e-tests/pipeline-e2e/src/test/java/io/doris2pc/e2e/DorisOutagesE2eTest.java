package io.doris2pc.e2e;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Doris is away or overloaded for a while, while changes flow through the seed pipeline: the FE answers 503 for
 * less and for more than the retry budget, answers slowly, the server restarts under loads and pre-committed
 * transactions, the running-transaction limit is hit. Each run ends with Doris equal to the merged source, no
 * transaction left open and no label committed twice.
 */
class DorisOutagesE2eTest {

    /** 1 s, 2 s, 4 s: an FE outage of up to 7 s is ridden out by every request the sink repeats. */
    private static final Map<String, String> DEFAULT_RETRY_BUDGET =
            Map.of("sink.max-retries", "3", "sink.retry-backoff", "1s");
    /** 0.5 s then 1 s: an outage beyond 1.5 s fails the job over. */
    private static final Map<String, String> SHORT_RETRY_BUDGET =
            Map.of("sink.max-retries", "2", "sink.retry-backoff", "500ms");

    private static EmbeddedMySql mysql;

    @TempDir Path work;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql-outages"));
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
    void anFeOutageShorterThanTheRetryBudgetIsRiddenOutWithoutFailover() throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            LocalPipelineRunner.Builder runner =
                    ShardsPipeline.runner(ShardsPipeline.withSinkOptions(work, DEFAULT_RETRY_BUDGET), mysql, doris,
                            work.resolve("checkpoints"))
                    .restartAttempts(0);
            FaultRun.run(mysql, doris, runner, "a 2 s FE outage", (server, pipeline, changes) -> {
                server.faults().feUnavailableFor(Duration.ofSeconds(2));
                FaultRun.awaitFaultStruck(server, pipeline, "the FE answered 503 for 2 s");
            });

            assertTrue(doris.faults().feRequestsRefused() > 0, "the sink asked the FE during the outage");
        }
    }

    @Test
    void anFeOutageLongerThanTheRetryBudgetFailsTheJobOverAndTheRestoredJobCatchesUp() throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            LocalPipelineRunner.Builder runner =
                    ShardsPipeline.runner(ShardsPipeline.withSinkOptions(work, SHORT_RETRY_BUDGET), mysql, doris,
                            work.resolve("checkpoints"))
                    .restartAttempts(30).restartDelay(Duration.ofSeconds(1));
            FaultRun.run(mysql, doris, runner, "an 8 s FE outage", (server, pipeline, changes) -> {
                server.faults().feUnavailableFor(Duration.ofSeconds(8));
                FaultRun.awaitFaultStruck(server, pipeline, "the FE answered 503 for 8 s");
            });

            assertTrue(doris.faults().feRequestsRefused() > 3, "the sink asked the FE again and again");
        }
    }

    @Test
    void slowAnswersWithinTheSocketTimeoutAreRiddenOutWithoutFailover() throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            LocalPipelineRunner.Builder runner =
                    ShardsPipeline.runner(ShardsPipeline.withSinkOptions(work, Map.of("sink.socket-timeout", "10s")),
                            mysql, doris, work.resolve("checkpoints"))
                    .restartAttempts(0);
            FaultRun.run(mysql, doris, runner, "answers delayed by 1 s", (server, pipeline, changes) -> {
                server.faults().delayResponses(Duration.ofSeconds(1));
                int before = doris.commits().size();
                pipeline.awaitUntil("two commits went through the slow FE", Duration.ofSeconds(60),
                        () -> doris.commits().size() >= before + 2);
                server.faults().delayResponses(Duration.ZERO);
            });
        }
    }

    /**
     * A restart kills the load in flight (Doris aborts its transaction) and keeps the pre-committed transactions,
     * which the restored job commits.
     */
    @Test
    void aServerRestartUnderStreamingLoadsAndPreCommittedTransactionsLosesAndDoublesNothing() throws Exception {
        List<TxnInfo> atRestart = new ArrayList<>();
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            LocalPipelineRunner.Builder runner =
                    ShardsPipeline.runner(ShardsPipeline.withSinkOptions(work, Map.of()), mysql, doris,
                            work.resolve("checkpoints"))
                    .restartAttempts(5).restartDelay(Duration.ofMillis(500));
            FaultRun.run(mysql, doris, runner, "a Doris restart", (server, pipeline, changes) -> {
                // the committer retries a refused commit within its call, after sink.retry-backoff (1 s): the
                // transaction stays pre-committed meanwhile; a load that streams then is caught too, when there is one
                server.faults().commitsUnavailable(1);
                pipeline.awaitUntil(
                        "a transaction with rows awaits its commit",
                        Duration.ofSeconds(60),
                        () -> {
                            atRestart.clear();
                            atRestart.addAll(server.transactions());
                            return atRestart.stream().anyMatch(
                                    t -> t.state() == TxnState.PRECOMMITTED && t.loadedRows() > 0);
                        });
                server.restart();
            });

            for (TxnInfo preCommitted : inState(atRestart, TxnState.PRECOMMITTED)) {
                TxnState now = doris.transaction(preCommitted.db(), preCommitted.label()).orElseThrow().state();
                assertEquals(TxnState.VISIBLE, now, "pre-committed at the restart, then committed: " + preCommitted);
            }
            for (TxnInfo streaming : inState(atRestart, TxnState.PREPARE)) {
                TxnInfo killed = doris.transaction(streaming.db(), streaming.label()).orElseThrow();
                if (killed.state() == TxnState.ABORTED) {
                    assertEquals("coordinate BE is down", killed.abortReason());
                } else {
                    assertEquals(TxnState.VISIBLE, killed.state(), "a load that ended before the restart struck: "
                            + killed);
                }
            }
        }
    }

    @Test
    void hittingTheRunningTransactionLimitFailsTheJobOverUntilDorisHasRoomAgain() throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            LocalPipelineRunner.Builder runner =
                    ShardsPipeline.runner(ShardsPipeline.withSinkOptions(work, Map.of()), mysql, doris,
                            work.resolve("checkpoints"))
                    .restartAttempts(30).restartDelay(Duration.ofMillis(500));
            FaultRun.run(mysql, doris, runner, "the running-transaction limit", (server, pipeline, changes) -> {
                // a quota of none: every new load is refused (DatabaseTransactionMgr.checkRunningTxnExceedLimit) and
                // the job fails over until Doris has room again; a commit waits for no quota
                server.faults().runningTxnLimit(0);
                pipeline.awaitUntil("Doris refused a load over the limit", Duration.ofSeconds(60),
                        () -> !refusedOverLimit(server).isEmpty());
                changes.awaitMoreSteps(25, Duration.ofSeconds(60)); // some 50 statements while the limit holds
                server.faults().runningTxnLimit(1000);
            });

            String refusal = refusedOverLimit(doris).get(0);
            assertTrue(refusal.matches("label \\S+: Fail: .*current running txns on db \\d+ is \\d+, larger than limit 0"),
                    refusal);
            assertFalse(doris.commits().isEmpty());
        }
    }

    private static List<String> refusedOverLimit(DorisTestServer doris) {
        return doris.refusedLoads().stream().filter(r -> r.contains("larger than limit")).collect(Collectors.toList());
    }

    private static List<TxnInfo> inState(List<TxnInfo> txns, TxnState state) {
        return txns.stream().filter(t -> t.state() == state).collect(Collectors.toList());
    }
}
