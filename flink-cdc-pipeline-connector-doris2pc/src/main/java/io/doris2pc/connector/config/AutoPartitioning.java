package io.doris2pc.connector.config;

import org.apache.flink.cdc.common.schema.Column;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataTypeRoot;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code table.create.auto-partition.properties.*}, the options of Flink CDC 3.4's Doris sink: which auto-created
 * tables get Doris's {@code AUTO PARTITION BY RANGE (date_trunc(column, unit))}, on which DATE or DATETIME column and
 * by which unit. {@code include} / {@code exclude} are comma-separated regular expressions on {@code db.table}; a
 * table's own {@code db.table.partition-key} / {@code .partition-unit} win over {@code default-partition-key} /
 * {@code default-partition-unit}. A table is partitioned when it is included, not excluded, and has a partition key
 * (its own, or the default one among its columns).
 */
public final class AutoPartitioning implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String PREFIX = "table.create.auto-partition.properties.";

    /** The units {@code date_trunc} takes in an auto partition expression. */
    static final List<String> UNITS = Arrays.asList("year", "quarter", "month", "week", "day", "hour");

    static final String DEFAULT_UNIT = "month";

    private final List<Pattern> include;
    private final List<Pattern> exclude;
    private final String defaultKey;
    private final String defaultUnit;
    private final Map<String, String> properties;

    private AutoPartitioning(Map<String, String> properties) {
        this.properties = properties;
        this.include = patterns(properties.getOrDefault("include", ".*"), "include");
        this.exclude = patterns(properties.getOrDefault("exclude", ""), "exclude");
        this.defaultKey = properties.get("default-partition-key");
        this.defaultUnit = unit(properties.getOrDefault("default-partition-unit", DEFAULT_UNIT),
                "default-partition-unit");
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey().endsWith(".partition-unit")) {
                unit(e.getValue(), e.getKey());
            } else if (!e.getKey().endsWith(".partition-key") && !Arrays.asList("include", "exclude",
                    "default-partition-key", "default-partition-unit").contains(e.getKey())) {
                throw new IllegalArgumentException("'" + PREFIX + e.getKey() + "' is not an auto-partition option: "
                        + "use include, exclude, default-partition-key, default-partition-unit, "
                        + "<db>.<table>.partition-key or <db>.<table>.partition-unit");
            }
        }
    }

    /**
     * @param properties the options after {@link #PREFIX}
     * @throws IllegalArgumentException naming the option at fault
     */
    public static AutoPartitioning of(Map<String, String> properties) {
        return new AutoPartitioning(properties);
    }

    /** The partition of {@code db.table} with this schema, if it is auto-partitioned. */
    public Optional<Partition> forTable(String db, String table, Schema schema) {
        String name = db + '.' + table;
        if (include.stream().noneMatch(p -> p.matcher(name).matches())
                || exclude.stream().anyMatch(p -> p.matcher(name).matches())) {
            return Optional.empty();
        }
        String ownKeyOption = name + ".partition-key";
        String key = properties.get(ownKeyOption);
        String keyOption = PREFIX + ownKeyOption;
        if (key == null) {
            if (defaultKey == null || !schema.getColumn(defaultKey).isPresent()) {
                return Optional.empty();
            }
            key = defaultKey;
            keyOption = PREFIX + "default-partition-key";
        }
        Optional<Column> column = schema.getColumn(key);
        if (!column.isPresent()) {
            throw new IllegalArgumentException("Table " + name + " has no column '" + key + "' to partition on ("
                    + keyOption + "); its columns are " + schema.getColumnNames());
        }
        DataTypeRoot type = column.get().getType().getTypeRoot();
        if (type != DataTypeRoot.DATE && type != DataTypeRoot.TIMESTAMP_WITHOUT_TIME_ZONE
                && type != DataTypeRoot.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
            throw new IllegalArgumentException("Table " + name + " cannot be auto-partitioned on column '" + key
                    + "' (" + keyOption + "): it is " + column.get().getType() + ", and Doris's AUTO PARTITION BY "
                    + "RANGE (date_trunc(...)) needs a DATE or DATETIME column");
        }
        String unit = properties.getOrDefault(name + ".partition-unit", defaultUnit).toLowerCase(Locale.ROOT);
        return Optional.of(new Partition(key, unit));
    }

    /**
     * The schema whose primary key is the Doris table's UNIQUE key: the source's, extended by the partition column,
     * which Doris requires in the key of a merge-on-write table. A row whose partition value changes then changes
     * its key, so the writer deletes its old version as for any key change.
     */
    public Schema keyed(String db, String table, Schema schema) {
        if (schema.primaryKeys().isEmpty()) {
            return schema;
        }
        Optional<Partition> partition = forTable(db, table, schema);
        if (!partition.isPresent() || schema.primaryKeys().contains(partition.get().column())) {
            return schema;
        }
        List<String> keys = new ArrayList<>(schema.primaryKeys());
        keys.add(partition.get().column());
        return Schema.newBuilder().setColumns(schema.getColumns()).primaryKey(keys)
                .partitionKey(schema.partitionKeys()).options(schema.options()).comment(schema.comment()).build();
    }

    private static List<Pattern> patterns(String value, String option) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : value.split(",")) {
            if (regex.trim().isEmpty()) {
                continue;
            }
            try {
                patterns.add(Pattern.compile(regex.trim()));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + PREFIX + option + "': '" + regex.trim()
                        + "' is not a regular expression: " + e.getDescription());
            }
        }
        return Collections.unmodifiableList(patterns);
    }

    private static String unit(String value, String option) {
        String unit = value.trim().toLowerCase(Locale.ROOT);
        if (!UNITS.contains(unit)) {
            throw new IllegalArgumentException("'" + PREFIX + option + "': '" + value + "' is not a unit of "
                    + "date_trunc; use one of " + UNITS);
        }
        return unit;
    }

    /** The column and unit of one table's {@code AUTO PARTITION BY RANGE (date_trunc(column, unit))}. */
    public static final class Partition implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String column;
        private final String unit;

        Partition(String column, String unit) {
            this.column = column;
            this.unit = unit;
        }

        public String column() {
            return column;
        }

        public String unit() {
            return unit;
        }
    }
}
