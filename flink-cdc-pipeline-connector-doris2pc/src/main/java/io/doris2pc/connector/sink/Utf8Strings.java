package io.doris2pc.connector.sink;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Strings in the sink's serialized state, as length-prefixed UTF-8: {@link DataOutput#writeUTF} refuses strings
 * over 64 KiB and writes modified UTF-8.
 */
final class Utf8Strings {

    private Utf8Strings() {}

    static void write(DataOutput out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String read(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("Corrupt serialized string: negative length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
