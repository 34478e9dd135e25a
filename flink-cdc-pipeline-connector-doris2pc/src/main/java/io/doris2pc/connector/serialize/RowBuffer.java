package io.doris2pc.connector.serialize;

import java.util.Arrays;

/**
 * A growable byte array that serialized rows are appended to. Reused across rows: {@link #reset()} keeps the
 * capacity, so a writer allocates only while its largest row grows the array.
 */
public final class RowBuffer {

    private static final int DEFAULT_CAPACITY = 1024;

    private byte[] bytes;
    private int length;

    public RowBuffer() {
        this(DEFAULT_CAPACITY);
    }

    public RowBuffer(int initialCapacity) {
        this.bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** The backing array; bytes {@code [0, length())} are the content. Valid until the next write. */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public void reset() {
        length = 0;
    }

    /** Drops everything after {@code newLength}, e.g. a partly written line. */
    void truncate(int newLength) {
        length = newLength;
    }

    void ensureCapacity(int additional) {
        int needed = length + additional;
        if (needed < 0) {
            throw new IllegalStateException("A serialized row exceeds 2 GB");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2 < 0 ? Integer.MAX_VALUE - 8 : bytes.length * 2));
        }
    }

    void write(byte b) {
        if (length == bytes.length) {
            ensureCapacity(1);
        }
        bytes[length++] = b;
    }

    void write(byte[] source) {
        write(source, 0, source.length);
    }

    void write(byte[] source, int offset, int count) {
        ensureCapacity(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    /** Appends {@code count} bytes left unwritten, for callers that fill {@link #array()} themselves. */
    int reserve(int count) {
        ensureCapacity(count);
        int start = length;
        length += count;
        return start;
    }

    /** Characters below 0x80 only: digits, signs, letters of number formats. */
    void writeAscii(CharSequence text) {
        int n = text.length();
        ensureCapacity(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    boolean contentEquals(RowBuffer other) {
        return Arrays.equals(bytes, 0, length, other.bytes, 0, other.length);
    }
}
