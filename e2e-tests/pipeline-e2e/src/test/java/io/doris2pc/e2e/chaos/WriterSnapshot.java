package io.doris2pc.e2e.chaos;

import java.util.List;

/** One writer subtask's state snapshot, as the chaos ledger recorded it. */
public final class WriterSnapshot {

    private final String jobId;
    private final String attempt;
    private final long checkpointId;
    private final List<String> labels;

    WriterSnapshot(String jobId, String attempt, long checkpointId, List<String> labels) {
        this.jobId = jobId;
        this.attempt = attempt;
        this.checkpointId = checkpointId;
        this.labels = List.copyOf(labels);
    }

    public String jobId() {
        return jobId;
    }

    /**
     * The execution attempt of the job that took it ({@code r<restored checkpoint>a<attempt number>}): the
     * committables of a snapshot reach a later checkpoint's state only within the same attempt.
     */
    public String attempt() {
        return attempt;
    }

    public long checkpointId() {
        return checkpointId;
    }

    /** Labels handed to the committer with this checkpoint. */
    public List<String> labels() {
        return labels;
    }

    @Override
    public String toString() {
        return "snapshot of job " + jobId + " attempt " + attempt + " checkpoint " + checkpointId + " " + labels;
    }
}
