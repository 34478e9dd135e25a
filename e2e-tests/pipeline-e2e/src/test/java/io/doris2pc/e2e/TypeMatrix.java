package io.doris2pc.e2e;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * MySQL columns of every type the MySQL pipeline source maps, each with the values worth testing (limits, special
 * values, NULL) and the value Doris must then hold, in the Doris test server's Java form (Long, BigDecimal at the
 * column's scale, Double, Boolean, String). Row {@code i} holds the {@code i}-th value of every column, NULL
 * where a column has fewer values (its last value again if it is NOT NULL); the last row is NULL wherever the
 * column allows it.
 */
final class TypeMatrix {

    /**
     * A MySQL literal and what Doris holds after it went through the pipeline, from the snapshot and from the
     * binlog (the same, except where the source converts the two differently).
     */
    static final class Value {
        final String literal;
        final Object fromSnapshot;
        final Object fromBinlog;

        Value(String literal, Object fromSnapshot, Object fromBinlog) {
            this.literal = literal;
            this.fromSnapshot = fromSnapshot;
            this.fromBinlog = fromBinlog;
        }

        Object expected(boolean binlog) {
            return binlog ? fromBinlog : fromSnapshot;
        }
    }

    /** One column of the MySQL table. */
    static final class TypeCase {
        final String column;
        final String mysqlType;
        final List<Value> values;

        TypeCase(String column, String mysqlType, Value... values) {
            this.column = column;
            this.mysqlType = mysqlType;
            this.values = Arrays.asList(values);
        }

        /** The row's value; past the last one NULL, or the last value again in a NOT NULL column. */
        Value at(int row) {
            if (row < values.size()) {
                return values.get(row);
            }
            return mysqlType.contains("NOT NULL") ? values.get(values.size() - 1) : NULL;
        }
    }

    static final Value NULL = new Value("NULL", null, null);

    private static final String EMOJI = "\uD83D\uDE00";
    private static final String CLEF = "\uD834\uDD1E";

    final List<TypeCase> cases;

    TypeMatrix(List<TypeCase> cases) {
        this.cases = cases;
    }

    int rowCount() {
        return cases.stream().mapToInt(c -> c.values.size()).max().orElse(0) + 1;
    }

    String createTable(String table) {
        return "CREATE TABLE " + table + " (id INT NOT NULL PRIMARY KEY, "
                + cases.stream().map(c -> c.column + " " + c.mysqlType).collect(Collectors.joining(", "))
                + ") DEFAULT CHARSET=utf8mb4";
    }

    /** INSERT statements of rows {@code firstId, firstId + 1, ...}. */
    List<String> inserts(String table, int firstId) {
        List<String> statements = new ArrayList<>();
        for (int row = 0; row < rowCount(); row++) {
            int r = row;
            statements.add("INSERT INTO " + table + " VALUES (" + (firstId + row) + ", "
                    + cases.stream().map(c -> c.at(r).literal).collect(Collectors.joining(", ")) + ")");
        }
        return statements;
    }

    static Value v(String literal, Object expected) {
        return new Value(literal, expected, expected);
    }

    /** A value the Flink CDC 3.2.0 MySQL source converts differently in the snapshot and in the binlog. */
    static Value v(String literal, Object fromSnapshot, Object fromBinlog) {
        return new Value(literal, fromSnapshot, fromBinlog);
    }

    static Value same(long value) {
        return v(Long.toString(value), value);
    }

    static Value text(String value) {
        return v("'" + value + "'", value);
    }

    static BigDecimal dec(String text) {
        return new BigDecimal(text);
    }

    static String emojis(int n) {
        return EMOJI.repeat(n);
    }

    static String clefs(int n) {
        return CLEF.repeat(n);
    }
}
