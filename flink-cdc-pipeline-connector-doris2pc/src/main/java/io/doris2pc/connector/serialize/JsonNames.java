package io.doris2pc.connector.serialize;

import java.util.Arrays;

/** Field names as JSON object member prefixes, e.g. {@code ,"name":}, encoded once per schema. */
final class JsonNames {

    private JsonNames() {}

    /** {@code separator}, the escaped name as a JSON string, and a colon. */
    static byte[] fieldPrefix(char separator, String name) {
        RowBuffer buffer = new RowBuffer(name.length() * 3 + 8);
        buffer.write((byte) separator);
        JsonText.writeString(name, buffer);
        buffer.write((byte) ':');
        return Arrays.copyOf(buffer.array(), buffer.length());
    }
}
