package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplier;

import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.function.HashFunctionProvider;
import org.apache.flink.cdc.common.sink.DataSink;
import org.apache.flink.cdc.common.sink.EventSinkProvider;
import org.apache.flink.cdc.common.sink.FlinkSinkProvider;
import org.apache.flink.cdc.common.sink.MetadataApplier;

/** Wires the doris2pc Sink V2 and metadata applier for one pipeline. */
public class Doris2pcDataSink implements DataSink {

    private final Doris2pcSinkConfig config;

    public Doris2pcDataSink(Doris2pcSinkConfig config) {
        this.config = config;
    }

    @Override
    public EventSinkProvider getEventSinkProvider() {
        return FlinkSinkProvider.of(new Doris2pcSink(config));
    }

    @Override
    public MetadataApplier getMetadataApplier() {
        return new Doris2pcMetadataApplier(config);
    }

    /** Keeps each table on at most {@code sink.writers-per-table} subtasks; see {@link TableAffinity}. */
    @Override
    public HashFunctionProvider<DataChangeEvent> getDataChangeEventHashFunctionProvider(int parallelism) {
        return new TableAffinity(parallelism, config.writersPerTable());
    }

    public Doris2pcSinkConfig config() {
        return config;
    }
}
