package io.doris2pc.testserver.sql;

import io.doris2pc.testserver.DorisSqlException;
import io.doris2pc.testserver.cluster.Catalog;
import io.doris2pc.testserver.cluster.Column;
import io.doris2pc.testserver.cluster.ColumnType;
import io.doris2pc.testserver.cluster.Database;
import io.doris2pc.testserver.cluster.DorisVersion;
import io.doris2pc.testserver.cluster.KeysType;
import io.doris2pc.testserver.cluster.SchemaChangeJob;
import io.doris2pc.testserver.cluster.Table;
import io.doris2pc.testserver.cluster.TypeKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** information_schema tables, DESC, SHOW results, SHOW CREATE TABLE text: relations built from the catalog. */
final class SystemTables {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private SystemTables() {}

    static Relation informationSchema(Catalog catalog, String table) {
        switch (table.toUpperCase(Locale.ROOT)) {
            case "SCHEMATA":
                return schemata(catalog);
            case "TABLES":
                return tables(catalog);
            case "COLUMNS":
                return columns(catalog);
            default:
                throw new DorisSqlException("Unknown table 'information_schema." + table + "'");
        }
    }

    private static Relation schemata(Catalog catalog) {
        Builder b = new Builder("SCHEMATA", "CATALOG_NAME", "SCHEMA_NAME", "DEFAULT_CHARACTER_SET_NAME");
        b.row("internal", Catalog.INFORMATION_SCHEMA, "utf8mb4");
        for (Database db : catalog.databases()) {
            b.row("internal", db.name(), "utf8mb4");
        }
        return b.build();
    }

    private static Relation tables(Catalog catalog) {
        Builder b = new Builder("TABLES", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "TABLE_TYPE", "ENGINE",
                "TABLE_ROWS", "TABLE_COMMENT");
        for (Database db : catalog.databases()) {
            for (Table t : db.tables()) {
                b.row("internal", db.name(), t.name(), "BASE TABLE", "Doris", (long) t.rowCount(), t.comment());
            }
        }
        return b.build();
    }

    /**
     * BE {@code schema_columns_scanner.cpp}: COLUMN_TYPE and DATA_TYPE in MySQL's spelling; COLUMN_DEFAULT is NULL
     * up to 3.0 and the default only since {@code 5ff94a11} (2024-12, "Support show default value in
     * information_schema").
     */
    private static Relation columns(Catalog catalog) {
        boolean defaults = catalog.version() == DorisVersion.NEWER;
        Builder b = new Builder("COLUMNS", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME",
                "ORDINAL_POSITION", "COLUMN_DEFAULT", "IS_NULLABLE", "DATA_TYPE", "CHARACTER_MAXIMUM_LENGTH",
                "NUMERIC_PRECISION", "NUMERIC_SCALE", "DATETIME_PRECISION", "COLUMN_TYPE", "COLUMN_KEY", "COLUMN_COMMENT");
        for (Database db : catalog.databases()) {
            for (Table t : db.tables()) {
                long position = 1;
                for (Column c : t.columns()) {
                    ColumnType type = c.type();
                    TypeKind k = type.kind();
                    boolean text = k == TypeKind.CHAR || k == TypeKind.VARCHAR;
                    b.row("internal", db.name(), t.name(), c.name(), position++, defaults ? c.defaultValue() : null,
                            c.nullable() ? "YES" : "NO", type.dataTypeName(), text ? (Object) (long) type.length() : null,
                            k == TypeKind.DECIMAL ? (Object) (long) type.precision() : null,
                            k == TypeKind.DECIMAL ? (Object) (long) type.scale() : null,
                            k == TypeKind.DATETIME ? (Object) (long) type.scale() : null,
                            type.columnTypeText(), c.isKey() ? (t.keysType().name().startsWith("UNIQUE") ? "UNI" : "DUP") : "",
                            c.comment());
                }
            }
        }
        return b.build();
    }

    /**
     * FE {@code IndexSchemaProcNode}: the type as {@link ColumnType#descType} spells it; Extra is the aggregation
     * type of value columns, NONE in DUPLICATE and merge-on-write UNIQUE tables, REPLACE in merge-on-read ones.
     */
    static Relation describe(Table t, DorisVersion version) {
        Builder b = new Builder(t.name(), "Field", "Type", "Null", "Key", "Default", "Extra");
        boolean mergeOnRead = t.keysType() == KeysType.UNIQUE_KEYS
                && !"true".equalsIgnoreCase(t.properties().get("enable_unique_key_merge_on_write"));
        for (Column c : t.columns()) {
            b.row(c.name(), c.type().descType(version), c.nullable() ? "Yes" : "No", String.valueOf(c.isKey()),
                    c.defaultValue() == null ? "NULL" : c.defaultValue(), c.isKey() ? "" : mergeOnRead ? "REPLACE" : "NONE");
        }
        return b.build();
    }

    static Relation showCreateTable(Table t) {
        Builder b = new Builder(t.name(), "Table", "Create Table");
        b.row(t.name(), createTableText(t));
        return b.build();
    }

    private static String createTableText(Table t) {
        StringBuilder s = new StringBuilder("CREATE TABLE `").append(t.name()).append("` (\n");
        List<String> defs = new ArrayList<>();
        for (Column c : t.columns()) {
            StringBuilder d = new StringBuilder("  `").append(c.name()).append("` ").append(c.type().toSql())
                    .append(c.nullable() ? " NULL" : " NOT NULL");
            if (c.defaultValue() != null) {
                d.append(" DEFAULT \"").append(c.defaultValue()).append('"');
            }
            d.append(" COMMENT \"").append(c.comment().replace("\"", "\\\"")).append('"');
            defs.add(d.toString());
        }
        s.append(String.join(",\n", defs)).append("\n) ENGINE=OLAP\n");
        List<String> keys = new ArrayList<>();
        t.keyColumns().forEach(k -> keys.add("`" + k.name() + "`"));
        s.append(t.keysType().sql()).append(" KEY(").append(String.join(", ", keys)).append(")\n");
        s.append("COMMENT '").append(t.comment().isEmpty() ? "OLAP" : t.comment()).append("'\n");
        if (t.autoPartition() != null) {
            s.append(t.autoPartition().toSql()).append('\n');
        }
        if (t.distributionColumns().isEmpty()) {
            s.append("DISTRIBUTED BY RANDOM");
        } else {
            List<String> hash = new ArrayList<>();
            t.distributionColumns().forEach(h -> hash.add("`" + h + "`"));
            s.append("DISTRIBUTED BY HASH(").append(String.join(", ", hash)).append(")");
        }
        s.append(" BUCKETS ").append(t.buckets() == null ? "AUTO" : t.buckets()).append("\nPROPERTIES (\n");
        List<String> props = new ArrayList<>();
        t.properties().forEach((k, v) -> props.add("\"" + k + "\" = \"" + v + "\""));
        return s.append(String.join(",\n", props)).append("\n);").toString();
    }

    static Relation alterJobs(List<SchemaChangeJob> jobs, String db) {
        Builder b = new Builder("alter", "JobId", "TableName", "CreateTime", "FinishTime", "IndexName", "IndexId",
                "OriginIndexId", "SchemaVersion", "TransactionId", "State", "Msg", "Progress", "Timeout");
        for (SchemaChangeJob j : jobs) {
            if (j.dbName().equals(db)) {
                b.row(j.jobId(), j.tableName(), time(j.createTime()), j.finishTime() == null ? "NULL" : time(j.finishTime()),
                        j.tableName(), j.jobId() + 1, j.jobId() - 1, "1:0", Math.max(-1, j.waitsForTxnsBefore() - 1), j.state().name(),
                        j.msg(), "NULL", 2592000L);
            }
        }
        return b.build();
    }

    static Relation databases(Catalog catalog) {
        Builder b = new Builder("databases", "Database");
        b.row(Catalog.INFORMATION_SCHEMA);
        for (Database db : catalog.databases()) {
            b.row(db.name());
        }
        return b.build();
    }

    static Relation tablesOf(Database db) {
        Builder b = new Builder("tables", "Tables_in_" + db.name());
        for (Table t : db.tables()) {
            b.row(t.name());
        }
        return b.build();
    }

    private static String time(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneId.systemDefault()).format(TIME);
    }

    /** Collects rows of a system relation; types follow the Java values (BIGINT for numbers, else VARCHAR). */
    private static final class Builder {
        private final String name;
        private final List<String> columns;
        private final List<Map<String, Object>> rows = new ArrayList<>();

        Builder(String name, String... columns) {
            this.name = name;
            this.columns = List.of(columns);
        }

        void row(Object... values) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), values[i]);
            }
            rows.add(row);
        }

        Relation build() {
            List<String> types = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                boolean numeric = !rows.isEmpty() && rows.get(0).get(columns.get(i)) instanceof Long;
                types.add(numeric ? "BIGINT" : "VARCHAR");
            }
            return new Relation(name, columns, types, rows);
        }
    }
}
