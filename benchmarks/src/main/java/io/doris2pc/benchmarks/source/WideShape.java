package io.doris2pc.benchmarks.source;

import org.apache.flink.cdc.common.data.DecimalData;
import org.apache.flink.cdc.common.data.binary.BinaryStringData;
import org.apache.flink.cdc.common.data.TimestampData;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataTypes;

import java.math.BigDecimal;

/** A wide table: a BIGINT key and 29 columns of the types a MySQL source most often produces, some NULL. */
final class WideShape implements TableShape {
    private static final long serialVersionUID = 1L;
    /** 2024-01-01T00:00:00Z in milliseconds. */
    private static final long EPOCH_2024 = 1_704_067_200_000L;
    private static final String TEXT =
            "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. ";

    @Override
    public Schema schema() {
        return Schema.newBuilder()
                .physicalColumn("id", DataTypes.BIGINT().notNull())
                .physicalColumn("c_tinyint", DataTypes.TINYINT())
                .physicalColumn("c_smallint", DataTypes.SMALLINT())
                .physicalColumn("c_int", DataTypes.INT())
                .physicalColumn("c_bigint", DataTypes.BIGINT())
                .physicalColumn("c_boolean", DataTypes.BOOLEAN())
                .physicalColumn("c_float", DataTypes.FLOAT())
                .physicalColumn("c_double", DataTypes.DOUBLE())
                .physicalColumn("c_decimal_10_2", DataTypes.DECIMAL(10, 2))
                .physicalColumn("c_decimal_20_6", DataTypes.DECIMAL(20, 6))
                .physicalColumn("c_date", DataTypes.DATE())
                .physicalColumn("c_timestamp", DataTypes.TIMESTAMP(0))
                .physicalColumn("c_timestamp_3", DataTypes.TIMESTAMP(3))
                .physicalColumn("c_timestamp_6", DataTypes.TIMESTAMP(6))
                .physicalColumn("c_char", DataTypes.CHAR(8))
                .physicalColumn("c_varchar_16", DataTypes.VARCHAR(16))
                .physicalColumn("c_varchar_64", DataTypes.VARCHAR(64))
                .physicalColumn("c_varchar_255", DataTypes.VARCHAR(255))
                .physicalColumn("c_string", DataTypes.STRING())
                .physicalColumn("c_int_2", DataTypes.INT().notNull())
                .physicalColumn("c_bigint_2", DataTypes.BIGINT())
                .physicalColumn("c_double_2", DataTypes.DOUBLE())
                .physicalColumn("c_decimal_12_4", DataTypes.DECIMAL(12, 4))
                .physicalColumn("c_date_2", DataTypes.DATE().notNull())
                .physicalColumn("c_timestamp_3_2", DataTypes.TIMESTAMP(3))
                .physicalColumn("c_varchar_32", DataTypes.VARCHAR(32))
                .physicalColumn("c_string_2", DataTypes.STRING())
                .physicalColumn("c_status", DataTypes.VARCHAR(10).notNull())
                .physicalColumn("c_nullable_int", DataTypes.INT())
                .physicalColumn("c_nullable_string", DataTypes.STRING())
                .primaryKey("id")
                .build();
    }

    @Override
    public Object[] values(long key, int version) {
        long k = key + version * 7919L;
        long millis = EPOCH_2024 + k * 1_000L + (k % 1000);
        boolean rare = k % 10 == 0;
        return new Object[] {
            key,
            (byte) (k % 128),
            (short) (k % 32000),
            (int) (k * 31),
            k * 1_000_003L,
            k % 3 == 0,
            (float) (k % 10_000) / 7f,
            k / 3.0,
            DecimalData.fromBigDecimal(BigDecimal.valueOf(k % 10_000_000, 2), 10, 2),
            DecimalData.fromBigDecimal(BigDecimal.valueOf(k * 1_000_001L, 6), 20, 6),
            19_000 + (int) (k % 2000),
            TimestampData.fromMillis(millis - millis % 1000),
            TimestampData.fromMillis(millis),
            TimestampData.fromMillis(millis, (int) (k % 1000) * 1000),
            BinaryStringData.fromString("c" + (k % 1_000_000)),
            BinaryStringData.fromString("name-" + k),
            BinaryStringData.fromString("user" + k + "@example.com"),
            BinaryStringData.fromString(TEXT.substring(0, (int) (20 + k % 60)) + k),
            BinaryStringData.fromString(TEXT + TEXT.substring(0, (int) (k % 80))),
            (int) (k % 100_000),
            k << 8,
            k * 0.001,
            DecimalData.fromBigDecimal(BigDecimal.valueOf(k % 100_000_000, 4), 12, 4),
            18_000 + (int) (k % 3000),
            TimestampData.fromMillis(millis + 86_400_000L),
            BinaryStringData.fromString("city-" + (k % 5000)),
            BinaryStringData.fromString("{\"k\":" + k + ",\"v\":" + version + "}"),
            BinaryStringData.fromString(rare ? "closed" : "open"),
            rare ? null : (int) k,
            rare ? BinaryStringData.fromString("note " + k) : null
        };
    }
}
