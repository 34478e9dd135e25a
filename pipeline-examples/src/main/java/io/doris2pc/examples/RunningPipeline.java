package io.doris2pc.examples;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** A pipeline job running in the MiniCluster a {@link LocalPipelineRunner} started for it. Closing stops both. */
public final class RunningPipeline implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final MiniCluster miniCluster;
    private final JobID jobId;
    private final Path checkpointDir;
    private final JobClient jobClient;

    RunningPipeline(MiniCluster miniCluster, JobID jobId, Path checkpointDir) {
        this.miniCluster = miniCluster;
        this.jobId = jobId;
        this.checkpointDir = checkpointDir;
        this.jobClient =
                new MiniClusterJobClient(
                        jobId,
                        miniCluster,
                        RunningPipeline.class.getClassLoader(),
                        MiniClusterJobClient.JobFinalizationBehavior.NOTHING);
    }

    public JobID jobId() {
        return jobId;
    }

    public JobClient jobClient() {
        return jobClient;
    }

    /** The MiniCluster's REST endpoint: what the Flink web UI shows of the job. */
    public URI restAddress() {
        return get(miniCluster.getRestAddress(), "REST address");
    }

    /** Where the job's checkpoints go: {@code <checkpointDir>/<job id>/chk-N}. */
    public Path checkpointDir() {
        return checkpointDir;
    }

    public JobStatus status() {
        return get(miniCluster.getJobStatus(jobId), "status");
    }

    /** The latest checkpoint retained under this runner's checkpoint directory, of this or an earlier job. */
    public Optional<Path> latestCheckpoint() {
        return RetainedCheckpoints.latest(checkpointDir);
    }

    /** Triggers a checkpoint now and returns its path once it completed. */
    public String triggerCheckpoint() {
        return get(miniCluster.triggerCheckpoint(jobId), "checkpoint");
    }

    /**
     * Waits until {@code condition} holds. Fails at once, with the job's failure as cause, if the job reaches a
     * terminal state first; fails with {@code description} when {@code timeout} passes.
     */
    public void awaitUntil(String description, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            JobStatus status = status();
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException(
                        "Job " + jobId + " ended " + status + " while waiting until " + description, failure());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Timed out after " + timeout + " waiting until " + description + " (job " + status + ")");
            }
            sleep(POLL_INTERVAL);
        }
    }

    public void awaitStatus(JobStatus expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobStatus status;
        while ((status = status()) != expected) {
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException(
                        "Job " + jobId + " ended " + status + ", expected " + expected, failure());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Job " + jobId + " is still " + status + " after " + timeout + ", expected " + expected);
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** Waits for the job to end and returns its result. */
    public JobResult awaitTermination(Duration timeout) throws TimeoutException {
        try {
            return miniCluster.requestJobResult(jobId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for job " + jobId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot get the result of job " + jobId, e.getCause());
        }
    }

    public void cancel() {
        if (!status().isGloballyTerminalState()) {
            get(miniCluster.cancelJob(jobId), "cancellation");
        }
    }

    /** Cancels the job if it still runs (a retained checkpoint survives) and shuts the MiniCluster down. */
    @Override
    public void close() throws Exception {
        try {
            cancel();
        } finally {
            miniCluster.close();
        }
    }

    private Throwable failure() {
        JobResult result = get(miniCluster.requestJobResult(jobId), "result");
        return result.getSerializedThrowable()
                .map(t -> t.deserializeError(RunningPipeline.class.getClassLoader()))
                .orElse(null);
    }

    private <T> T get(CompletableFuture<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for the " + what + " of job " + jobId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot get the " + what + " of job " + jobId, e.getCause());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
