package io.doris2pc.testserver.cluster;

import io.doris2pc.testserver.DorisSqlException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A column type with its parameters, parsed from DDL and checked against Doris's limits. */
public final class ColumnType {
    public static final int MAX_VARCHAR_BYTES = 65533;
    public static final int MAX_CHAR_BYTES = 255;
    public static final int MAX_STRING_BYTES = 1024 * 1024;

    private static final Pattern SIMPLE = Pattern.compile("(?i)\\s*([a-z0-9_]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    private final TypeKind kind;
    private final int length;
    private final int precision;
    private final int scale;
    private final String complexText;

    private ColumnType(TypeKind kind, int length, int precision, int scale, String complexText) {
        this.kind = kind;
        this.length = length;
        this.precision = precision;
        this.scale = scale;
        this.complexText = complexText;
    }

    /** Parses a DDL type such as {@code VARCHAR(10)}, {@code DECIMALV3(10, 2)}, {@code DATETIMEV2(6)}. */
    public static ColumnType parse(String text) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        for (TypeKind complex : new TypeKind[] {TypeKind.ARRAY, TypeKind.MAP, TypeKind.STRUCT}) {
            if (upper.startsWith(complex.name() + "<")) {
                return new ColumnType(complex, 0, 0, 0, upper.replaceAll("\\s+", ""));
            }
        }
        Matcher m = SIMPLE.matcher(upper);
        if (!m.matches()) {
            throw new DorisSqlException("Unknown data type: " + text.trim());
        }
        String name = m.group(1);
        Integer a = m.group(2) != null ? Integer.valueOf(m.group(2)) : null;
        Integer b = m.group(3) != null ? Integer.valueOf(m.group(3)) : null;
        switch (name) {
            case "BOOLEAN":
            case "BOOL":
                return plain(TypeKind.BOOLEAN, a);
            case "TINYINT":
                return plain(TypeKind.TINYINT, a);
            case "SMALLINT":
                return plain(TypeKind.SMALLINT, a);
            case "INT":
            case "INTEGER":
                return plain(TypeKind.INT, a);
            case "BIGINT":
                return plain(TypeKind.BIGINT, a);
            case "LARGEINT":
                return plain(TypeKind.LARGEINT, a);
            case "FLOAT":
                return plain(TypeKind.FLOAT, a);
            case "DOUBLE":
                return plain(TypeKind.DOUBLE, a);
            case "DECIMAL":
            case "DECIMALV3":
            case "DECIMALV2":
                return decimal(a == null ? 9 : a, b == null ? 0 : b);
            case "DATE":
            case "DATEV2":
                return plain(TypeKind.DATE, a);
            case "DATETIME":
            case "DATETIMEV2":
                int p = a == null ? 0 : a;
                if (p > 6 || b != null) {
                    throw new DorisSqlException("Scale of Datetime/Time must between 0 and 6. Scale was set to: " + p);
                }
                return new ColumnType(TypeKind.DATETIME, 0, 0, p, null);
            case "CHAR":
                int c = a == null ? 1 : a;
                if (c < 1 || c > MAX_CHAR_BYTES) {
                    throw new DorisSqlException("Char size must be between 1 and " + MAX_CHAR_BYTES + ". Size was set to: " + c);
                }
                return new ColumnType(TypeKind.CHAR, c, 0, 0, null);
            case "VARCHAR":
                int v = a == null ? MAX_VARCHAR_BYTES : a;
                if (v < 1 || v > MAX_VARCHAR_BYTES) {
                    throw new DorisSqlException("varchar size must be between 1 and " + MAX_VARCHAR_BYTES + ". Size was set to: " + v);
                }
                return new ColumnType(TypeKind.VARCHAR, v, 0, 0, null);
            case "STRING":
            case "TEXT":
                return plain(TypeKind.STRING, a);
            case "JSON":
            case "JSONB":
                return plain(TypeKind.JSON, a);
            default:
                throw new DorisSqlException("Unknown data type: " + text.trim());
        }
    }

    private static ColumnType plain(TypeKind kind, Integer param) {
        if (param != null && kind != TypeKind.INT && kind != TypeKind.BIGINT && kind != TypeKind.TINYINT
                && kind != TypeKind.SMALLINT) {
            throw new DorisSqlException("Unknown data type: " + kind + "(" + param + ")");
        }
        return new ColumnType(kind, 0, 0, 0, null);
    }

    private static ColumnType decimal(int precision, int scale) {
        if (precision < 1 || precision > 38) {
            throw new DorisSqlException("Precision of decimal must between 1 and 38. Precision was set to: " + precision + ".");
        }
        if (scale < 0 || scale > precision) {
            throw new DorisSqlException("Scale of decimal must between 0 and precision. Scale was set to: " + scale + ".");
        }
        return new ColumnType(TypeKind.DECIMAL, 0, precision, scale, null);
    }

    public TypeKind kind() {
        return kind;
    }

    /** Byte length of CHAR and VARCHAR. */
    public int length() {
        return length;
    }

    public int precision() {
        return precision;
    }

    /** Scale of DECIMAL; fractional digits of DATETIME. */
    public int scale() {
        return scale;
    }

    /** FLOAT, DOUBLE, STRING, JSON and complex types cannot be key columns. */
    public String keyRefusal(String column) {
        switch (kind) {
            case FLOAT:
            case DOUBLE:
                return "Float or double can not used as a key, use decimal instead.";
            case STRING:
                return "String Type should not be used in key column[" + column + "].";
            case JSON:
                return "JSONB type should not be used in key column[" + column + "].";
            case ARRAY:
            case MAP:
            case STRUCT:
                return kind.name().charAt(0) + kind.name().substring(1).toLowerCase(Locale.ROOT)
                        + " can only be used in the non-key column of the duplicate table at present.";
            default:
                return null;
        }
    }

    /** The SQL spelling, as SHOW CREATE TABLE and information_schema write it (lower case). */
    public String toSql() {
        switch (kind) {
            case DECIMAL:
                return "decimal(" + precision + "," + scale + ")";
            case DATETIME:
                return scale == 0 ? "datetime" : "datetime(" + scale + ")";
            case CHAR:
                return "char(" + length + ")";
            case VARCHAR:
                return "varchar(" + length + ")";
            case STRING:
                return "text";
            case ARRAY:
            case MAP:
            case STRUCT:
                return complexText.toLowerCase(Locale.ROOT);
            default:
                return kind.name().toLowerCase(Locale.ROOT);
        }
    }

    /** The spelling of DESC's Type column (upper case). */
    public String toDescType() {
        switch (kind) {
            case DECIMAL:
                return "DECIMAL(" + precision + ", " + scale + ")";
            case DATETIME:
                return "DATETIME(" + scale + ")";
            case CHAR:
                return "CHAR(" + length + ")";
            case VARCHAR:
                return "VARCHAR(" + length + ")";
            case ARRAY:
            case MAP:
            case STRUCT:
                return complexText;
            default:
                return kind.name();
        }
    }

    /** The primitive type name of the {@code _schema} endpoint (no length; DECIMAL by storage width). */
    public String primitiveName() {
        switch (kind) {
            case DECIMAL:
                return precision <= 9 ? "DECIMAL32" : precision <= 18 ? "DECIMAL64" : "DECIMAL128";
            case DATE:
                return "DATEV2";
            case DATETIME:
                return "DATETIMEV2";
            case JSON:
                return "JSONB";
            default:
                return kind.name();
        }
    }

    /** The lower-case type name of information_schema.COLUMNS.DATA_TYPE. */
    public String dataTypeName() {
        switch (kind) {
            case STRING:
                return "text";
            default:
                return kind.name().toLowerCase(Locale.ROOT);
        }
    }

    /** Storage bytes, used to choose default sort keys of a DUPLICATE table. */
    int storageBytes() {
        switch (kind) {
            case BOOLEAN:
            case TINYINT:
                return 1;
            case SMALLINT:
                return 2;
            case INT:
            case DATE:
            case FLOAT:
                return 4;
            case BIGINT:
            case DATETIME:
            case DOUBLE:
                return 8;
            case LARGEINT:
                return 16;
            case DECIMAL:
                return precision <= 9 ? 4 : precision <= 18 ? 8 : 16;
            default:
                return length;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnType && toSql().equals(((ColumnType) o).toSql());
    }

    @Override
    public int hashCode() {
        return toSql().hashCode();
    }

    @Override
    public String toString() {
        return toSql();
    }
}
