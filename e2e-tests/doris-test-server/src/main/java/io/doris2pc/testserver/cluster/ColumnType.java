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

    /** The spelling of type names in load error texts (upper case). */
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

    /**
     * DESC's Type column: FE {@code Type.hideVersionForVersionColumn(true)}, i.e. DATE, DATETIME(p) (no scale when
     * 0) and DECIMAL without their V2/V3 suffixes, every other type as {@link #typeSql} writes it; 2.1 writes
     * {@code DECIMAL(12, 2)} (just {@code DECIMAL} for the default 9, 0), 3.0 {@code decimal(12,2)}.
     */
    public String descType(DorisVersion version) {
        String text;
        switch (kind) {
            case DATE:
                text = "date";
                break;
            case DATETIME:
                text = scale == 0 ? "datetime" : "datetime(" + scale + ")";
                break;
            case DECIMAL:
                if (!version.lowerCaseTypeNames()) {
                    return precision == 9 && scale == 0 ? "DECIMAL" : "DECIMAL(" + precision + ", " + scale + ")";
                }
                return "decimal(" + precision + "," + scale + ")";
            default:
                return typeSql(version);
        }
        return version.lowerCaseTypeNames() ? text : text.toUpperCase(Locale.ROOT);
    }

    /** FE {@code ScalarType.toSql}: upper case with {@code ", "} in 2.1, lower case without the space since 3.0. */
    public String typeSql(DorisVersion version) {
        String separator = version.lowerCaseTypeNames() ? "," : ", ";
        String text;
        switch (kind) {
            case DECIMAL:
                text = "decimalv3(" + precision + separator + scale + ")";
                break;
            case DATE:
                text = "datev2";
                break;
            case DATETIME:
                text = "datetimev2(" + scale + ")";
                break;
            case CHAR:
                text = "char(" + length + ")";
                break;
            case VARCHAR:
                text = "varchar(" + length + ")";
                break;
            case STRING:
                text = "text";
                break;
            case ARRAY:
            case MAP:
            case STRUCT:
                text = complexText;
                break;
            default:
                text = kind.name();
        }
        return version.lowerCaseTypeNames() ? text.toLowerCase(Locale.ROOT) : text.toUpperCase(Locale.ROOT);
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

    /** FE {@code PrimitiveType.toString()}, as schema change refusals name types ("Can not change INT to DECIMAL64"). */
    public String primitiveDescription() {
        return kind == TypeKind.JSON ? "JSON" : primitiveName();
    }

    /**
     * information_schema.COLUMNS.COLUMN_TYPE as the BE writes it (BE {@code schema_columns_scanner.cpp},
     * {@code _type_to_string}, the same at 2.1, 3.0 and master): MySQL display widths for integers, BOOLEAN as
     * {@code tinyint(1)}, {@code decimalv3(12, 2)}, {@code string}.
     */
    public String columnTypeText() {
        switch (kind) {
            case BOOLEAN:
                return "tinyint(1)";
            case TINYINT:
                return "tinyint(4)";
            case SMALLINT:
                return "smallint(6)";
            case INT:
                return "int(11)";
            case BIGINT:
                return "bigint(20)";
            case DECIMAL:
                return "decimalv3(" + precision + ", " + scale + ")";
            case DATETIME:
                return scale == 0 ? "datetime" : "datetime(" + scale + ")";
            case STRING:
                return "string";
            default:
                return toSql();
        }
    }

    /** information_schema.COLUMNS.DATA_TYPE (BE {@code _to_mysql_data_type_string}): MySQL's names. */
    public String dataTypeName() {
        switch (kind) {
            case BOOLEAN:
                return "tinyint";
            case LARGEINT:
                return "bigint unsigned";
            case STRING:
                return "varchar";
            default:
                return kind.name().toLowerCase(Locale.ROOT);
        }
    }

    /** Characters of the type's text form (FE {@code Type.getColumnStringRepSize}); 0 for non-numeric types. */
    int stringRepSize() {
        switch (kind) {
            case TINYINT:
                return 4;
            case SMALLINT:
                return 6;
            case INT:
                return 11;
            case BIGINT:
                return 20;
            case LARGEINT:
                return 40;
            case FLOAT:
                return 24;
            case DOUBLE:
                return 32;
            case DECIMAL:
                return precision + 2;
            case CHAR:
            case VARCHAR:
                return length;
            case STRING:
                return Integer.MAX_VALUE;
            default:
                return 0;
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
