package io.doris2pc.e2e;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;

/**
 * One run of the seed pipeline with a Doris fault injected while changes flow: the snapshot lands, changes
 * (inserts, updates, deletes) start, the fault strikes, changes go on for a while after it, then stop; and the run
 * must end with Doris equal to the merged source, no transaction left open and no label committed twice.
 */
final class FaultRun {

    /** Injects a fault and returns once it struck. */
    @FunctionalInterface
    interface Fault {
        void inject(DorisTestServer doris, RunningPipeline pipeline, SourceTraffic changes) throws Exception;
    }

    /** Steps of source changes before the fault and after it: some 100 statements each (see {@link ShardChanges}). */
    private static final int STEPS_AROUND_FAULT = 50;
    private static final int FIRST_NEW_EMP_NO = 70_001;

    private FaultRun() {}

    /** Runs the pipeline of {@code runner} against {@code doris} through {@code fault} and checks the outcome. */
    static void run(EmbeddedMySql mysql, DorisTestServer doris, LocalPipelineRunner.Builder runner, String name,
            Fault fault) throws Exception {
        try (RunningPipeline pipeline = runner.start()) {
            DorisVersusSource.awaitEqual(pipeline::awaitUntil, doris, mysql.client(), "the snapshot");
            int steps;
            try (SourceTraffic changes = ShardChanges.start(mysql.client(), FIRST_NEW_EMP_NO, true)) {
                changes.awaitMoreSteps(STEPS_AROUND_FAULT, DorisVersusSource.CATCH_UP);
                fault.inject(doris, pipeline, changes);
                changes.awaitMoreSteps(STEPS_AROUND_FAULT, DorisVersusSource.CATCH_UP);
                steps = changes.stop();
            }
            DorisVersusSource.awaitEqual(
                    pipeline::awaitUntil, doris, mysql.client(), steps + " steps of changes through " + name);
            TransactionAudit.awaitNoOpenTransactions(pipeline::awaitUntil, doris, txn -> true);
        }
        TransactionAudit.assertEachLabelCommittedAtMostOnce(doris);
    }

    /** Waits, while the job runs, until every fault asked of {@code doris} has struck. */
    static void awaitFaultStruck(DorisTestServer doris, RunningPipeline pipeline, String fault) {
        pipeline.awaitUntil("the Doris test server's fault struck: " + fault, DorisVersusSource.CATCH_UP,
                () -> !doris.faults().pending());
    }
}
