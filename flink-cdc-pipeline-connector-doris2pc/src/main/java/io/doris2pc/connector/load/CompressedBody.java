package io.doris2pc.connector.load;

import io.doris2pc.connector.config.LoadCompression;

import net.jpountz.lz4.LZ4FrameOutputStream;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The body of one Stream Load as it goes on the wire: the load's bytes, compressed as the sink is configured, one
 * buffer at a time (nothing of the body is held beyond the compressor's window or block). {@link #flush()} hands Doris
 * all bytes written so far (a gzip sync flush, or an LZ4 block of what the frame holds), so an idle load never holds
 * rows back.
 */
abstract class CompressedBody extends FilterOutputStream {

    /** The compressor's output buffer: compressed bytes go to the wire in pieces of at most this size. */
    private static final int OUTPUT_BUFFER_BYTES = 64 * 1024;

    private CompressedBody(OutputStream out) {
        super(out);
    }

    /** {@code wire} itself when the sink does not compress. */
    static CompressedBody over(OutputStream wire, LoadCompression compression) throws IOException {
        switch (compression) {
            case NONE:
                return new Plain(wire);
            case GZ:
                return new Gzip(wire);
            case LZ4:
                return new Lz4(wire);
            default:
                throw new IllegalArgumentException("no body encoder for " + compression);
        }
    }

    /** Ends the compressed stream (its trailer) and frees the compressor; the wire stays open for the HTTP client. */
    abstract void finish() throws IOException;

    /** Frees the compressor of a body that will not be finished (an aborted load). Idempotent. */
    abstract void release();

    private static final class Plain extends CompressedBody {
        Plain(OutputStream wire) {
            super(wire);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        void finish() {}

        @Override
        void release() {}
    }

    /** gzip at level 1: most of the size gain of JSON for a fraction of the CPU of higher levels. */
    private static final class Gzip extends CompressedBody {
        private final Level1Gzip gzip;
        private boolean released;

        Gzip(OutputStream wire) throws IOException {
            super(wire);
            this.gzip = new Level1Gzip(wire, OUTPUT_BUFFER_BYTES);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            gzip.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            gzip.flush();
        }

        @Override
        void finish() throws IOException {
            try {
                gzip.finish();
                out.flush();
            } finally {
                release();
            }
        }

        @Override
        void release() {
            if (!released) {
                released = true;
                gzip.endDeflater();
            }
        }
    }

    /**
     * One LZ4 frame of independent 64 KiB blocks, compressed by lz4-java's fastest codec (Flink's runtime ships the
     * library; its network stack uses it too). Its buffers are on the heap, so there is nothing to free by hand.
     */
    private static final class Lz4 extends CompressedBody {
        private final LZ4FrameOutputStream lz4;

        Lz4(OutputStream wire) throws IOException {
            super(wire);
            this.lz4 = new LZ4FrameOutputStream(new KeptOpen(wire), LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lz4.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            lz4.flush();
        }

        /** The frame's last block and end mark; closing the frame only flushes the wire. */
        @Override
        void finish() throws IOException {
            lz4.close();
        }

        @Override
        void release() {}
    }

    /** The wire under a stream that closes what it writes to when it ends: the HTTP client closes the wire itself. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream wire) {
            super(wire);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** A sync-flushing gzip stream at {@link Deflater#BEST_SPEED} whose native compressor can be freed by hand. */
    private static final class Level1Gzip extends GZIPOutputStream {
        Level1Gzip(OutputStream wire, int size) throws IOException {
            super(wire, size, true);
            def.setLevel(Deflater.BEST_SPEED);
        }

        void endDeflater() {
            def.end();
        }
    }
}
