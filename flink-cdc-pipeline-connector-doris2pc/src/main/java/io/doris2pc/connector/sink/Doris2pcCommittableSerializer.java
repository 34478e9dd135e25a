package io.doris2pc.connector.sink;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

/** Version 1: db, table, label (length-prefixed UTF-8 each), txn id. */
public final class Doris2pcCommittableSerializer implements SimpleVersionedSerializer<Doris2pcCommittable> {

    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(Doris2pcCommittable committable) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        Utf8Strings.write(out, committable.db());
        Utf8Strings.write(out, committable.table());
        Utf8Strings.write(out, committable.label());
        out.writeLong(committable.txnId());
        out.writeLong(committable.preCommittedAtMillis());
        return out.getCopyOfBuffer();
    }

    @Override
    public Doris2pcCommittable deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "Unknown doris2pc committable version " + version + "; this connector reads version " + VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String db = Utf8Strings.read(in);
        String table = Utf8Strings.read(in);
        String label = Utf8Strings.read(in);
        long txnId = in.readLong();
        long preCommittedAtMillis = in.readLong();
        if (in.available() != 0) {
            throw new IOException(
                    "Corrupt doris2pc committable: " + in.available() + " bytes left after transaction " + txnId);
        }
        return new Doris2pcCommittable(db, table, label, txnId, preCommittedAtMillis);
    }
}
