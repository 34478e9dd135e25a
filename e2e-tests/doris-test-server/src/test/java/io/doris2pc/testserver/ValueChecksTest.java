package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A load's refusal (Fail, {@code [DATA_QUALITY_ERROR]}, ErrorURL; BE stream_load.cpp) and type limits: every value is
 * checked against its column as a Doris BE does, over a real Stream Load.
 */
class ValueChecksTest {
    private ServerFixture f = new ServerFixture();

    @BeforeEach
    void createTable() {
        f.server.sql("db", "CREATE TABLE v (id INT NOT NULL, ti TINYINT, si SMALLINT, i INT, bi BIGINT, li LARGEINT, "
                + "d DECIMAL(5,2), dt DATE, ts DATETIME(3), ts0 DATETIME, c CHAR(3), vc VARCHAR(3), vc4 VARCHAR(4), "
                + "s STRING, b BOOLEAN, j JSON, nn VARCHAR(10) NOT NULL DEFAULT 'x') UNIQUE KEY(id) "
                + "DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private JsonNode load(String body, String... headerPairs) throws Exception {
        Map<String, String> headers = new HashMap<>(Map.of("format", "json", "read_json_by_line", "true"));
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return f.http.load("db", "v", headers, body);
    }

    /** Loads {"id":1, column: json} and returns the stored value; fails if the row was filtered. */
    private Object stored(String column, String json, String... headerPairs) throws Exception {
        JsonNode r = load("{\"id\":1,\"" + column + "\":" + json + "}", headerPairs);
        assertEquals("Success", r.get("Status").asText(), column + "=" + json + ": " + r);
        assertEquals(1, r.get("NumberLoadedRows").asLong());
        List<Map<String, Object>> rows = f.server.rows("db", "v");
        assertEquals(1, rows.size());
        return rows.get(0).get(column);
    }

    /** Loads {"id":1, column: json}, which must be filtered; returns the rejected-rows log of its ErrorURL. */
    private String filtered(String column, String json, String... headerPairs) throws Exception {
        JsonNode r = load("{\"id\":1,\"" + column + "\":" + json + "}", headerPairs);
        assertEquals("Fail", r.get("Status").asText(), column + "=" + json + ": " + r);
        assertEquals("[DATA_QUALITY_ERROR]too many filtered rows", r.get("Message").asText());
        assertEquals(1, r.get("NumberFilteredRows").asLong());
        assertTrue(f.server.rows("db", "v").isEmpty());
        return f.http.get(r.get("ErrorURL").asText(), null).body();
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    // ---- text lengths are bytes

    @Test
    void varcharTakesUpToItsLengthInUtf8Bytes() throws Exception {
        assertEquals("abc", stored("vc", quoted("abc")));
        assertEquals("中", stored("vc", quoted("中")));
        assertEquals("éa", stored("vc", quoted("éa")));
        assertEquals("😀", stored("vc4", quoted("😀")));
    }

    @Test
    void varcharRefusesMoreBytesThanItsLengthEvenWithStrictModeOff() throws Exception {
        String log = filtered("vc", quoted("中a"));
        assertTrue(log.contains("column(vc) the length of input is too long than schema"), log);
        assertTrue(log.contains("schema length: 3; actual length: 4"), log);
        filtered("vc", quoted("😀"));
        filtered("vc", quoted("abcd"));
    }

    @Test
    void charLengthIsBytesToo() throws Exception {
        assertEquals("中", stored("c", quoted("中")));
        f.server.sql("db", "TRUNCATE TABLE v");
        filtered("c", quoted("ab中"));
    }

    @Test
    void stringTakesUpTo1MegabyteByDefault() throws Exception {
        String mb = "x".repeat(1024 * 1024);
        assertEquals(mb.length(), ((String) stored("s", quoted(mb))).length());
        f.server.sql("db", "TRUNCATE TABLE v");
        filtered("s", quoted(mb + "x"));
    }

    // ---- numbers

    @ParameterizedTest(name = "{0} holds {1}..{2}")
    @CsvSource({
        "ti, -128, 127, -129, 128",
        "si, -32768, 32767, -32769, 32768",
        "i, -2147483648, 2147483647, -2147483649, 2147483648",
        "bi, -9223372036854775808, 9223372036854775807, -9223372036854775809, 9223372036854775808",
    })
    void integerRanges(String column, long min, long max, String belowMin, String aboveMax) throws Exception {
        assertEquals(min, stored(column, String.valueOf(min)));
        f.server.sql("db", "TRUNCATE TABLE v");
        assertEquals(max, stored(column, quoted(String.valueOf(max))));
        f.server.sql("db", "TRUNCATE TABLE v");
        filtered(column, belowMin, "strict_mode", "true");
        filtered(column, aboveMax, "strict_mode", "true");
    }

    @Test
    void largeIntIs128Bits() throws Exception {
        BigInteger max = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
        assertEquals(max, stored("li", quoted(max.toString())));
        f.server.sql("db", "TRUNCATE TABLE v");
        assertEquals(max.negate().subtract(BigInteger.ONE), stored("li", max.negate().subtract(BigInteger.ONE).toString()));
        f.server.sql("db", "TRUNCATE TABLE v");
        filtered("li", quoted(max.add(BigInteger.ONE).toString()), "strict_mode", "true");
    }

    @Test
    void integerOverflowIsACastFailureThatStrictModeOffTurnsIntoNull() throws Exception {
        assertNull(stored("ti", "128"));
    }

    @Test
    void decimalKeepsItsScaleAndRefusesDigitsBeyondItsPrecision() throws Exception {
        assertEquals(new BigDecimal("999.99"), stored("d", quoted("999.99")));
        f.server.sql("db", "TRUNCATE TABLE v");
        assertEquals(new BigDecimal("-1.20"), stored("d", "-1.2"));
        f.server.sql("db", "TRUNCATE TABLE v");
        assertEquals(new BigDecimal("1.23"), stored("d", quoted("1.234")));
        f.server.sql("db", "TRUNCATE TABLE v");
    }

    @Test
    void decimalBeyondItsPrecisionLoadsClampedAsDorisDoes() throws Exception {
        // util/string_parser.hpp string_to_decimal answers PARSE_OVERFLOW with the type's limit and the cast counts
        // it as parsed (vec/functions/function_cast.h), so the row loads with a value never written (#39864)
        assertEquals(new BigDecimal("999.99"), stored("d", quoted("1000")));
        f.server.sql("db", "TRUNCATE TABLE v");
        assertEquals(new BigDecimal("-999.99"), stored("d", "-123456.7", "strict_mode", "true"));
    }

    @Test
    void decimalBeyondItsPrecisionIsFilteredWhenSwitchedTo() throws Exception {
        f.close();
        f = new ServerFixture(b -> b.decimalOverflowFiltered(true));
        createTable();
        String log = filtered("d", quoted("1000"));
        assertTrue(log.contains("column(d) '1000' is out of range of DECIMAL(5, 2)"), log);
    }

    @Test
    void booleanTakesTrueFalseOneAndZero() throws Exception {
        assertEquals(true, stored("b", "true"));
        f.server.sql("db", "TRUNCATE TABLE v");
        assertEquals(false, stored("b", quoted("0")));
    }

    @Test
    void jsonColumnStoresTheDocument() throws Exception {
        assertEquals("{\"a\":[1,2]}", stored("j", "{\"a\": [1, 2]}"));
    }

    // ---- dates

    @Test
    void dateTakesIsoAndCompactFormsWithinItsRange() throws Exception {
        assertEquals("2024-02-29", stored("dt", quoted("2024-02-29")));
        f.server.sql("db", "TRUNCATE TABLE v");
        assertEquals("2024-01-31", stored("dt", quoted("20240131")));
        f.server.sql("db", "TRUNCATE TABLE v");
        assertEquals("0000-01-01", stored("dt", quoted("0000-01-01")));
        f.server.sql("db", "TRUNCATE TABLE v");
        assertEquals("9999-12-31", stored("dt", quoted("9999-12-31")));
    }

    @Test
    void impossibleDatesAreCastFailures() throws Exception {
        assertNull(stored("dt", quoted("2023-02-29")));
        f.server.sql("db", "TRUNCATE TABLE v");
        filtered("dt", quoted("2023-02-29"), "strict_mode", "true");
        filtered("dt", quoted("10000-01-01"), "strict_mode", "true");
    }

    @Test
    void datetimeKeepsItsPrecisionAndTakesTheTSeparator() throws Exception {
        assertEquals("2024-01-31 23:59:59.123", stored("ts", quoted("2024-01-31 23:59:59.123456")));
        f.server.sql("db", "TRUNCATE TABLE v");
        assertEquals("2024-01-31 10:00:00.000", stored("ts", quoted("2024-01-31T10:00:00")));
        f.server.sql("db", "TRUNCATE TABLE v");
        assertEquals("2024-01-31 10:00:00", stored("ts0", quoted("2024-01-31 10:00:00")));
        f.server.sql("db", "TRUNCATE TABLE v");
        filtered("ts0", quoted("2024-01-31 24:00:00"), "strict_mode", "true");
    }

    // ---- nulls, defaults, unknown fields

    @Test
    void nullIntoNotNullIsFiltered() throws Exception {
        String log = filtered("nn", "null");
        assertTrue(log.contains("column(nn) values is null while columns is not nullable"), log);
    }

    @Test
    void missingNotNullColumnTakesItsDefault() throws Exception {
        assertEquals("a", stored("vc", quoted("a")));
        assertEquals("x", f.server.rows("db", "v").get(0).get("nn"));
    }

    @Test
    void missingNullableColumnsAreNullAndUnknownFieldsAreIgnored() throws Exception {
        JsonNode r = load("{\"id\":1,\"no_such_column\":5}");
        assertEquals("Success", r.get("Status").asText(), r.toString());
        Map<String, Object> row = f.server.rows("db", "v").get(0);
        assertNull(row.get("i"));
        assertNull(row.get("dt"));
        assertFalse(row.containsKey("no_such_column"));
    }

    @Test
    void missingKeyIsFiltered() throws Exception {
        JsonNode r = load("{\"i\":1}");
        assertEquals("Fail", r.get("Status").asText());
    }

    // ---- strict_mode, max_filter_ratio, ErrorURL

    @Test
    void strictModeOffLoadsAnUnconvertibleValueAsNull() throws Exception {
        assertNull(stored("i", quoted("abc")));
    }

    @Test
    void strictModeOnFiltersAnUnconvertibleValue() throws Exception {
        String log = filtered("i", quoted("abc"), "strict_mode", "true");
        assertTrue(log.contains("column(i) value is incorrect while strict mode is true"), log);
        assertTrue(log.contains("src line [{\"id\":1,\"i\":\"abc\"}]"), log);
    }

    @Test
    void maxFilterRatioLetsAShareOfBadRowsThroughAndNamesThemInTheErrorUrl() throws Exception {
        String body = "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n{\"id\":4,\"vc\":\"abcd\"}\n";
        JsonNode ok = load(body, "max_filter_ratio", "0.25");
        assertEquals("Success", ok.get("Status").asText(), ok.toString());
        assertEquals(4, ok.get("NumberTotalRows").asLong());
        assertEquals(3, ok.get("NumberLoadedRows").asLong());
        assertEquals(1, ok.get("NumberFilteredRows").asLong());
        String url = ok.get("ErrorURL").asText();
        assertTrue(url.startsWith("http://127.0.0.1:" + f.server.bePort() + "/api/_load_error_log?file="), url);
        assertTrue(f.http.get(url, null).body().contains("\"id\":4"));
        assertEquals(3, f.server.rows("db", "v").size());
    }

    @Test
    void moreBadRowsThanTheRatioFailTheLoadAndAbortItsTransaction() throws Exception {
        String body = "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n{\"id\":4,\"vc\":\"abcd\"}\n";
        JsonNode r = load(body, "max_filter_ratio", "0.2", "label", "bad", "two_phase_commit", "true");
        assertEquals("Fail", r.get("Status").asText());
        assertEquals("[DATA_QUALITY_ERROR]too many filtered rows", r.get("Message").asText());
        assertEquals(TxnState.ABORTED, f.txn("bad").state());
        assertTrue(f.server.rows("db", "v").isEmpty());
    }

    @Test
    void byDefaultOneBadRowFailsTheWholeLoad() throws Exception {
        JsonNode r = load("{\"id\":1}\n{\"id\":2,\"vc\":\"abcd\"}\n");
        assertEquals("Fail", r.get("Status").asText());
        assertEquals(1, r.get("NumberLoadedRows").asLong());
        assertTrue(f.server.rows("db", "v").isEmpty());
    }

    // ---- JSON parsing headers

    @Test
    void anArrayNeedsStripOuterArray() throws Exception {
        JsonNode refused = f.http.load("db", "v", Map.of("format", "json"), "[{\"id\":1},{\"id\":2}]");
        assertEquals("Fail", refused.get("Status").asText());
        assertTrue(f.http.get(refused.get("ErrorURL").asText(), null).body()
                .contains("JSON data is array-object, `strip_outer_array` must be TRUE."));
        JsonNode ok = f.http.load("db", "v", Map.of("format", "json", "strip_outer_array", "true"), "[{\"id\":1},{\"id\":2}]");
        assertEquals(2, ok.get("NumberLoadedRows").asLong(), ok.toString());
    }

    @Test
    void numAsStringFuzzyParseAndTimezoneAreAccepted() throws Exception {
        // timezone only changes values that carry a zone or come from functions: plain DATETIME text is kept
        assertEquals("2024-01-31 10:00:00",
                stored("ts0", quoted("2024-01-31 10:00:00"), "num_as_string", "true", "fuzzy_parse", "true",
                        "timezone", "Asia/Shanghai"));
    }
}
