package io.doris2pc.testserver.cluster;

import java.time.Instant;

/**
 * A heavy schema change (a type change, a key column added or dropped). Like Doris's alter job it first waits
 * for every transaction on the table begun before it (PREPARE, PRECOMMITTED, COMMITTED) to finish; only then
 * does the new schema take effect. The table refuses other ALTERs meanwhile.
 */
public final class SchemaChangeJob {
    /** Doris's alter job states, as SHOW ALTER TABLE COLUMN writes them. */
    public enum State {
        WAITING_TXN,
        FINISHED,
        CANCELLED
    }

    private final long jobId;
    private final Database db;
    private final Table table;
    private final String description;
    private final long waitsForTxnsBefore;
    private final Instant createTime;
    private final Runnable change;
    private State state = State.WAITING_TXN;
    private Instant finishTime;
    private String msg = "";

    SchemaChangeJob(long jobId, Database db, Table table, String description, long waitsForTxnsBefore,
            Instant createTime, Runnable change) {
        this.jobId = jobId;
        this.db = db;
        this.table = table;
        this.description = description;
        this.waitsForTxnsBefore = waitsForTxnsBefore;
        this.createTime = createTime;
        this.change = change;
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

    /** The first transaction id the job does not wait for. */
    public long waitsForTxnsBefore() {
        return waitsForTxnsBefore;
    }

    public State state() {
        return state;
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

    void finish(Instant now) {
        change.run();
        state = State.FINISHED;
        finishTime = now;
        table.setState(TableState.NORMAL);
    }

    void cancel(String reason, Instant now) {
        state = State.CANCELLED;
        msg = reason;
        finishTime = now;
        table.setState(TableState.NORMAL);
    }
}
