package io.doris2pc.e2e.chaos;

import java.util.List;

/** One writer subtask's state snapshot, as the chaos ledger recorded it. */
public final class WriterSnapshot {

    private final String jobId;
    private final String attempt;
    private final long checkpointId;
    private final List<String> transactions;

    WriterSnapshot(String jobId, String attempt, long checkpointId, List<String> transactions) {
        this.jobId = jobId;
        this.attempt = attempt;
        this.checkpointId = checkpointId;
        this.transactions = List.copyOf(transactions);
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

    /** Transactions ({@link ChaosLedger#transaction database/label}) handed to the committer with this checkpoint. */
    public List<String> transactions() {
        return transactions;
    }

    @Override
    public String toString() {
        return "snapshot of job " + jobId + " attempt " + attempt + " checkpoint " + checkpointId + " " + transactions;
    }
}
