package io.doris2pc.testserver.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads the CRLF-terminated lines of HTTP heads and chunk headers. */
final class HttpLines {
    private static final int MAX_LINE = 64 * 1024;

    private HttpLines() {}

    /** The next line without its line end, or null at end of stream before any byte. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return trimCr(line);
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new IOException("HTTP line longer than " + MAX_LINE + " bytes");
            }
        }
        return line.size() == 0 ? null : trimCr(line);
    }

    private static String trimCr(ByteArrayOutputStream line) {
        String s = new String(line.toByteArray(), StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
