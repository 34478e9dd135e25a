package io.doris2pc.benchmarks.sink;

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

import java.util.Set;

/**
 * Pipeline sink {@code type: counting}: counts data changes and drops them, so a run measures the source and the
 * framework alone (the ceiling a real sink can reach, and the CPU it does not cost).
 */
public final class CountingSinkFactory implements DataSinkFactory {

    @Override
    public String identifier() {
        return "counting";
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
                return FlinkSinkProvider.of(new CountingSink());
            }

            @Override
            public MetadataApplier getMetadataApplier() {
                return schemaChange -> {};
            }
        };
    }

    private static final class CountingSink implements Sink<Event> {
        private static final long serialVersionUID = 1L;

        @Override
        public SinkWriter<Event> createWriter(InitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Event event, Context context) {
                    if (event instanceof DataChangeEvent) {
                        SinkCounter.row();
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
