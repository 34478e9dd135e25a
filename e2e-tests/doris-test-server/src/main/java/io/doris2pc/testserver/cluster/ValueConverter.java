package io.doris2pc.testserver.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JSON or CSV value into a column type the way a Doris BE does: numbers may come as JSON numbers or
 * strings, dates as strings; lengths are counted in UTF-8 bytes. Stored Java types: Boolean, Long (up to
 * BIGINT), BigInteger (LARGEINT), Double (FLOAT, DOUBLE), BigDecimal (DECIMAL, at the column's scale), String
 * (everything else; DATE as {@code yyyy-MM-dd}, DATETIME as {@code yyyy-MM-dd HH:mm:ss[.f]}).
 */
public final class ValueConverter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?)?");
    private static final Pattern ZONE_SUFFIX = Pattern.compile("(Z|z|[+-]\\d{2}(?::?\\d{2})?)$");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(\\d{2})(\\d{2}))?");
    private static final BigInteger LARGEINT_MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    private static final BigInteger LARGEINT_MIN = BigInteger.ONE.shiftLeft(127).negate();

    private ValueConverter() {}

    /** Converts a non-null JSON value (a text node for CSV fields and SQL literals). */
    public static Converted convert(ColumnType type, JsonNode node) {
        return convert(type, node, ZoneId.systemDefault());
    }

    /** @param loadZone the zone a DATETIME written with a zone suffix is converted into (the load's time zone) */
    public static Converted convert(ColumnType type, JsonNode node, ZoneId loadZone) {
        switch (type.kind()) {
            case BOOLEAN:
                return toBoolean(node);
            case TINYINT:
                return toInteger(node, BigInteger.valueOf(Byte.MIN_VALUE), BigInteger.valueOf(Byte.MAX_VALUE), type);
            case SMALLINT:
                return toInteger(node, BigInteger.valueOf(Short.MIN_VALUE), BigInteger.valueOf(Short.MAX_VALUE), type);
            case INT:
                return toInteger(node, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE), type);
            case BIGINT:
                return toInteger(node, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE), type);
            case LARGEINT:
                return toInteger(node, LARGEINT_MIN, LARGEINT_MAX, type);
            case FLOAT:
            case DOUBLE:
                return toFloating(node, type);
            case DECIMAL:
                return toDecimal(node, type);
            case DATE:
                return toDateTime(node, type, true, loadZone);
            case DATETIME:
                return toDateTime(node, type, false, loadZone);
            case CHAR:
            case VARCHAR:
                return toText(stringText(node), type.length(), type);
            case STRING:
                return toText(stringText(node), ColumnType.MAX_STRING_BYTES, type);
            case JSON:
                return toJson(node);
            default:
                return Converted.of(scalarText(node));
        }
    }

    /** new_json_reader.cpp {@code _simdjson_write_data_to_column}: a JSON boolean is written as "1" or "0". */
    private static String stringText(JsonNode node) {
        return node.isBoolean() ? (node.booleanValue() ? "1" : "0") : scalarText(node);
    }

    private static String scalarText(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static Converted toBoolean(JsonNode node) {
        if (node.isBoolean()) {
            return Converted.of(node.booleanValue());
        }
        String t = node.asText().trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("1")) {
            return Converted.of(true);
        }
        if (t.equals("false") || t.equals("0")) {
            return Converted.of(false);
        }
        return Converted.notConvertible("'" + node.asText() + "' is not a boolean");
    }

    private static Converted toInteger(JsonNode node, BigInteger min, BigInteger max, ColumnType type) {
        BigInteger v;
        if (node.isIntegralNumber()) {
            v = node.bigIntegerValue();
        } else if (node.isTextual()) {
            try {
                v = new BigInteger(node.asText().trim());
            } catch (NumberFormatException e) {
                return Converted.notConvertible("'" + node.asText() + "' is not a valid " + type.kind());
            }
        } else {
            return Converted.notConvertible("'" + scalarText(node) + "' is not a valid " + type.kind());
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            // an integer cast that overflows yields NULL, like "abc" (Doris docs, strict mode: 2000 into TINYINT)
            return Converted.notConvertible("'" + v + "' is out of range of " + type.kind());
        }
        return Converted.of(type.kind() == TypeKind.LARGEINT ? (Object) v : (Object) v.longValueExact());
    }

    private static Converted toFloating(JsonNode node, ColumnType type) {
        double d;
        try {
            d = node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asText().trim());
        } catch (NumberFormatException e) {
            return Converted.notConvertible("'" + node.asText() + "' is not a valid " + type.kind());
        }
        if (Double.isNaN(d) || Double.isInfinite(d) || (type.kind() == TypeKind.FLOAT && Math.abs(d) > Float.MAX_VALUE)) {
            // vec/io/io_helper.h read_float_text_fast_impl refuses NaN, Inf and overflow: a failed cast, so NULL
            return Converted.notConvertible("'" + node.asText() + "' is not a valid " + type.kind());
        }
        return Converted.of(type.kind() == TypeKind.FLOAT ? (double) (float) d : d);
    }

    private static Converted toDecimal(JsonNode node, ColumnType type) {
        BigDecimal v;
        try {
            v = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim());
        } catch (NumberFormatException e) {
            return Converted.notConvertible("'" + node.asText() + "' is not a valid decimal");
        }
        BigDecimal scaled = v.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
            // util/string_parser.hpp string_to_decimal: PARSE_OVERFLOW with the type's max (min) value, which the
            // cast counts as parsed, so the row loads (apache/doris #39864)
            BigDecimal limit = BigDecimal.TEN.pow(type.precision()).subtract(BigDecimal.ONE).movePointLeft(type.scale());
            return Converted.doesNotFit("'" + v.toPlainString() + "' is out of range of " + type.toDescType(),
                    v.signum() < 0 ? limit.negate() : limit);
        }
        return Converted.of(scaled);
    }

    /**
     * {@code vec/runtime/vdatetime_value.cpp from_date_str}: extra fraction digits round half up, carrying into the
     * seconds and beyond; a zone suffix ({@code Z}, {@code +08:00}) converts the value into the load's time zone.
     */
    private static Converted toDateTime(JsonNode node, ColumnType type, boolean dateOnly, ZoneId loadZone) {
        String text = node.asText().trim();
        String zone = null;
        Matcher z = ZONE_SUFFIX.matcher(text);
        if (z.find() && text.substring(0, z.start()).contains(":")) {
            zone = z.group(1);
            text = text.substring(0, z.start()).trim();
        }
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            m = COMPACT.matcher(text);
            if (!m.matches()) {
                return Converted.notConvertible("'" + node.asText().trim() + "' is not a valid " + type.kind());
            }
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hour = m.group(4) != null ? Integer.parseInt(m.group(4)) : 0;
        int minute = m.group(5) != null ? Integer.parseInt(m.group(5)) : 0;
        int second = m.group(6) != null ? Integer.parseInt(m.group(6)) : 0;
        String fraction = m.groupCount() >= 7 && m.group(7) != null ? m.group(7) : "";
        LocalDateTime value;
        try {
            value = LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
            return Converted.notConvertible("'" + node.asText().trim() + "' is not a valid " + type.kind());
        }
        int scale = dateOnly ? 0 : type.scale();
        long nanos = Long.parseLong((fraction + "000000000").substring(0, 9));
        long unit = (long) Math.pow(10, 9 - scale);
        long rounded = (nanos + unit / 2) / unit * unit;
        value = value.plusNanos(rounded);
        if (zone != null) {
            value = value.atZone(ZoneId.of(zone.equals("z") ? "Z" : zone)).withZoneSameInstant(loadZone).toLocalDateTime();
        }
        if (value.getYear() > 9999) {
            return Converted.notConvertible("'" + node.asText().trim() + "' is not a valid " + type.kind());
        }
        StringBuilder s = new StringBuilder(26);
        padded(s, value.getYear(), 4).append('-');
        padded(s, value.getMonthValue(), 2).append('-');
        padded(s, value.getDayOfMonth(), 2);
        if (dateOnly) {
            return Converted.of(s.toString());
        }
        padded(s.append(' '), value.getHour(), 2).append(':');
        padded(s, value.getMinute(), 2).append(':');
        padded(s, value.getSecond(), 2);
        if (scale > 0) {
            String digits = String.format("%09d", value.getNano()).substring(0, scale);
            s.append('.').append(digits);
        }
        return Converted.of(s.toString());
    }

    /** As {@code %0<width>d} for a non-negative value, without a Formatter per value. */
    private static StringBuilder padded(StringBuilder s, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            s.append('0');
        }
        return s.append(digits);
    }

    private static Converted toText(String text, int maxBytes, ColumnType type) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            String head = text.length() > 32 ? text.substring(0, 32) : text;
            return Converted.doesNotFit("the length of input is too long than schema. first 32 bytes of input str: ["
                    + head + "] schema length: " + maxBytes + "; actual length: " + bytes + "; (" + type.toDescType() + ")");
        }
        return Converted.of(text);
    }

    private static Converted toJson(JsonNode node) {
        if (!node.isTextual()) {
            return Converted.of(node.toString());
        }
        try {
            return Converted.of(JSON.readTree(node.asText()).toString());
        } catch (Exception e) {
            return Converted.notConvertible("'" + node.asText() + "' is not valid JSON");
        }
    }
}
