package io.doris2pc.e2e;

import io.doris2pc.examples.RetainedCheckpoints;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.SavepointFormatType;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * How a soak run restarts its job midway, while changes flow (issue 13): not at all, restored from its last
 * checkpoint at the other parallelism while Doris refuses the first commits, restored from a savepoint after
 * Doris has forgotten the savepoint's (committed) transactions, or restored beside a second pipeline that shares its
 * label prefix and JobID.
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
            Path latest = cancelAtLatestCheckpoint(run.current());
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
    },
    /**
     * A second pipeline with the job's {@code sink.label-prefix} and JobID (Flink's application mode with HA fixes
     * the JobID): the job is restored from its last checkpoint under a fixed JobID, and a second pipeline under the
     * same one copies the change log into the job's Doris database, is cancelled while changes flow and restored
     * from its own last checkpoint (its restore scan then runs in the database where the job's transactions are
     * open). Both must end equal to the source: neither aborts, commits or reuses the other's transactions.
     */
    SECOND_PIPELINE {
        @Override
        RunningPipeline restart(Restarts run) throws Exception {
            Path latest = cancelAtLatestCheckpoint(run.current());
            JobID shared = JobID.generate();
            RunningPipeline job = run.start(run.parallelism(), Map.of(), latest, shared);
            try {
                runSecondPipeline(run, shared);
            } catch (Exception | AssertionError e) {
                job.close();
                throw e;
            }
            return job;
        }
    };

    /**
     * Cancels the job once a checkpoint completed after this call; returns the latest. A checkpoint that completed
     * while the snapshot was still creating tables can be one Flink CDC 3.2.0 cannot restore: its schema registry
     * is checkpointed before the source, so a table created in between has rows but no schema after the restore
     * ("Schema doesn't exist for table", docs/testing.md). A fresh one lies well after the snapshot.
     */
    private static Path cancelAtLatestCheckpoint(RunningPipeline pipeline) throws Exception {
        Optional<Path> before = pipeline.latestCheckpoint();
        pipeline.awaitUntil("a checkpoint before the restart", DEADLINE,
                () -> pipeline.latestCheckpoint().isPresent() && !pipeline.latestCheckpoint().equals(before));
        pipeline.close();
        return RetainedCheckpoints.latest(pipeline.checkpointDir()).orElseThrow();
    }

    /**
     * The second pipeline of {@link #SECOND_PIPELINE}. Its snapshot is taken while the source is quiet: under
     * concurrent inserts, Flink CDC 3.2.0's MySQL source lost rows between its snapshot and its binlog phase
     * (docs/testing.md).
     */
    private static void runSecondPipeline(Restarts run, JobID shared) throws Exception {
        run.pauseTraffic();
        RunningPipeline copy = run.copy().start(shared, null);
        try {
            copy.awaitUntil("the second pipeline's snapshot", DEADLINE, () -> run.copy().commits() >= 1);
            run.resumeTraffic();
            copy.awaitUntil("the second pipeline committing rows it read from the binlog", DEADLINE,
                    () -> run.copy().commits() >= 2);
        } finally {
            copy.close();
        }
        Path copied = RetainedCheckpoints.latest(copy.checkpointDir()).orElseThrow();
        try (RunningPipeline restored = run.copy().start(shared, copied)) {
            run.pauseTraffic();
            run.copyEnded(run.copy().awaitCopied(restored, "its restore"));
            run.resumeTraffic();
        }
    }

    /**
     * The restarts a scenario draws from: all of them, or those named in {@code -Dsoak.restarts=NAME,...} (to repeat
     * one kind of scenario).
     */
    static SoakRestart[] drawn() {
        String named = System.getProperty("soak.restarts", "");
        return named.isBlank()
                ? values()
                : Arrays.stream(named.split(",")).map(String::trim).map(SoakRestart::valueOf)
                        .toArray(SoakRestart[]::new);
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

        /** {@link #start(int, Map, Path)} under a fixed JobID. */
        RunningPipeline start(int parallelism, Map<String, String> sinkOptions, Path restoreFrom, JobID jobId)
                throws Exception;

        /** The run's second pipeline ({@link #SECOND_PIPELINE}). */
        SoakCopyPipeline copy();

        /** The second pipeline's rows lost and doubled when it ended, counted into the run's outcome. */
        void copyEnded(int[] lostAndDoubled);
    }
}
