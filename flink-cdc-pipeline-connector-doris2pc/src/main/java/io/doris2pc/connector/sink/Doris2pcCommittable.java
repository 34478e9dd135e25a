package io.doris2pc.connector.sink;

import java.util.Objects;

/** A pre-committed Doris transaction, with what the committer needs to commit it after a crash. */
public final class Doris2pcCommittable {

    private final String db;
    private final String table;
    private final String label;
    private final long txnId;

    public Doris2pcCommittable(String db, String table, String label, long txnId) {
        this.db = Objects.requireNonNull(db, "db");
        this.table = Objects.requireNonNull(table, "table");
        this.label = Objects.requireNonNull(label, "label");
        this.txnId = txnId;
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

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Doris2pcCommittable)) {
            return false;
        }
        Doris2pcCommittable that = (Doris2pcCommittable) o;
        return txnId == that.txnId && db.equals(that.db) && table.equals(that.table) && label.equals(that.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(db, table, label, txnId);
    }

    @Override
    public String toString() {
        return "transaction " + txnId + " (label " + label + ") of " + db + '.' + table;
    }
}
