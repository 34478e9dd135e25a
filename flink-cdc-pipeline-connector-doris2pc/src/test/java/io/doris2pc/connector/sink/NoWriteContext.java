package io.doris2pc.connector.sink;

import org.apache.flink.api.connector.sink2.SinkWriter;

/** The context of a writer driven by hand in tests: no watermark and no record timestamps. */
final class NoWriteContext implements SinkWriter.Context {

    static final SinkWriter.Context INSTANCE = new NoWriteContext();

    private NoWriteContext() {}

    @Override
    public long currentWatermark() {
        return Long.MIN_VALUE;
    }

    @Override
    public Long timestamp() {
        return null;
    }
}
