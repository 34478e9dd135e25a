package io.doris2pc.connector.schema;

import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.cdc.common.types.DataTypeChecks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The DEFAULT clause of a column, from the source's default expression. Only literals Doris accepts for the
 * column's Doris type are kept, and CURRENT_TIMESTAMP for DATETIME; anything else (functions, MySQL zero dates,
 * defaults of STRING or JSON-text columns) is left out rather than failing the DDL.
 */
final class DorisDefaultValue {

    private static final Pattern CURRENT_TIMESTAMP =
            Pattern.compile("(?i)(CURRENT_TIMESTAMP|NOW|LOCALTIMESTAMP)(\\s*\\(\\s*\\d*\\s*\\))?");
    private static final DateTimeFormatter DATETIME =
            new DateTimeFormatterBuilder()
                    .appendPattern("uuuu-MM-dd HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .toFormatter(Locale.ROOT);

    private DorisDefaultValue() {}

    /** {@code DEFAULT ...} for the column, or empty when Doris would not take the source's default. */
    static Optional<String> clause(DataType type, String dorisType, String expression) {
        if (expression == null) {
            return Optional.empty();
        }
        String value = expression.trim();
        if (value.isEmpty() && !isCharacter(type)) {
            return Optional.empty();
        }
        if (value.equalsIgnoreCase("NULL")) {
            return Optional.empty();
        }
        return literal(type, dorisType, isCharacter(type) ? expression : value).map(v -> "DEFAULT " + v);
    }

    private static Optional<String> literal(DataType type, String dorisType, String value) {
        try {
            switch (type.getTypeRoot()) {
                case BOOLEAN:
                    return bool(value);
                case TINYINT:
                    return integer(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
                case SMALLINT:
                    return integer(value, Short.MIN_VALUE, Short.MAX_VALUE);
                case INTEGER:
                    return integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case BIGINT:
                    return integer(value, Long.MIN_VALUE, Long.MAX_VALUE);
                case FLOAT:
                case DOUBLE:
                    return Double.isFinite(Double.parseDouble(value)) ? quoted(value) : Optional.empty();
                case DECIMAL:
                    return decimal(type, value);
                case CHAR:
                case VARCHAR:
                    return dorisType.startsWith("STRING") ? Optional.empty() : quoted(value);
                case DATE:
                    LocalDate.parse(value);
                    return quoted(value);
                case TIMESTAMP_WITHOUT_TIME_ZONE:
                    if (CURRENT_TIMESTAMP.matcher(value).matches()) {
                        return currentTimestamp(type);
                    }
                    LocalDateTime.parse(value, DATETIME);
                    return quoted(value);
                case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                case TIMESTAMP_WITH_TIME_ZONE:
                    return CURRENT_TIMESTAMP.matcher(value).matches() ? currentTimestamp(type) : Optional.empty();
                default:
                    return Optional.empty();
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static boolean isCharacter(DataType type) {
        switch (type.getTypeRoot()) {
            case CHAR:
            case VARCHAR:
                return true;
            default:
                return false;
        }
    }

    private static Optional<String> bool(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "1":
            case "true":
            case "b'1'":
                return quoted("true");
            case "0":
            case "false":
            case "b'0'":
                return quoted("false");
            default:
                return Optional.empty();
        }
    }

    private static Optional<String> integer(String value, long min, long max) {
        long parsed = Long.parseLong(value);
        return parsed >= min && parsed <= max ? quoted(Long.toString(parsed)) : Optional.empty();
    }

    private static Optional<String> decimal(DataType type, String value) {
        BigDecimal exact = new BigDecimal(value).setScale(DataTypeChecks.getScale(type), RoundingMode.UNNECESSARY);
        return exact.precision() <= DataTypeChecks.getPrecision(type)
                ? quoted(exact.toPlainString())
                : Optional.empty();
    }

    private static Optional<String> currentTimestamp(DataType type) {
        int precision = Math.min(DataTypeChecks.getPrecision(type), DorisTypeMapper.MAX_DATETIME_PRECISION);
        return Optional.of(precision == 0 ? "CURRENT_TIMESTAMP" : "CURRENT_TIMESTAMP(" + precision + ")");
    }

    private static Optional<String> quoted(String value) {
        return Optional.of(DorisIdentifiers.stringLiteral(value));
    }
}
