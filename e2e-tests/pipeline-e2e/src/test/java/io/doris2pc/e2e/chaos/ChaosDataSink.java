package io.doris2pc.e2e.chaos;

import io.doris2pc.connector.sink.Doris2pcDataSink;
import io.doris2pc.connector.sink.Doris2pcSink;

import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.function.HashFunctionProvider;
import org.apache.flink.cdc.common.sink.DataSink;
import org.apache.flink.cdc.common.sink.EventSinkProvider;
import org.apache.flink.cdc.common.sink.FlinkSinkProvider;
import org.apache.flink.cdc.common.sink.MetadataApplier;

/** A doris2pc data sink whose Sink V2 and metadata applier are wrapped by their chaos counterparts. */
final class ChaosDataSink implements DataSink {

    private final Doris2pcDataSink delegate;
    private final ChaosSettings settings;

    ChaosDataSink(Doris2pcDataSink delegate, ChaosSettings settings) {
        this.delegate = delegate;
        this.settings = settings;
    }

    @Override
    public EventSinkProvider getEventSinkProvider() {
        EventSinkProvider provider = delegate.getEventSinkProvider();
        if (!(provider instanceof FlinkSinkProvider)
                || !(((FlinkSinkProvider) provider).getSink() instanceof Doris2pcSink)) {
            throw new IllegalStateException("doris2pc-chaos wraps a doris2pc Sink V2, but doris2pc provided " + provider);
        }
        return FlinkSinkProvider.of(new ChaosSink((Doris2pcSink) ((FlinkSinkProvider) provider).getSink(), settings));
    }

    @Override
    public MetadataApplier getMetadataApplier() {
        return new ChaosMetadataApplier(delegate.getMetadataApplier(), settings);
    }

    @Override
    public HashFunctionProvider<DataChangeEvent> getDataChangeEventHashFunctionProvider() {
        return delegate.getDataChangeEventHashFunctionProvider();
    }

    @Override
    public HashFunctionProvider<DataChangeEvent> getDataChangeEventHashFunctionProvider(int parallelism) {
        return delegate.getDataChangeEventHashFunctionProvider(parallelism);
    }
}
