package io.doris2pc.testserver;

import java.util.Objects;

/** A snapshot of one transaction, for test assertions. */
public final class TxnInfo {
    private final String db;
    private final String table;
    private final String label;
    private final long txnId;
    private final TxnState state;
    private final String abortReason;
    private final long loadedRows;

    public TxnInfo(String db, String table, String label, long txnId, TxnState state, String abortReason, long loadedRows) {
        this.db = db;
        this.table = table;
        this.label = label;
        this.txnId = txnId;
        this.state = state;
        this.abortReason = abortReason;
        this.loadedRows = loadedRows;
    }

    public String db() {
        return db;
    }

    public String table() {
        return table;
    }

    public String label() {
        return label;
    }

    public long txnId() {
        return txnId;
    }

    public TxnState state() {
        return state;
    }

    /** Why the transaction was aborted, or null when it was not. */
    public String abortReason() {
        return abortReason;
    }

    public long loadedRows() {
        return loadedRows;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TxnInfo)) {
            return false;
        }
        TxnInfo t = (TxnInfo) o;
        return txnId == t.txnId && loadedRows == t.loadedRows && db.equals(t.db) && table.equals(t.table)
                && label.equals(t.label) && state == t.state && Objects.equals(abortReason, t.abortReason);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(txnId);
    }

    @Override
    public String toString() {
        return "TxnInfo{" + db + "." + table + ", label=" + label + ", txnId=" + txnId + ", " + state
                + (abortReason != null ? " (" + abortReason + ")" : "") + ", loadedRows=" + loadedRows + "}";
    }
}
