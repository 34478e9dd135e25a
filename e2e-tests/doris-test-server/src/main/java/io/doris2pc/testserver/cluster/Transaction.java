package io.doris2pc.testserver.cluster;

import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One load transaction. State fields are guarded by the cluster lock; rows by the transaction itself. */
public final class Transaction implements RowSink {
    private final long id;
    private final Database db;
    private final String tableName;
    private final long tableId;
    private final String label;
    private final boolean twoPhase;
    private final Instant prepareDeadline;
    private final boolean countingOnly;
    private final List<LoadedRow> rows = new ArrayList<>();
    /** Rows the load accepted; kept when the rows themselves are published or dropped. */
    private long rowCount;
    private long loadBytes;
    private TxnState state = TxnState.PREPARE;
    private String abortReason;
    private Instant precommittedAt;
    private Instant finishedAt;
    private long visibleAtNanos;

    Transaction(long id, Database db, Table table, String label, boolean twoPhase, Instant prepareDeadline,
            boolean countingOnly) {
        this.id = id;
        this.countingOnly = countingOnly;
        this.db = db;
        this.tableName = table.name();
        this.tableId = table.id();
        this.label = label;
        this.twoPhase = twoPhase;
        this.prepareDeadline = prepareDeadline;
    }

    public long id() {
        return id;
    }

    public Database db() {
        return db;
    }

    public String tableName() {
        return tableName;
    }

    public long tableId() {
        return tableId;
    }

    public String label() {
        return label;
    }

    public boolean twoPhase() {
        return twoPhase;
    }

    public TxnState state() {
        return state;
    }

    public String abortReason() {
        return abortReason;
    }

    @Override
    public synchronized void accept(LoadedRow row) {
        rowCount++;
        if (!countingOnly) {
            rows.add(row);
        }
    }

    public synchronized long loadedRows() {
        return rowCount;
    }

    /** The size of the load body, once it has been read. */
    public synchronized void loadBytes(long bytes) {
        loadBytes = bytes;
    }

    synchronized long loadBytes() {
        return loadBytes;
    }

    synchronized List<LoadedRow> rowsSnapshot() {
        return new ArrayList<>(rows);
    }

    synchronized void discardRows() {
        rows.clear();
    }

    Instant prepareDeadline() {
        return prepareDeadline;
    }

    Instant precommittedAt() {
        return precommittedAt;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    long visibleAtNanos() {
        return visibleAtNanos;
    }

    void precommit(Instant now) {
        state = TxnState.PRECOMMITTED;
        precommittedAt = now;
    }

    void commit(long visibleAtNanos) {
        state = TxnState.COMMITTED;
        this.visibleAtNanos = visibleAtNanos;
    }

    void makeVisible(Instant now) {
        state = TxnState.VISIBLE;
        finishedAt = now;
    }

    void abort(String reason, Instant now) {
        state = TxnState.ABORTED;
        abortReason = reason;
        finishedAt = now;
        discardRows();
    }

    public TxnInfo info() {
        return new TxnInfo(db.name(), tableName, label, id, state, abortReason, loadedRows());
    }
}
