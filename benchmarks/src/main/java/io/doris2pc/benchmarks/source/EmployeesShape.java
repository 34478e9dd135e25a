package io.doris2pc.benchmarks.source;

import org.apache.flink.cdc.common.data.binary.BinaryStringData;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataTypes;

/**
 * The reference table as the sink sees it after the seed YAML's transform and route
 * ({@code demo.all_employees_info}): the columns of {@code emp_shards.sql} plus database_name and table_name.
 */
final class EmployeesShape implements TableShape {
    private static final long serialVersionUID = 1L;
    private static final String[] FIRST_NAMES = {"Georgi", "Bezalel", "Parto", "Chirstian", "Kyoichi", "Anneke"};
    private static final String[] LAST_NAMES = {"Facello", "Simmel", "Bamford", "Koblick", "Maliniak", "Preusig"};
    /** 1950-01-01 and 1985-01-01 as days since the epoch. */
    private static final int BIRTH_BASE = -7305;
    private static final int HIRE_BASE = 5479;

    @Override
    public Schema schema() {
        return Schema.newBuilder()
                .physicalColumn("emp_no", DataTypes.INT().notNull())
                .physicalColumn("birth_date", DataTypes.DATE().notNull())
                .physicalColumn("first_name", DataTypes.VARCHAR(14).notNull())
                .physicalColumn("last_name", DataTypes.VARCHAR(16).notNull())
                .physicalColumn("gender", DataTypes.STRING().notNull())
                .physicalColumn("hire_date", DataTypes.DATE().notNull())
                .physicalColumn("database_name", DataTypes.STRING())
                .physicalColumn("table_name", DataTypes.STRING())
                .primaryKey("emp_no")
                .build();
    }

    @Override
    public Object[] values(long key, int version) {
        int shard = (int) (key & 3);
        return new Object[] {
            (int) key,
            BIRTH_BASE + (int) (key % 5000),
            BinaryStringData.fromString(FIRST_NAMES[(int) (key % FIRST_NAMES.length)]),
            BinaryStringData.fromString(LAST_NAMES[(int) ((key + version) % LAST_NAMES.length)] + version),
            BinaryStringData.fromString((key + version) % 2 == 0 ? "M" : "F"),
            HIRE_BASE + (int) (key % 9000),
            BinaryStringData.fromString("emp_" + (1 + (shard >> 1))),
            BinaryStringData.fromString("employees_" + (1 + (shard & 1)))
        };
    }
}
