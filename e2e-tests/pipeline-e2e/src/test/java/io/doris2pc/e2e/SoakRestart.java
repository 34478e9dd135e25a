package io.doris2pc.e2e;

import io.doris2pc.examples.RetainedCheckpoints;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.core.execution.SavepointFormatType;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * How a soak run restarts its job midway, while changes flow (issue 13): not at all, restored from its last
 * checkpoint at the other parallelism while Doris refuses the first commits, or restored from a savepoint after
 * Doris has forgotten the savepoint's (committed) transactions.
 */
enum SoakRestart {
    NONE {
        @Override
        RunningPipeline restart(Restarts run) {
            return run.current();
        }
    },
    /**
     * A checkpoint restored at the other parallelism: Flink splits the committer state round-robin, so a subtask
     * re-commits transactions of keys another subtask now writes. The first commits after the restore fail (FE 503,
     * then a lock timeout): the restored transactions must still be committed before newer ones of their keys.
     */
    RESCALE_WITH_COMMIT_FAULTS {
        @Override
        RunningPipeline restart(Restarts run) throws Exception {
            RunningPipeline current = run.current();
            current.awaitUntil("a retained checkpoint", DEADLINE, () -> current.latestCheckpoint().isPresent());
            current.close();
            Path latest = RetainedCheckpoints.latest(current.checkpointDir()).orElseThrow();
            run.doris().faults().commitsUnavailable(2);
            run.doris().faults().failNextCommits(1, "get tableList write lock timeout, tableList=(demo)");
            return run.start(3 - run.parallelism(), Map.of(), latest);
        }
    },
    /**
     * A savepoint of a quiet job, which the job commits, the job cancelled before anything newer, down longer than
     * Doris keeps labels (13 h on the test server's clock), and restored from the savepoint with
     * {@code sink.forgotten-transactions: assume-committed}. The restored committer meets transactions Doris no
     * longer knows; a pre-commit timeout of 1 s makes them "too old to be sure" once the restart took a second of
     * real time, as days would. The source is paused around the savepoint: changes committed after it would be
     * replayed by the restore, as from any older savepoint. (A stop-with-savepoint would end the job FINISHED, and
     * Flink deletes the retained checkpoints the soak's audit reads.)
     */
    OLD_SAVEPOINT {
        @Override
        RunningPipeline restart(Restarts run) throws Exception {
            RunningPipeline current = run.current();
            run.pauseTraffic();
            String savepoint = savepoint(current, run.savepointDir());
            Optional<Path> before = current.latestCheckpoint();
            current.awaitUntil("a checkpoint after the savepoint", DEADLINE,
                    () -> !current.latestCheckpoint().equals(before));
            run.awaitCaughtUp("the savepoint");
            current.close();
            run.doris().clock().advance(Duration.ofHours(13));
            RunningPipeline restored = run.start(run.parallelism(), Map.of(
                    "sink.doris-precommit-timeout", "1s",
                    "sink.clock-skew-allowance", "0s",
                    "sink.forgotten-transactions", "assume-committed"),
                    Paths.get(URI.create(savepoint)));
            run.resumeTraffic();
            return restored;
        }
    };

    /**
     * The restarts a scenario draws from. OLD_SAVEPOINT only with {@code -Dsoak.old-savepoint=true}: in 4 of 10 such
     * runs the restored MySQL source replayed changes from long before the savepoint, doubling change-log rows (not
     * yet explained; docs/testing.md), so it stays out of the default soak until it is.
     */
    static SoakRestart[] drawn() {
        return Boolean.getBoolean("soak.old-savepoint")
                ? values()
                : new SoakRestart[] {NONE, RESCALE_WITH_COMMIT_FAULTS};
    }

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int SAVEPOINT_ATTEMPTS = 5;

    /**
     * Takes a savepoint once every task runs (a checkpoint completed after the call): the job may still be failing
     * over from the scenario's faults, and Flink refuses a savepoint while a task is not running.
     */
    private static String savepoint(RunningPipeline pipeline, Path dir) throws Exception {
        ExecutionException last = null;
        for (int attempt = 0; attempt < SAVEPOINT_ATTEMPTS; attempt++) {
            Optional<Path> before = pipeline.latestCheckpoint();
            pipeline.awaitUntil("a checkpoint with every task running", DEADLINE,
                    () -> !pipeline.latestCheckpoint().equals(before));
            try {
                return pipeline.jobClient()
                        .triggerSavepoint(dir.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                last = e;
            }
        }
        throw new IllegalStateException("Flink took no savepoint in " + SAVEPOINT_ATTEMPTS + " attempts", last);
    }

    /** Restarts the job; returns the pipeline the run goes on with. */
    abstract RunningPipeline restart(Restarts run) throws Exception;

    /** What a restart needs of its soak run. */
    interface Restarts {
        RunningPipeline current();

        DorisTestServer doris();

        int parallelism();

        Path savepointDir();

        void pauseTraffic();

        void resumeTraffic();

        /** Waits until Doris equals the source. */
        void awaitCaughtUp(String step);

        /** Starts the run's pipeline with these further sink options, restored from a checkpoint or savepoint. */
        RunningPipeline start(int parallelism, Map<String, String> sinkOptions, Path restoreFrom) throws Exception;
    }
}
