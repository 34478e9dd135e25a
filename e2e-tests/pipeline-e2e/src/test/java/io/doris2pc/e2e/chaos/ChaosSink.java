package io.doris2pc.e2e.chaos;

import io.doris2pc.connector.sink.Doris2pcCommittable;
import io.doris2pc.connector.sink.Doris2pcSink;
import io.doris2pc.connector.sink.Doris2pcWriterState;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.StatefulSink;
import org.apache.flink.api.connector.sink2.TwoPhaseCommittingSink;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.WithPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.io.IOException;
import java.util.Collection;

/**
 * The real doris2pc Sink V2 behind the same interfaces, so that Flink wires writer state, committables and the
 * committer exactly as in production; only the writer and committer are wrapped. Public: the 3.2.0 composer calls
 * {@code getCommittableSerializer} by reflection, which fails on a method of a non-public class.
 */
public final class ChaosSink
        implements TwoPhaseCommittingSink<Event, Doris2pcCommittable>,
                StatefulSink<Event, Doris2pcWriterState>,
                WithPreWriteTopology<Event> {

    private static final long serialVersionUID = 1L;

    private final Doris2pcSink delegate;
    private final ChaosSettings settings;

    ChaosSink(Doris2pcSink delegate, ChaosSettings settings) {
        this.delegate = delegate;
        this.settings = settings;
    }

    @Override
    public ChaosWriter createWriter(InitContext context) {
        return new ChaosWriter(delegate.createWriter(context), settings, context);
    }

    @Override
    public ChaosWriter restoreWriter(InitContext context, Collection<Doris2pcWriterState> recoveredState) {
        return new ChaosWriter(delegate.restoreWriter(context, recoveredState), settings, context);
    }

    @Override
    public Committer<Doris2pcCommittable> createCommitter() throws IOException {
        return new ChaosCommitter(delegate.createCommitter(), settings);
    }

    /** Declared here: the 3.2.0 composer looks it up with {@code getDeclaredMethod}. */
    @Override
    public SimpleVersionedSerializer<Doris2pcCommittable> getCommittableSerializer() {
        return delegate.getCommittableSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Doris2pcWriterState> getWriterStateSerializer() {
        return delegate.getWriterStateSerializer();
    }

    @Override
    public DataStream<Event> addPreWriteTopology(DataStream<Event> input) {
        return delegate.addPreWriteTopology(input);
    }
}
