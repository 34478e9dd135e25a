package io.doris2pc.connector.schema;

import io.doris2pc.connector.config.VarcharPolicy;

import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.cdc.common.types.DataTypeChecks;

import java.io.Serializable;

/**
 * Flink CDC types to Doris column types, within Doris's limits: VARCHAR counts bytes (1..65533), CHAR at most 255
 * bytes, DATETIME at most 6 fractional digits. Types Doris has no column for become
 * text: TIME as {@code HH:mm:ss[.f]}, BINARY as base64, ARRAY/MAP/ROW as JSON.
 *
 * <p>Types carry no NULL/NOT NULL here: {@link DorisDdl} writes the column's nullability next to them.
 *
 * <p>Key columns: Doris refuses FLOAT, DOUBLE, STRING, JSON and complex types as keys. A key that would be STRING
 * becomes VARCHAR(65533), the longest key Doris allows; FLOAT, DOUBLE and complex keys are refused.
 */
public final class DorisTypeMapper implements Serializable {

    private static final long serialVersionUID = 1L;

    static final int MAX_VARCHAR_BYTES = 65533;
    static final int MAX_CHAR_BYTES = 255;
    static final int MAX_DATETIME_PRECISION = 6;
    /** {@code HH:mm:ss.fffffffff}: the longest text a TIME value is written as. */
    static final String TIME_TYPE = "VARCHAR(18)";

    private static final String STRING = "STRING";
    private static final String LONGEST_KEY_VARCHAR = "VARCHAR(" + MAX_VARCHAR_BYTES + ")";

    private final VarcharPolicy policy;

    public DorisTypeMapper(VarcharPolicy policy) {
        this.policy = policy;
    }

    /** The Doris type of a value column, e.g. {@code VARCHAR(80)}, without NULL/NOT NULL. */
    public String toDorisType(DataType type) {
        switch (type.getTypeRoot()) {
            case BOOLEAN:
                return "BOOLEAN";
            case TINYINT:
                return "TINYINT";
            case SMALLINT:
                return "SMALLINT";
            case INTEGER:
                return "INT";
            case BIGINT:
                return "BIGINT";
            case FLOAT:
                return "FLOAT";
            case DOUBLE:
                return "DOUBLE";
            case DECIMAL:
                // Flink CDC's DECIMAL holds at most 38 digits, as Doris's; the MySQL source maps wider ones to STRING.
                return "DECIMAL(" + DataTypeChecks.getPrecision(type) + "," + DataTypeChecks.getScale(type) + ")";
            case CHAR:
                return charType(DataTypeChecks.getLength(type));
            case VARCHAR:
                return varcharType(DataTypeChecks.getLength(type));
            case BINARY:
            case VARBINARY:
                return STRING;
            case DATE:
                return "DATE";
            case TIME_WITHOUT_TIME_ZONE:
                return TIME_TYPE;
            case TIMESTAMP_WITHOUT_TIME_ZONE:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP_WITH_TIME_ZONE:
                return "DATETIME(" + Math.min(DataTypeChecks.getPrecision(type), MAX_DATETIME_PRECISION) + ")";
            case ARRAY:
            case MAP:
            case ROW:
                return STRING;
            default:
                throw new IllegalArgumentException("Doris has no column type for " + type);
        }
    }

    /**
     * The Doris type of a key column, without NULL/NOT NULL.
     *
     * @throws IllegalArgumentException for FLOAT, DOUBLE, ARRAY, MAP and ROW, which Doris refuses as keys
     */
    public String toDorisKeyType(DataType type) {
        switch (type.getTypeRoot()) {
            case FLOAT:
            case DOUBLE:
            case ARRAY:
            case MAP:
            case ROW:
                throw new IllegalArgumentException(
                        "Doris does not allow a " + type.getTypeRoot()
                                + " key column (FLOAT, DOUBLE, STRING, JSON and complex types cannot be keys)");
            default:
                String dorisType = toDorisType(type);
                return STRING.equals(dorisType) ? LONGEST_KEY_VARCHAR : dorisType;
        }
    }

    private String charType(int characters) {
        if (policy == VarcharPolicy.STRING) {
            return STRING;
        }
        long bytes = (long) characters * policy.bytesPerCharacter();
        if (bytes <= MAX_CHAR_BYTES) {
            return "CHAR(" + Math.max(bytes, 1) + ")";
        }
        return bytes <= MAX_VARCHAR_BYTES ? "VARCHAR(" + bytes + ")" : STRING;
    }

    private String varcharType(int characters) {
        if (policy == VarcharPolicy.STRING) {
            return STRING;
        }
        long bytes = (long) characters * policy.bytesPerCharacter();
        return bytes <= MAX_VARCHAR_BYTES ? "VARCHAR(" + Math.max(bytes, 1) + ")" : STRING;
    }
}
