package io.doris2pc.e2e.support;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;

import java.time.Duration;

/**
 * One run of the seed pipeline with a fault injected while changes flow: the snapshot lands, changes start, the
 * fault strikes, changes go on for a while after it, then stop; and the run must end with Doris equal to the merged
 * source, no transaction left open and no label committed twice.
 */
public final class FaultRun {

    /** Injects a fault and returns once it struck. */
    @FunctionalInterface
    public interface Fault {
        void inject(DorisTestServer doris, RunningPipeline pipeline, ShardChanges changes) throws Exception;
    }

    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final Duration CHANGE_PAUSE = Duration.ofMillis(15);
    /** Source changes before the fault and after it: with the fault's own, a few hundred in all. */
    private static final int CHANGES_AROUND_FAULT = 100;

    private FaultRun() {}

    /**
     * Runs the pipeline of {@code runner} against {@code doris} through {@code fault} and checks the outcome.
     *
     * @return the number of source changes applied
     */
    public static int run(
            EmbeddedMySql mysql, DorisTestServer doris, LocalPipelineRunner.Builder runner, String name, Fault fault)
            throws Exception {
        int applied;
        try (RunningPipeline pipeline = runner.start()) {
            ExactlyOnceChecks.awaitDorisEqualsSource(pipeline, doris, mysql.client(), "the snapshot", CATCH_UP);
            try (ShardChanges changes = ShardChanges.start(mysql.client(), CHANGE_PAUSE)) {
                changes.awaitApplied(CHANGES_AROUND_FAULT, CATCH_UP);
                fault.inject(doris, pipeline, changes);
                changes.awaitApplied(changes.applied() + CHANGES_AROUND_FAULT, CATCH_UP);
                applied = changes.stop();
            }
            ExactlyOnceChecks.awaitDorisEqualsSource(
                    pipeline, doris, mysql.client(), applied + " changes through " + name, CATCH_UP);
            ExactlyOnceChecks.awaitNoOpenTransactions(pipeline, doris, CATCH_UP);
        }
        ExactlyOnceChecks.assertEachLabelCommittedAtMostOnce(doris);
        return applied;
    }

    /** Waits, while the job runs, until every fault asked of {@code doris} has struck. */
    public static void awaitFaultStruck(DorisTestServer doris, RunningPipeline pipeline, String fault) {
        pipeline.awaitUntil("the Doris test server's fault struck: " + fault, CATCH_UP, () -> !doris.faults().pending());
    }
}
