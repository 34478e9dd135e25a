package io.doris2pc.connector.serialize;

import java.nio.charset.StandardCharsets;

/**
 * JSON text (RFC 8259) written straight into a {@link RowBuffer}: strings escaped and encoded as UTF-8, numbers,
 * dates and times as digits. Nothing here allocates.
 */
final class JsonText {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    /** U+FFFD REPLACEMENT CHARACTER, written for unpaired surrogates and malformed UTF-8. */
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

    private JsonText() {}

    /** A JSON string of {@code text}; unpaired surrogates become U+FFFD. */
    static void writeString(CharSequence text, RowBuffer out) {
        out.write((byte) '"');
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                writeAsciiEscaped(c, out);
            } else if (c < 0x800) {
                out.ensureCapacity(2);
                out.write((byte) (0xC0 | (c >> 6)));
                out.write((byte) (0x80 | (c & 0x3F)));
            } else if (!Character.isSurrogate(c)) {
                writeThreeBytes(c, out);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out.ensureCapacity(4);
                out.write((byte) (0xF0 | (cp >> 18)));
                out.write((byte) (0x80 | ((cp >> 12) & 0x3F)));
                out.write((byte) (0x80 | ((cp >> 6) & 0x3F)));
                out.write((byte) (0x80 | (cp & 0x3F)));
            } else {
                out.write(REPLACEMENT);
            }
        }
        out.write((byte) '"');
    }

    /**
     * A JSON string of UTF-8 bytes: well-formed sequences are copied, anything malformed (stray continuation
     * bytes, overlong forms, encoded surrogates, truncated sequences) becomes U+FFFD.
     */
    static void writeUtf8String(byte[] utf8, int offset, int count, RowBuffer out) {
        out.write((byte) '"');
        out.ensureCapacity(count);
        int end = offset + count;
        int i = offset;
        while (i < end) {
            int b = utf8[i] & 0xFF;
            if (b < 0x80) {
                writeAsciiEscaped((char) b, out);
                i++;
                continue;
            }
            int length = wellFormedLength(utf8, i, end);
            if (length == 0) {
                out.write(REPLACEMENT);
                i++;
            } else {
                out.write(utf8, i, length);
                i += length;
            }
        }
        out.write((byte) '"');
    }

    /** Length of the well-formed multi-byte sequence at {@code i} (Unicode table 3-7), 0 if malformed. */
    private static int wellFormedLength(byte[] b, int i, int end) {
        int lead = b[i] & 0xFF;
        int length;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return 0;
        }
        if (i + length > end) {
            return 0;
        }
        int second = b[i + 1] & 0xFF;
        if (second < low || second > high) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int next = b[i + k] & 0xFF;
            if (next < 0x80 || next > 0xBF) {
                return 0;
            }
        }
        return length;
    }

    private static void writeThreeBytes(char c, RowBuffer out) {
        out.ensureCapacity(3);
        out.write((byte) (0xE0 | (c >> 12)));
        out.write((byte) (0x80 | ((c >> 6) & 0x3F)));
        out.write((byte) (0x80 | (c & 0x3F)));
    }

    private static void writeAsciiEscaped(char c, RowBuffer out) {
        switch (c) {
            case '"':
                out.write((byte) '\\');
                out.write((byte) '"');
                return;
            case '\\':
                out.write((byte) '\\');
                out.write((byte) '\\');
                return;
            case '\n':
                out.write((byte) '\\');
                out.write((byte) 'n');
                return;
            case '\r':
                out.write((byte) '\\');
                out.write((byte) 'r');
                return;
            case '\t':
                out.write((byte) '\\');
                out.write((byte) 't');
                return;
            case '\b':
                out.write((byte) '\\');
                out.write((byte) 'b');
                return;
            case '\f':
                out.write((byte) '\\');
                out.write((byte) 'f');
                return;
            default:
                if (c < 0x20) {
                    out.ensureCapacity(6);
                    out.write((byte) '\\');
                    out.write((byte) 'u');
                    out.write((byte) '0');
                    out.write((byte) '0');
                    out.write(HEX[c >> 4]);
                    out.write(HEX[c & 0xF]);
                } else {
                    out.write((byte) c);
                }
        }
    }

    static void writeBoolean(boolean value, RowBuffer out) {
        out.write(value ? TRUE : FALSE);
    }

    static void writeLong(long value, RowBuffer out) {
        if (value == Long.MIN_VALUE) {
            out.write(MIN_LONG);
            return;
        }
        if (value < 0) {
            out.write((byte) '-');
            value = -value;
        }
        writeDigits(value, digitCount(value), out);
    }

    /** {@code value} as exactly {@code digits} digits, zero-padded on the left. */
    static void writeDigits(long value, int digits, RowBuffer out) {
        int start = out.reserve(digits);
        byte[] bytes = out.array();
        for (int i = start + digits - 1; i >= start; i--) {
            bytes[i] = (byte) ('0' + (value % 10));
            value /= 10;
        }
    }

    private static int digitCount(long value) {
        int digits = 1;
        while (value >= 10) {
            value /= 10;
            digits++;
        }
        return digits;
    }

    /**
     * {@code unscaled * 10^-scale} in plain notation, e.g. -0.05 for (-5, 2). For compact decimals (at most 18
     * digits), so the magnitude always fits a long.
     */
    static void writePlainDecimal(long unscaled, int scale, RowBuffer out) {
        if (scale == 0) {
            writeLong(unscaled, out);
            return;
        }
        if (unscaled < 0) {
            out.write((byte) '-');
        }
        long magnitude = Math.abs(unscaled);
        long divisor = 1;
        for (int i = 0; i < scale; i++) {
            divisor *= 10;
        }
        writeLong(magnitude / divisor, out);
        out.write((byte) '.');
        writeDigits(magnitude % divisor, scale, out);
    }

    /** yyyy-MM-dd of a day number since 1970-01-01 (proleptic Gregorian, as java.time). */
    static void writeDate(long epochDay, RowBuffer out) {
        long z = epochDay + 719468;
        long era = Math.floorDiv(z, 146097);
        long dayOfEra = z - era * 146097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0) {
            out.write((byte) '-');
            year = -year;
        }
        writeDigits(year, Math.max(4, digitCount(year)), out);
        out.write((byte) '-');
        writeDigits(month, 2, out);
        out.write((byte) '-');
        writeDigits(day, 2, out);
    }

    /** HH:mm:ss and, for precision > 0, that many fraction digits of the nanosecond. */
    static void writeTime(long secondOfDay, int nanoOfSecond, int precision, RowBuffer out) {
        writeDigits(secondOfDay / 3600, Math.max(2, digitCount(secondOfDay / 3600)), out);
        out.write((byte) ':');
        writeDigits((secondOfDay / 60) % 60, 2, out);
        out.write((byte) ':');
        writeDigits(secondOfDay % 60, 2, out);
        if (precision > 0) {
            out.write((byte) '.');
            writeDigits(nanoOfSecond / POWERS_OF_TEN[9 - precision], precision, out);
        }
    }

    /** yyyy-MM-dd HH:mm:ss[.f...] of a second since 1970-01-01T00:00 (a local date-time, no zone). */
    static void writeDateTime(long epochSecond, int nanoOfSecond, int precision, RowBuffer out) {
        writeDate(Math.floorDiv(epochSecond, 86400), out);
        out.write((byte) ' ');
        writeTime(Math.floorMod(epochSecond, 86400), nanoOfSecond, precision, out);
    }

    /** Base64 (RFC 4648, with padding) of {@code data}, as a JSON string. */
    static void writeBase64String(byte[] data, RowBuffer out) {
        int groups = (data.length + 2) / 3;
        int start = out.reserve(groups * 4 + 2);
        byte[] b = out.array();
        int o = start;
        b[o++] = '"';
        int i = 0;
        for (; i + 2 < data.length; i += 3) {
            int v = (data[i] & 0xFF) << 16 | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF);
            b[o++] = BASE64[v >>> 18];
            b[o++] = BASE64[(v >>> 12) & 0x3F];
            b[o++] = BASE64[(v >>> 6) & 0x3F];
            b[o++] = BASE64[v & 0x3F];
        }
        int rest = data.length - i;
        if (rest > 0) {
            int v = (data[i] & 0xFF) << 16 | (rest == 2 ? (data[i + 1] & 0xFF) << 8 : 0);
            b[o++] = BASE64[v >>> 18];
            b[o++] = BASE64[(v >>> 12) & 0x3F];
            b[o++] = rest == 2 ? BASE64[(v >>> 6) & 0x3F] : (byte) '=';
            b[o++] = '=';
        }
        b[o] = '"';
    }
}
