package io.doris2pc.connector.load;

/** A fixed-size byte buffer of a {@link BufferPool}, filled by the writer and sent as one HTTP chunk. */
final class LoadBuffer {

    final byte[] bytes;
    int length;

    LoadBuffer(int size) {
        this.bytes = new byte[size];
    }

    /** Copies as many of the bytes as fit; returns how many that was. */
    int append(byte[] source, int offset, int count) {
        int n = Math.min(count, bytes.length - length);
        System.arraycopy(source, offset, bytes, length, n);
        length += n;
        return n;
    }

    boolean isFull() {
        return length == bytes.length;
    }
}
