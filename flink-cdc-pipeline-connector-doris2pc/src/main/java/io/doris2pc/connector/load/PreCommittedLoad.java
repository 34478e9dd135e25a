package io.doris2pc.connector.load;

/**
 * A Stream Load Doris accepted: a two-phase-commit load's transaction is PRECOMMITTED and waits for a commit or an
 * abort; a plain load's (at-least-once) is already committed.
 */
public final class PreCommittedLoad {

    private final String db;
    private final String table;
    private final String label;
    private final long txnId;
    private final long loadedRows;
    private final long filteredRows;
    private final long bytes;
    private final DorisLoadTimings timings;

    public PreCommittedLoad(
            String db, String table, String label, long txnId, long loadedRows, long filteredRows, long bytes) {
        this(db, table, label, txnId, loadedRows, filteredRows, bytes, DorisLoadTimings.NONE);
    }

    public PreCommittedLoad(String db, String table, String label, long txnId, long loadedRows, long filteredRows,
            long bytes, DorisLoadTimings timings) {
        this.db = db;
        this.table = table;
        this.label = label;
        this.txnId = txnId;
        this.loadedRows = loadedRows;
        this.filteredRows = filteredRows;
        this.bytes = bytes;
        this.timings = timings;
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

    public long loadedRows() {
        return loadedRows;
    }

    /** Rows Doris rejected and the load still accepted, because the user allowed it with max_filter_ratio. */
    public long filteredRows() {
        return filteredRows;
    }

    /** Body bytes sent. */
    public long bytes() {
        return bytes;
    }

    /** Doris's timings and received bytes of the load, from its answer. */
    public DorisLoadTimings timings() {
        return timings;
    }

    @Override
    public String toString() {
        return "PreCommittedLoad{" + db + '.' + table + ", label=" + label + ", txnId=" + txnId + ", loadedRows="
                + loadedRows + ", filteredRows=" + filteredRows + ", bytes=" + bytes + '}';
    }
}
