package io.doris2pc.e2e;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.RetainedCheckpoints;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pre-committed transactions of the last checkpoint expire in Doris while the job is down: the restored job must
 * fail, naming the table and label that were lost and the setting to raise, and never report success.
 */
class PreCommitExpiryE2eTest {

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final Duration DORIS_PRECOMMIT_TIMEOUT = Duration.ofSeconds(3600);
    /** A commit Doris refuses with a text that is neither "committed" nor "aborted": the job fails at once. */
    private static final String COMMIT_REFUSAL = "get tableList write lock timeout";

    private static EmbeddedMySql mysql;

    @TempDir Path work;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql-expiry"));
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @Test
    void aRestoreAfterDorisExpiredTheCheckpointsTransactionsFailsNamingTableLabelAndSetting() throws Exception {
        ShardsPipeline.resetSource(mysql);
        try (DorisTestServer doris = DorisTestServer.builder().precommitTimeout(DORIS_PRECOMMIT_TIMEOUT).start()) {
            Map<String, TxnInfo> stranded = runUntilACommitIsRefused(doris);
            assertFalse(stranded.isEmpty(), "the failed job left pre-committed transactions with rows");

            doris.clock().advance(DORIS_PRECOMMIT_TIMEOUT.plusSeconds(1));
            for (String label : stranded.keySet()) {
                TxnInfo expired = doris.transaction(ShardsPipeline.DB, label).orElseThrow();
                assertEquals(TxnState.ABORTED, expired.state(), "Doris expired " + label);
                assertEquals("timeout by txn manager", expired.abortReason());
            }

            Path checkpoint = RetainedCheckpoints.latest(work.resolve("checkpoints"))
                    .orElseThrow(() -> new AssertionError("the failed job retained no checkpoint"));
            try (RunningPipeline restored =
                    ShardsPipeline.runner(ShardsPipeline.SEED_YAML, mysql, doris, work.resolve("checkpoints"))
                            .restoreFrom(checkpoint).restartAttempts(0).start()) {
                JobResult result = restored.awaitTermination(CATCH_UP);
                assertEquals(JobStatus.FAILED, restored.status(), "the restored job must not go on as if nothing "
                        + "was lost");
                String message = lossMessage(result);
                String label = labelIn(message, stranded.keySet());
                assertTrue(message.startsWith("The pre-committed transaction " + stranded.get(label).txnId()
                        + " (label " + label + ") of table demo.all_employees_info was aborted by Doris (abort "
                        + "reason: timeout by txn manager); its rows are lost."), message);
                assertTrue(message.contains("stream_load_default_precommit_timeout_second"), message);
                assertTrue(message.contains("replay the lost rows from the source"), message);
            }

            TransactionAudit.awaitNoOpenTransactions(Awaiter.polling(), doris, txn -> true);
            TransactionAudit.assertEachLabelCommittedAtMostOnce(doris);
            long lostRows = stranded.values().stream().mapToLong(TxnInfo::loadedRows).sum();
            assertNotEquals(0, lostRows);
        }
    }

    /**
     * Runs the pipeline with changes flowing until Doris refuses a commit, which fails the job (no restarts) with
     * its last checkpoint's transactions pre-committed; returns those with rows, by label.
     */
    private Map<String, TxnInfo> runUntilACommitIsRefused(DorisTestServer doris) throws Exception {
        try (RunningPipeline pipeline =
                ShardsPipeline.runner(ShardsPipeline.SEED_YAML, mysql, doris, work.resolve("checkpoints"))
                        .restartAttempts(0).start()) {
            DorisVersusSource.awaitEqual(pipeline::awaitUntil, doris, mysql.client(), "the snapshot");
            try (SourceTraffic changes = ShardChanges.start(mysql.client(), 70_001, true)) {
                changes.awaitMoreSteps(25, CATCH_UP); // some 50 statements: inserts, updates and deletes
                doris.faults().failNextCommits(1000, COMMIT_REFUSAL);
                pipeline.awaitStatus(JobStatus.FAILED, CATCH_UP);
            }
        }
        Map<String, TxnInfo> stranded = doris.transactions().stream()
                .filter(t -> t.state() == TxnState.PRECOMMITTED && t.loadedRows() > 0)
                .collect(Collectors.toMap(TxnInfo::label, Function.identity(), (older, newer) -> newer));
        doris.faults().clear();
        return stranded;
    }

    /** The seed pipeline, checkpointing every second. */
    private static String lossMessage(JobResult result) {
        Throwable failure = result.getSerializedThrowable()
                .map(t -> t.deserializeError(PreCommitExpiryE2eTest.class.getClassLoader()))
                .orElseThrow(() -> new AssertionError("the restored job ended without a failure: " + result));
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("The pre-committed transaction ")) {
                return t.getMessage();
            }
        }
        throw new AssertionError("the restored job failed, but not naming the lost transaction", failure);
    }

    private static String labelIn(String message, Collection<String> labels) {
        return labels.stream()
                .filter(label -> message.contains("(label " + label + ")"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the message names none of the expired labels " + labels
                        + ": " + message));
    }
}
