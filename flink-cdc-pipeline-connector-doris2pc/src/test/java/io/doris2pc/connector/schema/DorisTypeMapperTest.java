package io.doris2pc.connector.schema;

import io.doris2pc.connector.config.VarcharPolicy;

import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.cdc.common.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DorisTypeMapperTest {

    private final DorisTypeMapper utf8mb4 = new DorisTypeMapper(VarcharPolicy.UTF8MB4);
    private final DorisTypeMapper utf8 = new DorisTypeMapper(VarcharPolicy.UTF8);
    private final DorisTypeMapper string = new DorisTypeMapper(VarcharPolicy.STRING);

    /** type, UTF8MB4 value column, UTF8 value column, STRING-policy value column, UTF8MB4 key column. */
    static Stream<Arguments> everyType() {
        return Stream.of(
                row(DataTypes.BOOLEAN(), "BOOLEAN", "BOOLEAN", "BOOLEAN", "BOOLEAN"),
                row(DataTypes.TINYINT(), "TINYINT", "TINYINT", "TINYINT", "TINYINT"),
                row(DataTypes.SMALLINT(), "SMALLINT", "SMALLINT", "SMALLINT", "SMALLINT"),
                row(DataTypes.INT(), "INT", "INT", "INT", "INT"),
                row(DataTypes.BIGINT(), "BIGINT", "BIGINT", "BIGINT", "BIGINT"),
                row(DataTypes.FLOAT(), "FLOAT", "FLOAT", "FLOAT", null),
                row(DataTypes.DOUBLE(), "DOUBLE", "DOUBLE", "DOUBLE", null),
                row(DataTypes.DECIMAL(10, 2), "DECIMAL(10,2)", "DECIMAL(10,2)", "DECIMAL(10,2)", "DECIMAL(10,2)"),
                row(DataTypes.DECIMAL(20, 0), "DECIMAL(20,0)", "DECIMAL(20,0)", "DECIMAL(20,0)", "DECIMAL(20,0)"),
                row(DataTypes.DECIMAL(38, 10), "DECIMAL(38,10)", "DECIMAL(38,10)", "DECIMAL(38,10)", "DECIMAL(38,10)"),
                row(DataTypes.CHAR(1), "CHAR(4)", "CHAR(3)", "STRING", "CHAR(4)"),
                row(DataTypes.CHAR(63), "CHAR(252)", "CHAR(189)", "STRING", "CHAR(252)"),
                row(DataTypes.CHAR(64), "VARCHAR(256)", "CHAR(192)", "STRING", "VARCHAR(256)"),
                row(DataTypes.CHAR(85), "VARCHAR(340)", "CHAR(255)", "STRING", "VARCHAR(340)"),
                row(DataTypes.CHAR(255), "VARCHAR(1020)", "VARCHAR(765)", "STRING", "VARCHAR(1020)"),
                row(DataTypes.VARCHAR(1), "VARCHAR(4)", "VARCHAR(3)", "STRING", "VARCHAR(4)"),
                row(DataTypes.VARCHAR(255), "VARCHAR(1020)", "VARCHAR(765)", "STRING", "VARCHAR(1020)"),
                row(DataTypes.VARCHAR(16383), "VARCHAR(65532)", "VARCHAR(49149)", "STRING", "VARCHAR(65532)"),
                row(DataTypes.VARCHAR(16384), "STRING", "VARCHAR(49152)", "STRING", "VARCHAR(65533)"),
                row(DataTypes.VARCHAR(21844), "STRING", "VARCHAR(65532)", "STRING", "VARCHAR(65533)"),
                row(DataTypes.VARCHAR(21845), "STRING", "STRING", "STRING", "VARCHAR(65533)"),
                row(DataTypes.STRING(), "STRING", "STRING", "STRING", "VARCHAR(65533)"),
                row(DataTypes.BINARY(16), "STRING", "STRING", "STRING", "VARCHAR(65533)"),
                row(DataTypes.VARBINARY(100), "STRING", "STRING", "STRING", "VARCHAR(65533)"),
                row(DataTypes.BYTES(), "STRING", "STRING", "STRING", "VARCHAR(65533)"),
                row(DataTypes.DATE(), "DATE", "DATE", "DATE", "DATE"),
                row(DataTypes.TIME(), "VARCHAR(18)", "VARCHAR(18)", "VARCHAR(18)", "VARCHAR(18)"),
                row(DataTypes.TIME(6), "VARCHAR(18)", "VARCHAR(18)", "VARCHAR(18)", "VARCHAR(18)"),
                row(DataTypes.TIMESTAMP(0), "DATETIME(0)", "DATETIME(0)", "DATETIME(0)", "DATETIME(0)"),
                row(DataTypes.TIMESTAMP(3), "DATETIME(3)", "DATETIME(3)", "DATETIME(3)", "DATETIME(3)"),
                row(DataTypes.TIMESTAMP(6), "DATETIME(6)", "DATETIME(6)", "DATETIME(6)", "DATETIME(6)"),
                row(DataTypes.TIMESTAMP(9), "DATETIME(6)", "DATETIME(6)", "DATETIME(6)", "DATETIME(6)"),
                row(DataTypes.TIMESTAMP_LTZ(3), "DATETIME(3)", "DATETIME(3)", "DATETIME(3)", "DATETIME(3)"),
                row(DataTypes.TIMESTAMP_LTZ(9), "DATETIME(6)", "DATETIME(6)", "DATETIME(6)", "DATETIME(6)"),
                row(DataTypes.TIMESTAMP_TZ(2), "DATETIME(2)", "DATETIME(2)", "DATETIME(2)", "DATETIME(2)"),
                row(DataTypes.ARRAY(DataTypes.STRING()), "STRING", "STRING", "STRING", null),
                row(DataTypes.MAP(DataTypes.STRING(), DataTypes.INT()), "STRING", "STRING", "STRING", null),
                row(DataTypes.ROW(DataTypes.FIELD("a", DataTypes.INT())), "STRING", "STRING", "STRING", null));
    }

    private static Arguments row(DataType type, String utf8mb4, String utf8, String string, String key) {
        return Arguments.of(type, utf8mb4, utf8, string, key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void mapsEveryTypeTheSourceEmits(DataType type, String utf8mb4Type, String utf8Type, String stringType, String keyType) {
        assertEquals(utf8mb4Type, utf8mb4.toDorisType(type));
        assertEquals(utf8Type, utf8.toDorisType(type));
        assertEquals(stringType, string.toDorisType(type));
        if (keyType == null) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> utf8mb4.toDorisKeyType(type));
            assertTrue(e.getMessage().contains(type.getTypeRoot().name()), e.getMessage());
        } else {
            assertEquals(keyType, utf8mb4.toDorisKeyType(type));
        }
    }

    @Test
    void stringPolicyKeysAreTheLongestVarchar() {
        assertEquals("VARCHAR(65533)", string.toDorisKeyType(DataTypes.VARCHAR(10)));
        assertEquals("VARCHAR(65533)", string.toDorisKeyType(DataTypes.CHAR(10)));
    }

    @Test
    void refusesFloatingAndComplexKeys() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> utf8mb4.toDorisKeyType(DataTypes.DOUBLE()));
        assertEquals(
                "Doris does not allow a DOUBLE key column (FLOAT, DOUBLE, STRING, JSON and complex types cannot be keys)",
                e.getMessage());
    }
}
