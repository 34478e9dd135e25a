package io.doris2pc.testserver.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Decodes an HTTP/1.1 chunked request body as it arrives; trailers are read and ignored. */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long remainingInChunk;
    private boolean finished;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (finished) {
            return -1;
        }
        if (remainingInChunk == 0) {
            remainingInChunk = readChunkSize();
            if (remainingInChunk == 0) {
                skipTrailers();
                finished = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remainingInChunk));
        if (n < 0) {
            throw new EOFException("chunked body ended inside a chunk");
        }
        remainingInChunk -= n;
        if (remainingInChunk == 0) {
            HttpLines.readLine(in);
        }
        return n;
    }

    private long readChunkSize() throws IOException {
        String line = HttpLines.readLine(in);
        if (line == null) {
            throw new EOFException("chunked body ended before its last chunk");
        }
        int extension = line.indexOf(';');
        String size = (extension >= 0 ? line.substring(0, extension) : line).trim();
        try {
            return Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size: " + line);
        }
    }

    private void skipTrailers() throws IOException {
        String line;
        do {
            line = HttpLines.readLine(in);
        } while (line != null && !line.isEmpty());
    }
}
