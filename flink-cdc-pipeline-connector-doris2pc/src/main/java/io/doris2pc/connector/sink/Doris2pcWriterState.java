package io.doris2pc.connector.sink;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one writer subtask checkpoints: a label namespace and, per database, the first label sequence the
 * checkpoint does not cover. Transactions below it are the checkpoint's own (the committer commits them); those
 * from it on were opened after the checkpoint and are aborted on restore.
 *
 * <p>A writer checkpoints its own namespace, and carries on the namespaces of earlier attempts it restored
 * ({@link #retiredAtMillis} set) until Doris has expired whatever they may have left open: an earlier attempt may
 * have written a database this attempt has not met yet, and without the namespace in the state no later attempt
 * would look for its transactions there.
 */
public final class Doris2pcWriterState {

    private final LabelNamespace namespace;
    private final Map<String, Long> nextSequenceByDb;
    private final long retiredAtMillis;

    /** The state of the writer's own namespace. */
    public Doris2pcWriterState(LabelNamespace namespace, Map<String, Long> nextSequenceByDb) {
        this(namespace, nextSequenceByDb, 0);
    }

    /** @param retiredAtMillis when an attempt restored from this namespace started (epoch ms); 0 for a live one */
    public Doris2pcWriterState(LabelNamespace namespace, Map<String, Long> nextSequenceByDb, long retiredAtMillis) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.nextSequenceByDb = Collections.unmodifiableMap(new TreeMap<>(nextSequenceByDb));
        this.retiredAtMillis = retiredAtMillis;
    }

    /** When this namespace was given up for a newer attempt's, 0 while it is a writer's own. */
    public long retiredAtMillis() {
        return retiredAtMillis;
    }

    /** This namespace, given up at {@code nowMillis} unless it was given up before. */
    Doris2pcWriterState retiredBy(long nowMillis) {
        return retiredAtMillis > 0 ? this : new Doris2pcWriterState(namespace, nextSequenceByDb, nowMillis);
    }

    public LabelNamespace namespace() {
        return namespace;
    }

    /** Database name to the first sequence not covered by the checkpoint. */
    public Map<String, Long> nextSequenceByDb() {
        return nextSequenceByDb;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Doris2pcWriterState)) {
            return false;
        }
        Doris2pcWriterState that = (Doris2pcWriterState) o;
        return namespace.equals(that.namespace)
                && nextSequenceByDb.equals(that.nextSequenceByDb)
                && retiredAtMillis == that.retiredAtMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, nextSequenceByDb, retiredAtMillis);
    }

    @Override
    public String toString() {
        return "Doris2pcWriterState{namespace=" + namespace + ", nextSequenceByDb=" + nextSequenceByDb
                + (retiredAtMillis > 0 ? ", retiredAtMillis=" + retiredAtMillis : "") + '}';
    }
}
