package io.doris2pc.connector.load;

import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The chunked, unrepeatable body of a Stream Load: the load's buffers, written as the writer hands them over. */
final class LoadBody extends AbstractHttpEntity {

    private final StreamLoad load;

    LoadBody(StreamLoad load) {
        super((String) null, null, true);
        this.load = load;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        load.streamBody(out);
    }

    @Override
    public InputStream getContent() {
        throw new UnsupportedOperationException("a Stream Load body can only be written");
    }

    @Override
    public long getContentLength() {
        return -1;
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public boolean isStreaming() {
        return true;
    }

    @Override
    public void close() {}
}
