package io.doris2pc.connector.serialize;

import org.apache.flink.cdc.common.data.DecimalData;
import org.apache.flink.cdc.common.data.LocalZonedTimestampData;
import org.apache.flink.cdc.common.data.MapData;
import org.apache.flink.cdc.common.data.RecordData;
import org.apache.flink.cdc.common.data.StringData;
import org.apache.flink.cdc.common.data.TimestampData;
import org.apache.flink.cdc.common.data.binary.BinaryRecordData;
import org.apache.flink.cdc.common.data.binary.BinarySection;
import org.apache.flink.cdc.common.data.binary.BinarySegmentUtils;
import org.apache.flink.cdc.common.data.binary.BinaryStringData;
import org.apache.flink.cdc.common.types.ArrayType;
import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.cdc.common.types.DataTypeChecks;
import org.apache.flink.cdc.common.types.DataTypeFamily;
import org.apache.flink.cdc.common.types.MapType;
import org.apache.flink.cdc.common.types.RowType;
import org.apache.flink.core.memory.MemorySegment;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * The {@link ValueWriter} of each type, as Doris reads the values of the columns {@code DorisTypeMapper} creates:
 *
 * <ul>
 *   <li>integers and BOOLEAN as JSON numbers and literals; finite FLOAT/DOUBLE as numbers (Java's shortest
 *       round-trip form), NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity" (JSON has no such
 *       numbers; Doris decides what to make of them: NULL, or a filtered row in strict mode);
 *   <li>DECIMAL as a quoted plain string, so no digit is lost to a JSON parser's double;
 *   <li>DATE as "yyyy-MM-dd"; TIME as "HH:mm:ss[.f]" with the type's fractional digits; TIMESTAMP as
 *       "yyyy-MM-dd HH:mm:ss[.f]" with min(precision, 6) digits; TIMESTAMP_LTZ and zoned timestamps as the
 *       local date-time in the sink's time zone;
 *   <li>BINARY/VARBINARY as base64; ARRAY, MAP and ROW as JSON text in a string (their Doris column is STRING).
 * </ul>
 */
final class ValueWriters {

    private static final int MAX_DATETIME_PRECISION = 6;
    private static final int MAX_TIME_PRECISION = 9;

    private ValueWriters() {}

    /** The writer of a column: complex values become a JSON string holding their JSON text. */
    static ValueWriter column(DataType type, ZoneId zone) {
        switch (type.getTypeRoot()) {
            case ARRAY:
            case MAP:
            case ROW:
                return stringified(nested(type, zone));
            default:
                return nested(type, zone);
        }
    }

    /** The writer of a value inside ARRAY/MAP/ROW text: complex values stay JSON arrays and objects. */
    private static ValueWriter nested(DataType type, ZoneId zone) {
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                return stringWriter();
            case BOOLEAN:
                return (row, pos, out) -> JsonText.writeBoolean(row.getBoolean(pos), out);
            case TINYINT:
                return (row, pos, out) -> JsonText.writeLong(row.getByte(pos), out);
            case SMALLINT:
                return (row, pos, out) -> JsonText.writeLong(row.getShort(pos), out);
            case INTEGER:
                return (row, pos, out) -> JsonText.writeLong(row.getInt(pos), out);
            case BIGINT:
                return (row, pos, out) -> JsonText.writeLong(row.getLong(pos), out);
            case FLOAT:
                StringBuilder floatText = new StringBuilder(32);
                return (row, pos, out) -> {
                    float value = row.getFloat(pos);
                    floatText.setLength(0);
                    writeFloating(floatText.append(value), Float.isFinite(value), out);
                };
            case DOUBLE:
                StringBuilder doubleText = new StringBuilder(32);
                return (row, pos, out) -> {
                    double value = row.getDouble(pos);
                    doubleText.setLength(0);
                    writeFloating(doubleText.append(value), Double.isFinite(value), out);
                };
            case DECIMAL:
                return decimalWriter(DataTypeChecks.getPrecision(type), DataTypeChecks.getScale(type));
            case DATE:
                return (row, pos, out) -> {
                    out.write((byte) '"');
                    JsonText.writeDate(row.getInt(pos), out);
                    out.write((byte) '"');
                };
            case TIME_WITHOUT_TIME_ZONE:
                return timeWriter(Math.min(DataTypeChecks.getPrecision(type), MAX_TIME_PRECISION));
            case TIMESTAMP_WITHOUT_TIME_ZONE:
                return timestampWriter(DataTypeChecks.getPrecision(type));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return localZonedTimestampWriter(DataTypeChecks.getPrecision(type), zone);
            case TIMESTAMP_WITH_TIME_ZONE:
                return zonedTimestampWriter(DataTypeChecks.getPrecision(type), zone);
            case BINARY:
            case VARBINARY:
                return (row, pos, out) -> JsonText.writeBase64String(row.getBinary(pos), out);
            case ARRAY:
                return arrayWriter(((ArrayType) type).getElementType(), zone);
            case MAP:
                return mapWriter((MapType) type, zone);
            case ROW:
                return rowWriter((RowType) type, zone);
            default:
                throw new IllegalArgumentException("Cannot write values of type " + type + " for Doris");
        }
    }

    private static void writeFloating(StringBuilder text, boolean finite, RowBuffer out) {
        if (finite) {
            out.writeAscii(text);
        } else {
            JsonText.writeString(text, out);
        }
    }

    private static ValueWriter stringWriter() {
        return new StringWriter();
    }

    private static ValueWriter decimalWriter(int precision, int scale) {
        return (row, pos, out) -> {
            DecimalData value = row.getDecimal(pos, precision, scale);
            out.write((byte) '"');
            if (value.isCompact()) {
                JsonText.writePlainDecimal(value.toUnscaledLong(), value.scale(), out);
            } else {
                out.writeAscii(value.toBigDecimal().toPlainString());
            }
            out.write((byte) '"');
        };
    }

    /** TIME values are milliseconds of the day; fraction digits beyond the millisecond are zeros. */
    private static ValueWriter timeWriter(int precision) {
        return (row, pos, out) -> {
            long millis = row.getInt(pos);
            out.write((byte) '"');
            if (millis < 0) {
                out.write((byte) '-');
                millis = -millis;
            }
            JsonText.writeTime(millis / 1000, (int) (millis % 1000) * 1_000_000, precision, out);
            out.write((byte) '"');
        };
    }

    private static ValueWriter timestampWriter(int precision) {
        int digits = Math.min(precision, MAX_DATETIME_PRECISION);
        return (row, pos, out) -> {
            TimestampData value = row.getTimestamp(pos, precision);
            writeDateTime(value.getMillisecond(), value.getNanoOfMillisecond(), 0, digits, out);
        };
    }

    private static ValueWriter localZonedTimestampWriter(int precision, ZoneId zone) {
        int digits = Math.min(precision, MAX_DATETIME_PRECISION);
        ZoneOffsets offsets = new ZoneOffsets(zone);
        return (row, pos, out) -> {
            LocalZonedTimestampData value = row.getLocalZonedTimestampData(pos, precision);
            long millis = value.getEpochMillisecond();
            writeDateTime(millis, value.getEpochNanoOfMillisecond(), offsets.at(Math.floorDiv(millis, 1000)), digits, out);
        };
    }

    private static ValueWriter zonedTimestampWriter(int precision, ZoneId zone) {
        int digits = Math.min(precision, MAX_DATETIME_PRECISION);
        ZoneOffsets offsets = new ZoneOffsets(zone);
        return (row, pos, out) -> {
            Instant instant = row.getZonedTimestamp(pos, precision).toInstant();
            long second = instant.getEpochSecond();
            out.write((byte) '"');
            JsonText.writeDateTime(second + offsets.at(second), instant.getNano(), digits, out);
            out.write((byte) '"');
        };
    }

    private static void writeDateTime(long epochMillis, int nanoOfMilli, int offsetSeconds, int digits, RowBuffer out) {
        out.write((byte) '"');
        JsonText.writeDateTime(
                Math.floorDiv(epochMillis, 1000) + offsetSeconds,
                (int) Math.floorMod(epochMillis, 1000) * 1_000_000 + nanoOfMilli,
                digits,
                out);
        out.write((byte) '"');
    }

    private static ValueWriter arrayWriter(DataType elementType, ZoneId zone) {
        ValueWriter element = nested(elementType, zone);
        ArrayAsRecord elements = new ArrayAsRecord();
        boolean textElements = elementType.is(DataTypeFamily.CHARACTER_STRING);
        return (row, pos, out) -> {
            if (row instanceof BinaryRecordData) {
                writeArrayFromBinaryRow(row.getString(pos).toString(), textElements, elementType, out);
            } else {
                writeArray(elements.of(row.getArray(pos)), element, out);
            }
        };
    }

    /**
     * Flink CDC 3.2.0's binary rows cannot hold arrays (their writer and {@code getArray} throw), so the MySQL
     * source stores a SET value there as MySQL's text {@code a,c} under the declared ARRAY&lt;STRING&gt;. SET
     * members cannot contain commas, so splitting that text gives the elements exactly.
     */
    private static void writeArrayFromBinaryRow(String text, boolean textElements, DataType elementType, RowBuffer out) {
        if (!textElements) {
            throw new IllegalArgumentException("Flink CDC 3.2.0 cannot carry ARRAY<" + elementType
                    + "> values in its binary rows; only SET columns of the MySQL source (ARRAY<STRING>) can be written");
        }
        out.write((byte) '[');
        if (!text.isEmpty()) {
            int start = 0;
            while (true) {
                int comma = text.indexOf(',', start);
                JsonText.writeString(comma < 0 ? text.substring(start) : text.substring(start, comma), out);
                if (comma < 0) {
                    break;
                }
                out.write((byte) ',');
                start = comma + 1;
            }
        }
        out.write((byte) ']');
    }

    private static void writeArray(ArrayAsRecord elements, ValueWriter element, RowBuffer out) {
        out.write((byte) '[');
        for (int i = 0; i < elements.getArity(); i++) {
            if (i > 0) {
                out.write((byte) ',');
            }
            writeNullable(elements, i, element, out);
        }
        out.write((byte) ']');
    }

    private static ValueWriter mapWriter(MapType type, ZoneId zone) {
        ValueWriter key = mapKey(type.getKeyType(), zone);
        ValueWriter value = nested(type.getValueType(), zone);
        ArrayAsRecord keys = new ArrayAsRecord();
        ArrayAsRecord values = new ArrayAsRecord();
        return (row, pos, out) -> {
            MapData map = row.getMap(pos);
            keys.of(map.keyArray());
            values.of(map.valueArray());
            out.write((byte) '{');
            for (int i = 0; i < keys.getArity(); i++) {
                if (i > 0) {
                    out.write((byte) ',');
                }
                if (keys.isNullAt(i)) {
                    JsonText.writeString("null", out);
                } else {
                    key.write(keys, i, out);
                }
                out.write((byte) ':');
                writeNullable(values, i, value, out);
            }
            out.write((byte) '}');
        };
    }

    /** JSON object names are strings: a key whose JSON is not a string is written as a string of its JSON. */
    private static ValueWriter mapKey(DataType keyType, ZoneId zone) {
        ValueWriter key = nested(keyType, zone);
        switch (keyType.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
            case DECIMAL:
            case DATE:
            case TIME_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP_WITH_TIME_ZONE:
            case BINARY:
            case VARBINARY:
                return key;
            default:
                return stringified(key);
        }
    }

    private static ValueWriter rowWriter(RowType type, ZoneId zone) {
        List<String> names = type.getFieldNames();
        List<DataType> types = type.getFieldTypes();
        byte[][] prefixes = new byte[names.size()][];
        ValueWriter[] fields = new ValueWriter[names.size()];
        for (int i = 0; i < fields.length; i++) {
            prefixes[i] = JsonNames.fieldPrefix(i == 0 ? '{' : ',', names.get(i));
            fields[i] = nested(types.get(i), zone);
        }
        return (row, pos, out) -> {
            RecordData record = row.getRow(pos, fields.length);
            if (fields.length == 0) {
                out.write((byte) '{');
            }
            for (int i = 0; i < fields.length; i++) {
                out.write(prefixes[i]);
                writeNullable(record, i, fields[i], out);
            }
            out.write((byte) '}');
        };
    }

    /** Writes the JSON of {@code inner} as a JSON string; a scratch buffer per writer, reused. */
    private static ValueWriter stringified(ValueWriter inner) {
        RowBuffer text = new RowBuffer(256);
        return (row, pos, out) -> {
            text.reset();
            inner.write(row, pos, text);
            JsonText.writeUtf8String(text.array(), 0, text.length(), out);
        };
    }

    static void writeNullable(RecordData row, int pos, ValueWriter writer, RowBuffer out) {
        if (row.isNullAt(pos)) {
            out.write(JsonText.NULL);
        } else {
            writer.write(row, pos, out);
        }
    }

    /** UTC offsets of the sink's zone; a fixed-offset zone (the common case) needs no lookup per value. */
    private static final class ZoneOffsets {
        private final ZoneRules rules;
        private final boolean fixed;
        private final int fixedSeconds;

        ZoneOffsets(ZoneId zone) {
            this.rules = zone.getRules();
            this.fixed = rules.isFixedOffset();
            this.fixedSeconds = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
        }

        int at(long epochSecond) {
            return fixed ? fixedSeconds : rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
        }
    }

    /**
     * Strings kept as UTF-8 bytes (as records from the source are) are copied through a reused scratch array and
     * checked for well-formed UTF-8; strings kept as Java strings are encoded char by char.
     */
    private static final class StringWriter implements ValueWriter {
        private byte[] scratch = new byte[256];

        @Override
        public void write(RecordData row, int pos, RowBuffer out) {
            StringData value = row.getString(pos);
            if (value instanceof BinaryStringData && ((BinaryStringData) value).getJavaObject() == null) {
                BinarySection section = ((BinaryStringData) value).getBinarySection();
                int size = section.getSizeInBytes();
                MemorySegment[] segments = section.getSegments();
                if (segments.length == 1 && !segments[0].isOffHeap()) {
                    // the usual case: the bytes sit in one heap array, read them in place
                    JsonText.writeUtf8String(segments[0].getArray(), section.getOffset(), size, out);
                    return;
                }
                if (scratch.length < size) {
                    scratch = new byte[Math.max(size, scratch.length * 2)];
                }
                BinarySegmentUtils.copyToBytes(segments, section.getOffset(), scratch, 0, size);
                JsonText.writeUtf8String(scratch, 0, size, out);
            } else {
                JsonText.writeString(value.toString(), out);
            }
        }
    }
}
