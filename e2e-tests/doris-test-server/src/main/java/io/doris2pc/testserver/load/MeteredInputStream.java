package io.doris2pc.testserver.load;

import java.io.IOException;
import java.io.InputStream;

/** Counts body bytes (LoadBytes) and, when a fault asks for it, cuts the body after a number of bytes. */
final class MeteredInputStream extends InputStream {
    /** The body was cut on purpose; the connection must be dropped without an answer. */
    static final class BodyCut extends IOException {
        private static final long serialVersionUID = 1L;

        BodyCut(long bytes) {
            super("load body cut after " + bytes + " bytes by fault injection");
        }
    }

    private final InputStream in;
    private final long cutAfter;
    private long count;

    /** @param cutAfter bytes after which reading fails with {@link BodyCut}; negative for never */
    MeteredInputStream(InputStream in, long cutAfter) {
        this.in = in;
        this.cutAfter = cutAfter;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (cutAfter >= 0 && count >= cutAfter) {
            throw new BodyCut(count);
        }
        int allowed = cutAfter >= 0 ? (int) Math.min(len, cutAfter - count) : len;
        int n = in.read(b, off, allowed);
        if (n > 0) {
            count += n;
        }
        return n;
    }
}
