package io.doris2pc.testserver;

import java.time.Instant;

/** One transaction commit, in the order the cluster committed them. */
public final class CommitRecord {
    private final String db;
    private final String table;
    private final String label;
    private final long txnId;
    private final Instant when;
    private final long rows;
    private final long bytes;
    private final Instant wallTime;

    public CommitRecord(String db, String table, String label, long txnId, Instant when, long rows, long bytes,
            Instant wallTime) {
        this.db = db;
        this.table = table;
        this.label = label;
        this.txnId = txnId;
        this.when = when;
        this.rows = rows;
        this.bytes = bytes;
        this.wallTime = wallTime;
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

    /** The test clock's time of the commit. */
    public Instant when() {
        return when;
    }

    /** Rows the transaction loaded. */
    public long rows() {
        return rows;
    }

    /** Bytes of the load body the transaction read. */
    public long bytes() {
        return bytes;
    }

    /**
     * The real time of the commit, for measuring latency; with the default zero publish delay the rows became
     * visible at that moment.
     */
    public Instant wallTime() {
        return wallTime;
    }

    @Override
    public String toString() {
        return "CommitRecord{" + db + "." + table + ", label=" + label + ", txnId=" + txnId + ", rows=" + rows + "}";
    }
}
