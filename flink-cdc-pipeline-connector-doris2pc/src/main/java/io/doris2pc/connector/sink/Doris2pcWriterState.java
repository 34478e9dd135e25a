package io.doris2pc.connector.sink;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one writer subtask checkpoints: its label namespace and, per database, the first label sequence the
 * checkpoint does not cover. Transactions below it are the checkpoint's own (the committer commits them); those
 * from it on were opened after the checkpoint and are aborted on restore.
 */
public final class Doris2pcWriterState {

    private final LabelNamespace namespace;
    private final Map<String, Long> nextSequenceByDb;

    public Doris2pcWriterState(LabelNamespace namespace, Map<String, Long> nextSequenceByDb) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.nextSequenceByDb = Collections.unmodifiableMap(new TreeMap<>(nextSequenceByDb));
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
        return namespace.equals(that.namespace) && nextSequenceByDb.equals(that.nextSequenceByDb);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, nextSequenceByDb);
    }

    @Override
    public String toString() {
        return "Doris2pcWriterState{namespace=" + namespace + ", nextSequenceByDb=" + nextSequenceByDb + '}';
    }
}
