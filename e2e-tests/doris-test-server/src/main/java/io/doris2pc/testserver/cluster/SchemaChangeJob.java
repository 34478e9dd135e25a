package io.doris2pc.testserver.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A schema change job as {@code SHOW ALTER TABLE COLUMN} lists it (Doris {@code alter/SchemaChangeJobV2}).
 *
 * <p>A light change (Doris {@code SchemaChangeHandler.modifyTableLightSchemaChange}) changes the table's metadata
 * at once and is recorded as a job born FINISHED. A heavy change goes PENDING → WAITING_TXN → RUNNING → FINISHED:
 * leaving PENDING it takes its watershed, the next transaction id ({@code runPendingJob}); it leaves WAITING_TXN
 * once no transaction on the table below the watershed is still running ({@code isPreviousLoadFinished}, which
 * counts PREPARE, PRECOMMITTED and COMMITTED); RUNNING converts the stored rows, and only FINISHED makes the new
 * schema the table's. The table is in SCHEMA_CHANGE, refusing other ALTERs, until the job ends.
 */
public final class SchemaChangeJob {
    /** Doris's alter job states, as SHOW ALTER TABLE COLUMN writes them. */
    public enum State {
        PENDING,
        WAITING_TXN,
        RUNNING,
        FINISHED,
        CANCELLED;

        public boolean isDone() {
            return this == FINISHED || this == CANCELLED;
        }
    }

    private final long jobId;
    private final Database db;
    private final Table table;
    private final String description;
    private final Instant createTime;
    private final Runnable change;
    private final List<State> history = new ArrayList<>();
    private State state;
    private long watershedTxnId = -1;
    private long nextStepAtNanos;
    private Instant finishTime;
    private String msg = "";

    private SchemaChangeJob(long jobId, Database db, Table table, String description, Instant createTime,
            Runnable change, State state) {
        this.jobId = jobId;
        this.db = db;
        this.table = table;
        this.description = description;
        this.createTime = createTime;
        this.change = change;
        this.state = state;
        history.add(state);
    }

    /** A heavy change, PENDING until the scheduler takes it up; the table refuses other ALTERs from now on. */
    static SchemaChangeJob heavy(long jobId, Database db, Table table, String description, Instant now,
            long firstStepAtNanos, Runnable change) {
        SchemaChangeJob job = new SchemaChangeJob(jobId, db, table, description, now, change, State.PENDING);
        job.nextStepAtNanos = firstStepAtNanos;
        table.setState(TableState.SCHEMA_CHANGE);
        return job;
    }

    /** A light change already applied: recorded FINISHED "for compatibility", as Doris does. */
    static SchemaChangeJob light(long jobId, Database db, Table table, String description, Instant now) {
        SchemaChangeJob job = new SchemaChangeJob(jobId, db, table, description, now, () -> { }, State.FINISHED);
        job.finishTime = now;
        return job;
    }

    public long jobId() {
        return jobId;
    }

    public String dbName() {
        return db.name();
    }

    public String tableName() {
        return table.name();
    }

    /** The statement that started the job. */
    public String description() {
        return description;
    }

    /** The first transaction id the job does not wait for; -1 while PENDING and for a light change. */
    public long waitsForTxnsBefore() {
        return watershedTxnId;
    }

    public State state() {
        return state;
    }

    /** Every state the job has been in, in order. */
    public List<State> history() {
        return List.copyOf(history);
    }

    public Instant createTime() {
        return createTime;
    }

    public Instant finishTime() {
        return finishTime;
    }

    public String msg() {
        return msg;
    }

    Database db() {
        return db;
    }

    Table table() {
        return table;
    }

    /**
     * Takes every step the transactions and the scheduler allow now.
     *
     * @return the time (System.nanoTime) of the job's next possible step, or null when only a transaction ending
     *     (or nothing) can move it on
     */
    Long progress(TransactionManager txns, long stepNanos, Instant now) {
        while (!state.isDone()) {
            long nanos = System.nanoTime();
            if (nanos - nextStepAtNanos < 0) {
                return nextStepAtNanos;
            }
            switch (state) {
                case PENDING:
                    watershedTxnId = txns.nextTxnId();
                    moveTo(State.WAITING_TXN);
                    break;
                case WAITING_TXN:
                    if (txns.hasUnfinished(db, table.id(), watershedTxnId)) {
                        return null;
                    }
                    moveTo(State.RUNNING);
                    break;
                default:
                    finish(now);
                    break;
            }
            nextStepAtNanos = nanos + stepNanos;
        }
        return null;
    }

    private void moveTo(State next) {
        state = next;
        history.add(next);
    }

    private void finish(Instant now) {
        try {
            change.run();
            moveTo(State.FINISHED);
        } catch (RuntimeException e) {
            // rows loaded while the job waited may not fit the new schema: Doris cancels the job then
            moveTo(State.CANCELLED);
            msg = e.getMessage();
        }
        finishTime = now;
        table.setState(TableState.NORMAL);
    }

    void cancel(String reason, Instant now) {
        moveTo(State.CANCELLED);
        msg = reason;
        finishTime = now;
        table.setState(TableState.NORMAL);
    }
}
