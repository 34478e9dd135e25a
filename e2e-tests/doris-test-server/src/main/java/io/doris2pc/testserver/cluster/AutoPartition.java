package io.doris2pc.testserver.cluster;

import io.doris2pc.testserver.DorisSqlException;
import java.util.List;
import java.util.Map;

/**
 * {@code AUTO PARTITION BY RANGE (date_trunc(column, 'unit')) ()}: partitions appear as rows arrive. Checked as
 * Doris checks it: fe/fe-core/src/main/java/org/apache/doris/nereids/trees/plans/commands/info/PartitionTableInfo.java
 * ({@code validatePartitionColumn}: a merge-on-write table's partition column must be a key column, a merge-on-read
 * one's may not be a value column, an AUTO RANGE partition column may not be nullable) and the partition expression's
 * check that date_trunc takes a date.
 */
public final class AutoPartition {
    private final String column;
    private final String unit;

    public AutoPartition(String column, String unit) {
        this.column = column;
        this.unit = unit;
    }

    public String column() {
        return column;
    }

    public String unit() {
        return unit;
    }

    /** Throws Doris's refusal when the table cannot be partitioned so. */
    void validate(List<Column> columns, KeysType keysType, List<String> keyNames, Map<String, String> properties) {
        Column c = columns.stream().filter(col -> col.sameNameAs(column)).findFirst()
                .orElseThrow(() -> new DorisSqlException("partition key " + column + " is not exists"));
        boolean key = keyNames.stream().anyMatch(c::sameNameAs);
        if (keysType == KeysType.UNIQUE_KEYS && !key) {
            boolean mergeOnWrite = !"false".equalsIgnoreCase(properties.get("enable_unique_key_merge_on_write"));
            throw new DorisSqlException(mergeOnWrite
                    ? "Merge-on-Write table's partition column must be KEY column"
                    : "The partition column could not be aggregated column");
        }
        if (c.nullable()) {
            throw new DorisSqlException("AUTO RANGE PARTITION doesn't support NULL column");
        }
        if (c.type().kind() != TypeKind.DATE && c.type().kind() != TypeKind.DATETIME) {
            throw new DorisSqlException("partition expr date_trunc is illegal!");
        }
    }

    /** As SHOW CREATE TABLE prints it. */
    public String toSql() {
        return "AUTO PARTITION BY RANGE (date_trunc(`" + column + "`, '" + unit + "'))\n()";
    }
}
