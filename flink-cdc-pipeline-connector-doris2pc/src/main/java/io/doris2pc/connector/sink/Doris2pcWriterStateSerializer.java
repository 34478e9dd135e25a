package io.doris2pc.connector.sink;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Version 1: prefix, run id (length-prefixed UTF-8), restored checkpoint id, subtask; then the number of databases
 * and each database name with its next sequence.
 */
public final class Doris2pcWriterStateSerializer implements SimpleVersionedSerializer<Doris2pcWriterState> {

    /** Version 2 adds {@link Doris2pcWriterState#retiredAtMillis}; version 1 states are read as live ones. */
    static final int VERSION = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(Doris2pcWriterState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        LabelNamespace namespace = state.namespace();
        Utf8Strings.write(out, namespace.prefix());
        Utf8Strings.write(out, namespace.runId());
        out.writeLong(namespace.restoredFrom());
        out.writeInt(namespace.subtask());
        out.writeInt(state.nextSequenceByDb().size());
        for (Map.Entry<String, Long> entry : state.nextSequenceByDb().entrySet()) {
            Utf8Strings.write(out, entry.getKey());
            out.writeLong(entry.getValue());
        }
        out.writeLong(state.retiredAtMillis());
        return out.getCopyOfBuffer();
    }

    @Override
    public Doris2pcWriterState deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1 && version != VERSION) {
            throw new IOException(
                    "Unknown doris2pc writer state version " + version + "; this connector reads versions 1 and " + VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String prefix = Utf8Strings.read(in);
        String runId = Utf8Strings.read(in);
        long restoredFrom = in.readLong();
        int subtask = in.readInt();
        LabelNamespace namespace;
        try {
            namespace = new LabelNamespace(prefix, runId, restoredFrom, subtask);
        } catch (IllegalArgumentException e) {
            throw new IOException("Corrupt doris2pc writer state: " + e.getMessage(), e);
        }
        int databases = in.readInt();
        if (databases < 0) {
            throw new IOException("Corrupt doris2pc writer state: " + databases + " databases");
        }
        Map<String, Long> nextSequenceByDb = new HashMap<>();
        for (int i = 0; i < databases; i++) {
            nextSequenceByDb.put(Utf8Strings.read(in), in.readLong());
        }
        long retiredAtMillis = version == 1 ? 0 : in.readLong();
        if (in.available() != 0) {
            throw new IOException("Corrupt doris2pc writer state: " + in.available() + " bytes left over");
        }
        return new Doris2pcWriterState(namespace, nextSequenceByDb, retiredAtMillis);
    }
}
