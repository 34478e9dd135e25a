package io.doris2pc.connector.sink;

import java.util.Objects;

/** A pre-committed Doris transaction, with what the committer needs to commit it after a crash. */
public final class Doris2pcCommittable {

    private final String db;
    private final String table;
    private final String label;
    private final long txnId;
    private final long preCommittedAtMillis;

    /**
     * @param preCommittedAtMillis when Doris answered the pre-commit (epoch milliseconds); it tells a transaction
     *     Doris committed and then forgot from one it may have aborted
     */
    public Doris2pcCommittable(String db, String table, String label, long txnId, long preCommittedAtMillis) {
        this.db = Objects.requireNonNull(db, "db");
        this.table = Objects.requireNonNull(table, "table");
        this.label = Objects.requireNonNull(label, "label");
        this.txnId = txnId;
        this.preCommittedAtMillis = preCommittedAtMillis;
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

    public long preCommittedAtMillis() {
        return preCommittedAtMillis;
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
        return txnId == that.txnId
                && preCommittedAtMillis == that.preCommittedAtMillis
                && db.equals(that.db) && table.equals(that.table) && label.equals(that.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(db, table, label, txnId, preCommittedAtMillis);
    }

    @Override
    public String toString() {
        return "transaction " + txnId + " (label " + label + ") of " + db + '.' + table;
    }
}
