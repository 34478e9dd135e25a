package io.doris2pc.examples;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.cdc.common.configuration.ConfigOption;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.factories.DataSinkFactory;
import org.apache.flink.cdc.common.sink.DataSink;
import org.apache.flink.cdc.common.sink.EventSinkProvider;
import org.apache.flink.cdc.common.sink.FlinkSinkProvider;
import org.apache.flink.cdc.common.sink.MetadataApplier;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pipeline sink {@code type: recording} for tests of the runner: keeps every data change it receives in memory
 * of this JVM (the runner loads classes parent-first, so the test sees the same list).
 */
public final class RecordingSinkFactory implements DataSinkFactory {

    static final List<DataChangeEvent> RECEIVED = new CopyOnWriteArrayList<>();

    @Override
    public String identifier() {
        return "recording";
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }

    @Override
    public DataSink createDataSink(Context context) {
        return new DataSink() {
            @Override
            public EventSinkProvider getEventSinkProvider() {
                return FlinkSinkProvider.of(new RecordingSink());
            }

            @Override
            public MetadataApplier getMetadataApplier() {
                return schemaChange -> {};
            }
        };
    }

    private static final class RecordingSink implements Sink<Event> {
        @Override
        public SinkWriter<Event> createWriter(InitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Event event, Context context) {
                    if (event instanceof DataChangeEvent) {
                        RECEIVED.add((DataChangeEvent) event);
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
