package io.doris2pc.testserver.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.doris2pc.testserver.cluster.Converted.Problem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server checks loaded values as strictly as a Doris BE: a lenient test double would let
 * a sink bug through. Each limit is tested on both sides. "Does not fit" is always a filtered row; "not
 * convertible" becomes NULL unless strict mode is on.
 */
class ValueConverterTest {

    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void varcharAndCharCountBytesNotCharacters() {
        assertFits("VARCHAR(8)", text(EMOJI + EMOJI), EMOJI + EMOJI);
        assertProblem("VARCHAR(8)", text(EMOJI + EMOJI + "a"), Problem.DOES_NOT_FIT,
                "schema length: 8; actual length: 9");
        assertFits("CHAR(3)", text("\u4e2d"), "\u4e2d");
        assertProblem("CHAR(3)", text("\u4e2da"), Problem.DOES_NOT_FIT, "actual length: 4");
        assertProblem("STRING", text("x".repeat(ColumnType.MAX_STRING_BYTES + 1)), Problem.DOES_NOT_FIT,
                "schema length: " + ColumnType.MAX_STRING_BYTES);
    }

    @Test
    void integersStayWithinTheirTypeIncludingLargeInt() {
        // Doris treats an integer out of its type's range as a failed cast (NULL unless strict mode), like "aaa".
        assertFits("TINYINT", text("-128"), -128L);
        assertProblem("TINYINT", text("128"), Problem.NOT_CONVERTIBLE, "out of range of TINYINT");
        assertFits("SMALLINT", new LongNode(32767), 32767L);
        assertProblem("SMALLINT", new LongNode(-32769), Problem.NOT_CONVERTIBLE, "out of range");
        assertFits("INT", text(String.valueOf(Integer.MIN_VALUE)), (long) Integer.MIN_VALUE);
        assertProblem("INT", text("2147483648"), Problem.NOT_CONVERTIBLE, "out of range");
        assertFits("BIGINT", text(String.valueOf(Long.MAX_VALUE)), Long.MAX_VALUE);
        assertProblem("BIGINT", text("18446744073709551615"), Problem.NOT_CONVERTIBLE, "out of range of BIGINT");
        BigInteger largeIntMax = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
        assertFits("LARGEINT", new BigIntegerNode(largeIntMax), largeIntMax);
        assertFits("LARGEINT", text("18446744073709551615"), new BigInteger("18446744073709551615"));
        assertProblem("LARGEINT", new BigIntegerNode(largeIntMax.add(BigInteger.ONE)), Problem.NOT_CONVERTIBLE,
                "out of range of LARGEINT");
        assertProblem("INT", text("1.5"), Problem.NOT_CONVERTIBLE, "not a valid INT");
        assertProblem("INT", text("twelve"), Problem.NOT_CONVERTIBLE, "not a valid INT");
    }

    @Test
    void decimalsKeepTheirPrecisionAndScale() {
        assertFits("DECIMAL(38,10)", text("9999999999999999999999999999.9999999999"),
                new BigDecimal("9999999999999999999999999999.9999999999"));
        assertProblem("DECIMAL(38,10)", text("10000000000000000000000000000"), Problem.DOES_NOT_FIT,
                "out of range of DECIMAL(38, 10)");
        assertFits("DECIMAL(5,2)", text("1"), new BigDecimal("1.00"));
        assertProblem("DECIMAL(5,2)", text("1000.00"), Problem.DOES_NOT_FIT, "out of range of DECIMAL(5, 2)");
        assertProblem("DECIMAL(5,2)", text("999.995"), Problem.DOES_NOT_FIT, "out of range");
        assertFits("DECIMAL(20,0)", text("18446744073709551615"), new BigDecimal("18446744073709551615"));
        assertProblem("DECIMAL(5,2)", text("1,5"), Problem.NOT_CONVERTIBLE, "not a valid decimal");
    }

    @Test
    void datesAndDateTimesAreReadInDorisRange() {
        assertFits("DATE", text("0000-01-01"), "0000-01-01");
        assertFits("DATE", text("9999-12-31"), "9999-12-31");
        assertProblem("DATE", text("10000-01-01"), Problem.NOT_CONVERTIBLE, "not a valid DATE");
        assertProblem("DATE", text("-0001-01-01"), Problem.NOT_CONVERTIBLE, "not a valid DATE");
        assertProblem("DATE", text("0000-00-00"), Problem.NOT_CONVERTIBLE, "not a valid DATE");
        assertProblem("DATE", text("2023-02-29"), Problem.NOT_CONVERTIBLE, "not a valid DATE");
        assertFits("DATETIME(6)", text("9999-12-31 23:59:59.999999"), "9999-12-31 23:59:59.999999");
        assertFits("DATETIME(6)", text("0000-01-01 00:00:00"), "0000-01-01 00:00:00.000000");
        assertFits("DATETIME", text("2024-02-29 12:34:56"), "2024-02-29 12:34:56");
        assertProblem("DATETIME(6)", text("2024-01-01 24:00:00"), Problem.NOT_CONVERTIBLE, "not a valid DATETIME");
        assertProblem("DATETIME(6)", text("838:59:59"), Problem.NOT_CONVERTIBLE, "not a valid DATETIME");
    }

    @Test
    void nonFiniteAndOverflowingFloatingPointValuesAreCastFailures() {
        // vec/io/io_helper.h read_float_text_fast_impl refuses them: NULL without strict mode, filtered with it
        assertFits("DOUBLE", text("1.7976931348623157E308"), Double.MAX_VALUE);
        assertProblem("DOUBLE", text("NaN"), Problem.NOT_CONVERTIBLE, "not a valid DOUBLE");
        assertProblem("DOUBLE", text("-Infinity"), Problem.NOT_CONVERTIBLE, "not a valid DOUBLE");
        assertProblem("FLOAT", text("3.5e38"), Problem.NOT_CONVERTIBLE, "not a valid FLOAT");
    }

    private static JsonNode text(String value) {
        return TextNode.valueOf(value);
    }

    private static void assertFits(String type, JsonNode value, Object expected) {
        Converted converted = ValueConverter.convert(ColumnType.parse(type), value);
        assertEquals(Problem.NONE, converted.problem(), type + " " + value + ": " + converted.reason());
        assertEquals(expected, converted.value(), type + " " + value);
    }

    private static void assertProblem(String type, JsonNode value, Problem problem, String reasonPart) {
        Converted converted = ValueConverter.convert(ColumnType.parse(type), value);
        assertEquals(problem, converted.problem(), type + " " + abbreviated(value));
        assertTrue(converted.reason().contains(reasonPart), converted.reason());
    }

    private static String abbreviated(JsonNode value) {
        String text = value.asText();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
