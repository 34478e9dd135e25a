package io.doris2pc.connector.serialize;

import io.doris2pc.connector.config.NonFiniteFloatPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.cdc.common.data.DecimalData;
import org.apache.flink.cdc.common.data.GenericArrayData;
import org.apache.flink.cdc.common.data.GenericMapData;
import org.apache.flink.cdc.common.data.LocalZonedTimestampData;
import org.apache.flink.cdc.common.data.RecordData;
import org.apache.flink.cdc.common.data.StringData;
import org.apache.flink.cdc.common.data.TimestampData;
import org.apache.flink.cdc.common.data.ZonedTimestampData;
import org.apache.flink.cdc.common.data.binary.BinaryStringData;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowSerializerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TableId TABLE = TableId.tableId("shop", "orders");
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void writesEveryTypeAsDorisReadsIt() throws Exception {
        Map<String, DataType> columns = new LinkedHashMap<>();
        columns.put("id", DataTypes.BIGINT().notNull());
        columns.put("flag", DataTypes.BOOLEAN());
        columns.put("tiny", DataTypes.TINYINT());
        columns.put("small", DataTypes.SMALLINT());
        columns.put("num", DataTypes.INT());
        columns.put("real", DataTypes.FLOAT());
        columns.put("dbl", DataTypes.DOUBLE());
        columns.put("price", DataTypes.DECIMAL(10, 2));
        columns.put("big", DataTypes.DECIMAL(38, 10));
        columns.put("code", DataTypes.CHAR(3));
        columns.put("name", DataTypes.VARCHAR(20));
        columns.put("text", DataTypes.STRING());
        columns.put("bin", DataTypes.BINARY(3));
        columns.put("blob", DataTypes.BYTES());
        columns.put("day", DataTypes.DATE());
        columns.put("at_time", DataTypes.TIME(3));
        columns.put("at_time0", DataTypes.TIME(0));
        columns.put("created", DataTypes.TIMESTAMP(6));
        columns.put("created0", DataTypes.TIMESTAMP(0));
        columns.put("created9", DataTypes.TIMESTAMP(9));
        columns.put("updated", DataTypes.TIMESTAMP_LTZ(3));
        Schema schema = schema(columns, "id");
        Object[] values = {
            42L, true, (byte) -7, (short) 300, Integer.MIN_VALUE, 1.5f, -2.25e-5,
            DecimalData.fromBigDecimal(new BigDecimal("-12345678.90"), 10, 2),
            DecimalData.fromBigDecimal(new BigDecimal("1234567890123456789012345678.0123456789"), 38, 10),
            BinaryStringData.fromString("abc"), BinaryStringData.fromString("名字 😀"),
            BinaryStringData.fromString("line\nbreak \"q\" back\\slash \u0001 tab\t"),
            new byte[] {1, 2, 3}, new byte[] {(byte) 0xFF, 0, (byte) 0x80, 5},
            (int) LocalDate.of(2024, 2, 29).toEpochDay(),
            (13 * 3600 + 5 * 60 + 9) * 1000 + 7, (23 * 3600 + 59 * 60 + 59) * 1000,
            TimestampData.fromLocalDateTime(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)),
            TimestampData.fromLocalDateTime(LocalDateTime.of(1969, 12, 31, 23, 59, 59)),
            TimestampData.fromLocalDateTime(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789)),
            LocalZonedTimestampData.fromInstant(Instant.parse("2024-06-01T10:00:00.250Z"))
        };
        JsonNode row = single(serialize(schema, ZoneId.of("Asia/Shanghai"), insert(schema, values)));

        assertEquals(42L, row.get("id").longValue());
        assertTrue(row.get("id").isIntegralNumber());
        assertEquals(true, row.get("flag").booleanValue());
        assertEquals(-7, row.get("tiny").intValue());
        assertEquals(300, row.get("small").intValue());
        assertEquals(Integer.MIN_VALUE, row.get("num").intValue());
        assertEquals(1.5, row.get("real").doubleValue());
        assertEquals(-2.25e-5, row.get("dbl").doubleValue());
        assertEquals("-12345678.90", row.get("price").textValue());
        assertEquals("1234567890123456789012345678.0123456789", row.get("big").textValue());
        assertEquals("abc", row.get("code").textValue());
        assertEquals("名字 😀", row.get("name").textValue());
        assertEquals("line\nbreak \"q\" back\\slash \u0001 tab\t", row.get("text").textValue());
        assertEquals("AQID", row.get("bin").textValue());
        assertEquals(Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, 0, (byte) 0x80, 5}),
                row.get("blob").textValue());
        assertEquals("2024-02-29", row.get("day").textValue());
        assertEquals("13:05:09.007", row.get("at_time").textValue());
        assertEquals("23:59:59", row.get("at_time0").textValue());
        assertEquals("2024-01-02 03:04:05.123456", row.get("created").textValue());
        assertEquals("1969-12-31 23:59:59", row.get("created0").textValue());
        assertEquals("2024-01-02 03:04:05.123456", row.get("created9").textValue());
        assertEquals("2024-06-01 18:00:00.250", row.get("updated").textValue());
        assertEquals("0", row.get("__DORIS_DELETE_SIGN__").textValue());
        assertEquals(columns.size() + 1, row.size());
    }

    @Test
    void writesNullsAsJsonNull() throws Exception {
        Map<String, DataType> columns = new LinkedHashMap<>();
        columns.put("id", DataTypes.INT().notNull());
        for (DataType type : everyNullableType()) {
            columns.put("c" + columns.size(), type);
        }
        Schema schema = schema(columns, "id");
        Object[] values = new Object[columns.size()];
        values[0] = 1;
        JsonNode row = single(serialize(schema, UTC, DataChangeEvent.insertEvent(TABLE, new ObjectRecord(values))));
        for (int i = 1; i < values.length; i++) {
            assertTrue(row.get("c" + i).isNull(), "c" + i + " of " + row);
        }
    }

    @Test
    void writesComplexValuesAsJsonText() throws Exception {
        DataType array = DataTypes.ARRAY(DataTypes.INT());
        DataType nested = DataTypes.ARRAY(DataTypes.ARRAY(DataTypes.STRING()));
        DataType map = DataTypes.MAP(DataTypes.STRING(), DataTypes.DECIMAL(5, 2));
        DataType intKeys = DataTypes.MAP(DataTypes.INT(), DataTypes.BOOLEAN());
        DataType row = DataTypes.ROW(
                DataTypes.FIELD("a", DataTypes.INT()),
                DataTypes.FIELD("b\"", DataTypes.STRING()),
                DataTypes.FIELD("when", DataTypes.DATE()));
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("arr", array)
                .physicalColumn("nested", nested)
                .physicalColumn("map", map)
                .physicalColumn("int_keys", intKeys)
                .physicalColumn("row", row)
                .primaryKey("id")
                .build();
        Map<Object, Object> mapValue = new LinkedHashMap<>();
        mapValue.put(BinaryStringData.fromString("k\"1"), DecimalData.fromBigDecimal(new BigDecimal("1.50"), 5, 2));
        mapValue.put(BinaryStringData.fromString("k2"), null);
        RecordData record = new ObjectRecord(
                7,
                new GenericArrayData(new Integer[] {1, null, 3}),
                new GenericArrayData(new Object[] {
                    new GenericArrayData(new Object[] {BinaryStringData.fromString("x")}),
                    new GenericArrayData(new Object[0])
                }),
                new GenericMapData(mapValue),
                new GenericMapData(Collections.singletonMap(5, true)),
                new ObjectRecord(1, BinaryStringData.fromString("two"), 0));
        JsonNode line = single(serialize(schema, UTC, DataChangeEvent.insertEvent(TABLE, record)));
        assertEquals("[1,null,3]", line.get("arr").textValue());
        assertEquals("[[\"x\"],[]]", line.get("nested").textValue());
        assertEquals("{\"k\\\"1\":\"1.50\",\"k2\":null}", line.get("map").textValue());
        assertEquals("{\"5\":true}", line.get("int_keys").textValue());
        assertEquals("{\"a\":1,\"b\\\"\":\"two\",\"when\":\"1970-01-01\"}", line.get("row").textValue());
        JsonNode parsedRow = JSON.readTree(line.get("row").textValue());
        assertEquals("two", parsedRow.get("b\"").textValue());
    }

    @Test
    void escapesHostileColumnNames() throws Exception {
        List<String> names = List.of("order", "key", "a\"b", "back\\slash", "new\nline", "名字", "😀", "with space", "a.b");
        Map<String, DataType> columns = new LinkedHashMap<>();
        names.forEach(n -> columns.put(n, DataTypes.INT().notNull()));
        Schema schema = schema(columns, "order");
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        JsonNode row = single(serialize(schema, UTC, insert(schema, values)));
        for (int i = 0; i < names.size(); i++) {
            assertEquals(i, row.get(names.get(i)).intValue(), names.get(i));
        }
    }

    @Test
    void replacesMalformedTextWithReplacementCharacters() throws Exception {
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("s", DataTypes.STRING())
                .primaryKey("id")
                .build();
        String[][] javaStrings = {
            {"a\uD800b", "a\uFFFDb"}, {"end\uDBFF", "end\uFFFD"}, {"\uDC00x", "\uFFFDx"}, {"ok😀", "ok😀"}
        };
        for (String[] c : javaStrings) {
            RecordData record = new ObjectRecord(1, BinaryStringData.fromString(c[0]));
            assertEquals(c[1], single(serialize(schema, UTC, DataChangeEvent.insertEvent(TABLE, record)))
                    .get("s").textValue());
        }
        byte[][] malformed = {
            {'a', (byte) 0x80, 'b'},
            {(byte) 0xC3},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE4, (byte) 0xBD, 'x'}
        };
        String[] expected = {"a\uFFFDb", "\uFFFD", "\uFFFD\uFFFD\uFFFD", "\uFFFD\uFFFD", "\uFFFD\uFFFD\uFFFD\uFFFD",
            "\uFFFD\uFFFDx"};
        for (int i = 0; i < malformed.length; i++) {
            RecordData record = new ObjectRecord(1, BinaryStringData.fromBytes(malformed[i]));
            assertEquals(expected[i], single(serialize(schema, UTC, DataChangeEvent.insertEvent(TABLE, record)))
                    .get("s").textValue(), "case " + i);
        }
    }

    @Test
    void writesStringsReadInPlaceFromOneSegmentAndCopiedFromSeveral() throws Exception {
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("s", DataTypes.STRING())
                .primaryKey("id")
                .build();
        String expected = "ab\"名字 😀";
        byte[] text = expected.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[text.length + 7];
        System.arraycopy(text, 0, padded, 5, text.length);
        StringData inOneSegment = BinaryStringData.fromAddress(
                new MemorySegment[] {MemorySegmentFactory.wrap(padded)}, 5, text.length);
        // segments of equal size, the boundary inside the three bytes of 字
        StringData acrossTwoSegments = BinaryStringData.fromAddress(new MemorySegment[] {
            MemorySegmentFactory.wrap(Arrays.copyOfRange(text, 0, 8)),
            MemorySegmentFactory.wrap(Arrays.copyOfRange(text, 8, 16))
        }, 0, text.length);
        for (StringData value : List.of(inOneSegment, acrossTwoSegments)) {
            assertEquals(expected, single(serialize(schema, UTC,
                    DataChangeEvent.insertEvent(TABLE, new ObjectRecord(1, value)))).get("s").textValue());
        }
    }

    @Test
    void marksUpsertsAndDeletesOnTablesWithPrimaryKey() throws Exception {
        Schema schema = keyValueSchema("id");
        RecordData before = keyValue(schema, 1, "old");
        RecordData after = keyValue(schema, 1, "new");
        assertLines(schema, DataChangeEvent.insertEvent(TABLE, after), "{\"id\":1,\"v\":\"new\",\"__DORIS_DELETE_SIGN__\":\"0\"}");
        assertLines(schema, DataChangeEvent.replaceEvent(TABLE, after), "{\"id\":1,\"v\":\"new\",\"__DORIS_DELETE_SIGN__\":\"0\"}");
        assertLines(schema, DataChangeEvent.updateEvent(TABLE, before, after),
                "{\"id\":1,\"v\":\"new\",\"__DORIS_DELETE_SIGN__\":\"0\"}");
        assertLines(schema, DataChangeEvent.deleteEvent(TABLE, before), "{\"id\":1,\"v\":\"old\",\"__DORIS_DELETE_SIGN__\":\"1\"}");
    }

    @Test
    void deletesTheOldKeyWhenAnUpdateChangesThePrimaryKey() throws Exception {
        Schema schema = keyValueSchema("id");
        assertLines(schema, DataChangeEvent.updateEvent(TABLE, keyValue(schema, 1, "a"), keyValue(schema, 2, "a")),
                "{\"id\":1,\"v\":\"a\",\"__DORIS_DELETE_SIGN__\":\"1\"}",
                "{\"id\":2,\"v\":\"a\",\"__DORIS_DELETE_SIGN__\":\"0\"}");
        Schema compositeKey = keyValueSchema("id", "v");
        assertLines(compositeKey,
                DataChangeEvent.updateEvent(TABLE, keyValue(compositeKey, 1, "a"), keyValue(compositeKey, 1, "b")),
                "{\"id\":1,\"v\":\"a\",\"__DORIS_DELETE_SIGN__\":\"1\"}",
                "{\"id\":1,\"v\":\"b\",\"__DORIS_DELETE_SIGN__\":\"0\"}");
    }

    @Test
    void writesNoDeleteSignForTablesWithoutPrimaryKey() throws Exception {
        Schema schema = keyValueSchema();
        assertLines(schema, DataChangeEvent.insertEvent(TABLE, keyValue(schema, 1, "a")), "{\"id\":1,\"v\":\"a\"}");
        assertLines(schema, DataChangeEvent.updateEvent(TABLE, keyValue(schema, 1, "a"), keyValue(schema, 2, "b")),
                "{\"id\":2,\"v\":\"b\"}");
        RowBuffer out = new RowBuffer();
        assertEquals(0, serializer(schema, UTC).serialize(DataChangeEvent.deleteEvent(TABLE, keyValue(schema, 1, "a")), out));
        assertEquals(0, out.length());
    }

    @Test
    void appendsLinesAndLeavesTheBufferIntactOnFailure() {
        Schema schema = keyValueSchema("id");
        RowSerializer serializer = serializer(schema, UTC);
        RowBuffer out = new RowBuffer(16);
        serializer.serialize(DataChangeEvent.insertEvent(TABLE, keyValue(schema, 1, "a")), out);
        int length = out.length();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> serializer.serialize(
                DataChangeEvent.insertEvent(TABLE, new ObjectRecord(1, BinaryStringData.fromString("a"), 3)), out));
        assertEquals("A row of table shop.orders has 3 fields, but the table schema has 2 columns", e.getMessage());
        assertEquals(length, out.length());
        serializer.serialize(DataChangeEvent.insertEvent(TABLE, keyValue(schema, 2, "b".repeat(100))), out);
        assertEquals(2, new String(out.array(), 0, out.length(), StandardCharsets.UTF_8).split("\n").length);
    }

    private static Schema floats() {
        return Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("f", DataTypes.FLOAT())
                .physicalColumn("d", DataTypes.DOUBLE())
                .primaryKey("id")
                .build();
    }

    @Test
    void aNonFiniteFloatingPointValueFailsNamingTableColumnAndValue() throws Exception {
        // Doris's cast turns NaN and Infinity into NULL (BE vec/io/io_helper.h read_float_text_fast_impl)
        Object[][] cases = {{Float.NaN, 1.0, "'f' (FLOAT)", "NaN"}, {1.5f, Double.NEGATIVE_INFINITY, "'d' (DOUBLE)", "-Infinity"}};
        for (Object[] c : cases) {
            RowBuffer out = new RowBuffer(8);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> serializer(floats(), UTC)
                    .serialize(DataChangeEvent.insertEvent(TABLE, new ObjectRecord(1, c[0], c[1])), out));
            assertTrue(e.getMessage().startsWith("Cannot write column " + c[2] + " of table shop.orders: the value "
                    + c[3] + " is not a number Doris can store"), e.getMessage());
            assertTrue(e.getMessage().contains("'sink.non-finite-floats: STORE_NULL'"), e.getMessage());
            assertEquals(0, out.length());
        }
        JsonNode row = single(serialize(floats(), UTC, DataChangeEvent.insertEvent(TABLE, new ObjectRecord(1, 3.4028235e38f, 1e300))));
        assertEquals(3.4028235e38f, row.get("f").floatValue());
        assertEquals(1e300, row.get("d").doubleValue());
    }

    @Test
    void nonFiniteValuesAreWrittenAsNullAndCountedWhenTheUserAcceptsIt() throws Exception {
        int[] counted = {0};
        RowSerializer serializer = new RowSerializer(floats(), UTC, TargetColumns.sameAsSource(),
                new NonFiniteFloats(NonFiniteFloatPolicy.STORE_NULL, () -> counted[0]++));
        RowBuffer out = new RowBuffer(8);
        serializer.serialize(DataChangeEvent.insertEvent(TABLE, new ObjectRecord(1, Float.POSITIVE_INFINITY, Double.NaN)), out);
        JsonNode row = single(out);
        assertTrue(row.get("f").isNull());
        assertTrue(row.get("d").isNull());
        assertEquals(2, counted[0]);
    }

    @Test
    void keysCarryTheExactSpellingOfTheDorisColumns() throws Exception {
        // BE new_json_reader.cpp matches keys to columns case-sensitively: "v" would leave a Doris column "V" NULL
        TargetColumns doris = TargetColumns.of(List.of(new String[] {"ID", "int(11)"}, new String[] {"V", "varchar(20)"}));
        RowBuffer out = new RowBuffer(8);
        new RowSerializer(keyValueSchema("id"), UTC, doris, new NonFiniteFloats(NonFiniteFloatPolicy.FAIL, () -> { }))
                .serialize(DataChangeEvent.insertEvent(TABLE, keyValue(keyValueSchema("id"), 1, "a")), out);
        assertEquals("{\"ID\":1,\"V\":\"a\",\"__DORIS_DELETE_SIGN__\":\"0\"}\n", utf8(out));
    }

    @Test
    void aDecimalTheNarrowerDorisColumnCannotHoldFailsNamingTableColumnAndValue() throws Exception {
        // Doris would load it clamped to 999.99 (BE util/string_parser.hpp string_to_decimal, apache/doris#39864)
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("amount", DataTypes.DECIMAL(10, 2))
                .primaryKey("id")
                .build();
        TargetColumns doris = TargetColumns.of(List.of(new String[] {"id", "int(11)"}, new String[] {"Amount", "decimalv3(5, 2)"}));
        RowSerializer serializer = new RowSerializer(schema, UTC, doris, new NonFiniteFloats(NonFiniteFloatPolicy.FAIL, () -> { }));
        RowBuffer out = new RowBuffer(8);
        serializer.serialize(insert(schema, new Object[] {1, DecimalData.fromBigDecimal(new BigDecimal("999.994"), 10, 2)}), out);
        assertEquals("{\"id\":1,\"Amount\":\"999.99\",\"__DORIS_DELETE_SIGN__\":\"0\"}\n", utf8(out));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> serializer.serialize(
                insert(schema, new Object[] {2, DecimalData.fromBigDecimal(new BigDecimal("123456.78"), 10, 2)}), out));
        assertTrue(e.getMessage().startsWith("Cannot write column 'amount' (DECIMAL(10, 2)) of table shop.orders: the "
                + "value 123456.78 does not fit the Doris column `Amount` DECIMAL(5, 2)"), e.getMessage());
        assertTrue(e.getMessage().contains("widen the Doris column"), e.getMessage());

        // a type change the pipeline just applied may still be converting in Doris: the new type is trusted
        RowSerializer altered = new RowSerializer(schema, UTC, doris.typedBySource(List.of("amount")),
                new NonFiniteFloats(NonFiniteFloatPolicy.FAIL, () -> { }));
        RowBuffer wide = new RowBuffer(8);
        altered.serialize(insert(schema, new Object[] {2, DecimalData.fromBigDecimal(new BigDecimal("123456.78"), 10, 2)}), wide);
        assertEquals("{\"id\":2,\"Amount\":\"123456.78\",\"__DORIS_DELETE_SIGN__\":\"0\"}\n", utf8(wide));
    }

    @Test
    void datesTimestampsDecimalsAndBase64AgreeWithTheJdk() throws Exception {
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("day", DataTypes.DATE())
                .physicalColumn("ts", DataTypes.TIMESTAMP(6))
                .physicalColumn("ltz", DataTypes.TIMESTAMP_LTZ(3))
                .physicalColumn("zoned", DataTypes.TIMESTAMP_TZ(3))
                .physicalColumn("dec", DataTypes.DECIMAL(18, 4))
                .physicalColumn("bin", DataTypes.BYTES())
                .primaryKey("id")
                .build();
        ZoneId newYork = ZoneId.of("America/New_York");
        RowSerializer serializer = serializer(schema, newYork);
        DateTimeFormatter micros = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
        DateTimeFormatter millis = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            long day = random.nextInt(2_932_896) - 719_162;
            LocalDateTime dateTime = LocalDateTime.ofEpochSecond(
                    random.nextLong() % 253_402_300_799L, random.nextInt(1_000_000) * 1000, java.time.ZoneOffset.UTC);
            if (dateTime.getYear() < 1) {
                dateTime = dateTime.withYear(1 + random.nextInt(9000));
            }
            Instant instant = Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L);
            BigDecimal decimal = BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000_000L, 4);
            byte[] bytes = new byte[random.nextInt(8)];
            random.nextBytes(bytes);
            RecordData record = new ObjectRecord(
                    i, (int) day, TimestampData.fromLocalDateTime(dateTime), LocalZonedTimestampData.fromInstant(instant),
                    ZonedTimestampData.fromZonedDateTime(instant.atZone(ZoneId.of("Europe/Berlin"))),
                    DecimalData.fromBigDecimal(decimal, 18, 4), bytes);
            RowBuffer out = new RowBuffer();
            serializer.serialize(DataChangeEvent.insertEvent(TABLE, record), out);
            JsonNode row = single(out);
            assertEquals(LocalDate.ofEpochDay(day).toString(), row.get("day").textValue());
            assertEquals(micros.format(dateTime), row.get("ts").textValue());
            assertEquals(millis.format(ZonedDateTime.ofInstant(instant, newYork)), row.get("ltz").textValue());
            assertEquals(millis.format(ZonedDateTime.ofInstant(instant, newYork)), row.get("zoned").textValue());
            assertEquals(decimal.toPlainString(), row.get("dec").textValue());
            assertEquals(Base64.getEncoder().encodeToString(bytes), row.get("bin").textValue());
        }
    }

    @Test
    void serializingARowAllocatesNothingOnceTheBufferHasGrown() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.BIGINT().notNull())
                .physicalColumn("flag", DataTypes.BOOLEAN())
                .physicalColumn("num", DataTypes.INT())
                .physicalColumn("real", DataTypes.FLOAT())
                .physicalColumn("dbl", DataTypes.DOUBLE())
                .physicalColumn("price", DataTypes.DECIMAL(10, 2))
                .physicalColumn("name", DataTypes.VARCHAR(20))
                .physicalColumn("utf8", DataTypes.STRING())
                .physicalColumn("day", DataTypes.DATE())
                .physicalColumn("at", DataTypes.TIME(3))
                .physicalColumn("ts", DataTypes.TIMESTAMP(6))
                .physicalColumn("ltz", DataTypes.TIMESTAMP_LTZ(3))
                .physicalColumn("none", DataTypes.STRING())
                .primaryKey("id")
                .build();
        RecordData record = new ObjectRecord(
                1L, true, 7, 1.25f, 3.14159, DecimalData.fromBigDecimal(new BigDecimal("12.34"), 10, 2),
                BinaryStringData.fromString("名字 😀"), BinaryStringData.fromBytes("名字 \"x\"".getBytes(StandardCharsets.UTF_8)),
                19000, 3_600_000, TimestampData.fromMillis(1_700_000_000_123L, 456_000),
                LocalZonedTimestampData.fromEpochMillis(1_700_000_000_123L), null);
        DataChangeEvent event = DataChangeEvent.insertEvent(TABLE, record);
        RowSerializer serializer = serializer(schema, ZoneId.of("+08:00"));
        RowBuffer out = new RowBuffer();
        for (int i = 0; i < 20_000; i++) {
            out.reset();
            serializer.serialize(event, out);
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 10_000; i++) {
            out.reset();
            serializer.serialize(event, out);
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allocated < 10_000, "serializing 10000 rows allocated " + allocated + " bytes");
    }

    private static List<DataType> everyNullableType() {
        return List.of(DataTypes.BOOLEAN(), DataTypes.TINYINT(), DataTypes.SMALLINT(), DataTypes.INT(),
                DataTypes.BIGINT(), DataTypes.FLOAT(), DataTypes.DOUBLE(), DataTypes.DECIMAL(10, 2),
                DataTypes.CHAR(2), DataTypes.VARCHAR(5), DataTypes.STRING(), DataTypes.BINARY(2), DataTypes.BYTES(),
                DataTypes.DATE(), DataTypes.TIME(), DataTypes.TIMESTAMP(3), DataTypes.TIMESTAMP_LTZ(3),
                DataTypes.TIMESTAMP_TZ(3), DataTypes.ARRAY(DataTypes.INT()),
                DataTypes.MAP(DataTypes.STRING(), DataTypes.INT()), DataTypes.ROW(DataTypes.FIELD("a", DataTypes.INT())));
    }

    private static Schema schema(Map<String, DataType> columns, String... keys) {
        Schema.Builder builder = Schema.newBuilder();
        columns.forEach(builder::physicalColumn);
        return builder.primaryKey(keys).build();
    }

    /** As the Flink CDC 3.2.0 MySQL source sends a SET: its text in a binary row, the schema saying ARRAY. */
    @Test
    void writesASetFromABinaryRowAsAJsonArray() throws Exception {
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("tags", DataTypes.ARRAY(DataTypes.STRING()))
                .primaryKey("id")
                .build();
        BinaryRecordDataGenerator asTheSourceWritesIt =
                new BinaryRecordDataGenerator(new DataType[] {DataTypes.INT(), DataTypes.STRING()});
        String[][] cases = {
            {"x,z\u00e7\uD83D\uDE00", "[\"x\",\"z\u00e7\uD83D\uDE00\"]"},
            {"y", "[\"y\"]"},
            {"", "[]"},
            {"a\"b,c\\d", "[\"a\\\"b\",\"c\\\\d\"]"}
        };
        for (String[] c : cases) {
            RecordData record = asTheSourceWritesIt.generate(new Object[] {1, BinaryStringData.fromString(c[0])});
            JsonNode line = single(serialize(schema, UTC, DataChangeEvent.insertEvent(TABLE, record)));
            assertEquals(c[1], line.get("tags").textValue(), c[0]);
            JSON.readTree(line.get("tags").textValue());
        }
    }

    @Test
    void aValueThatCannotBeWrittenNamesTableAndColumn() {
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("scores", DataTypes.ARRAY(DataTypes.INT()))
                .primaryKey("id")
                .build();
        RecordData record = new BinaryRecordDataGenerator(new DataType[] {DataTypes.INT(), DataTypes.STRING()})
                .generate(new Object[] {1, BinaryStringData.fromString("1,2")});
        RowBuffer out = new RowBuffer(8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> serializer(schema, UTC).serialize(DataChangeEvent.insertEvent(TABLE, record), out));
        assertTrue(e.getMessage().startsWith("Cannot write column 'scores' (ARRAY<INT>) of table shop.orders: "
                + "Flink CDC 3.2.0 cannot carry ARRAY<INT> values"), e.getMessage());
        assertEquals(0, out.length());
    }

    private static RowSerializer serializer(Schema schema, ZoneId zone) {
        return new RowSerializer(schema, zone, TargetColumns.sameAsSource(),
                new NonFiniteFloats(NonFiniteFloatPolicy.FAIL, () -> { }));
    }

    private static Schema keyValueSchema(String... keys) {
        Map<String, DataType> columns = new LinkedHashMap<>();
        columns.put("id", DataTypes.INT().notNull());
        columns.put("v", DataTypes.STRING());
        return schema(columns, keys);
    }

    private static RecordData keyValue(Schema schema, int id, String value) {
        return generator(schema).generate(new Object[] {id, BinaryStringData.fromString(value)});
    }

    private static BinaryRecordDataGenerator generator(Schema schema) {
        return new BinaryRecordDataGenerator(schema.getColumnDataTypes().toArray(new DataType[0]));
    }

    private static DataChangeEvent insert(Schema schema, Object[] values) {
        return DataChangeEvent.insertEvent(TABLE, generator(schema).generate(values));
    }

    private static RowBuffer serialize(Schema schema, ZoneId zone, DataChangeEvent event) {
        RowBuffer out = new RowBuffer(8);
        serializer(schema, zone).serialize(event, out);
        return out;
    }

    private static void assertLines(Schema schema, DataChangeEvent event, String... expected) throws Exception {
        RowBuffer out = new RowBuffer();
        assertEquals(expected.length, serializer(schema, UTC).serialize(event, out));
        assertEquals(String.join("\n", expected) + "\n", utf8(out));
        for (String line : lines(out)) {
            JSON.readTree(line);
        }
    }

    private static JsonNode single(RowBuffer out) throws Exception {
        List<String> lines = lines(out);
        assertEquals(1, lines.size(), utf8(out));
        return JSON.readTree(lines.get(0));
    }

    private static List<String> lines(RowBuffer out) throws CharacterCodingException {
        String text = utf8(out);
        assertTrue(text.endsWith("\n"), text);
        List<String> lines = new ArrayList<>();
        Collections.addAll(lines, text.substring(0, text.length() - 1).split("\n", -1));
        return lines;
    }

    /** Strict UTF-8: malformed output fails the test. */
    private static String utf8(RowBuffer out) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(out.array(), 0, out.length()))
                .toString();
    }
}
