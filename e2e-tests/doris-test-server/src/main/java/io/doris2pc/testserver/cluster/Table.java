package io.doris2pc.testserver.cluster;

import io.doris2pc.testserver.DorisSqlException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A table's schema and its visible rows. UNIQUE tables keep one row per key (upsert, delete by key);
 * DUPLICATE tables keep every row. Not thread-safe: the {@link Cluster} lock guards it.
 */
public final class Table {
    private final long id;
    private final String name;
    private final KeysType keysType;
    private final List<String> distributionColumns;
    private final String buckets;
    private final Map<String, String> properties;
    private final String comment;
    private final AutoPartition autoPartition;
    private List<Column> columns;
    private int nextColumnId;
    private TableState state = TableState.NORMAL;
    private final Map<List<Object>, Map<String, Object>> uniqueRows = new HashMap<>();
    private final List<Map<String, Object>> duplicateRows = new ArrayList<>();
    private long truncatedBeforeTxnId;

    Table(long id, String name, List<Column> columns, KeysType keysType, List<String> distributionColumns,
            String buckets, Map<String, String> properties, String comment, AutoPartition autoPartition) {
        this.autoPartition = autoPartition;
        this.id = id;
        this.name = name;
        List<Column> numbered = new ArrayList<>();
        for (Column c : columns) {
            numbered.add(c.withUniqueId(nextColumnId++));
        }
        this.columns = List.copyOf(numbered);
        this.keysType = keysType;
        this.distributionColumns = List.copyOf(distributionColumns);
        this.buckets = buckets;
        this.properties = new LinkedHashMap<>(properties);
        this.comment = comment == null ? "" : comment;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The AUTO PARTITION clause, or null for an unpartitioned table. */
    public AutoPartition autoPartition() {
        return autoPartition;
    }

    public KeysType keysType() {
        return keysType;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<String> distributionColumns() {
        return distributionColumns;
    }

    /** A bucket count or AUTO; null for a random distribution without BUCKETS. */
    public String buckets() {
        return buckets;
    }

    public Map<String, String> properties() {
        return Collections.unmodifiableMap(properties);
    }

    public String comment() {
        return comment;
    }

    public TableState state() {
        return state;
    }

    void setState(TableState state) {
        this.state = state;
    }

    public Column column(String columnName) {
        for (Column c : columns) {
            if (c.sameNameAs(columnName)) {
                return c;
            }
        }
        return null;
    }

    public Column requireColumn(String columnName) {
        Column c = column(columnName);
        if (c == null) {
            throw new DorisSqlException("Unknown column '" + columnName + "' in '" + name + "'");
        }
        return c;
    }

    public List<Column> keyColumns() {
        List<Column> keys = new ArrayList<>();
        for (Column c : columns) {
            if (c.isKey()) {
                keys.add(c);
            }
        }
        return keys;
    }

    public boolean lightSchemaChange() {
        return !"false".equalsIgnoreCase(properties.getOrDefault("light_schema_change", "true"));
    }

    /** Applies one loaded row: values by column unique id; columns added since the load take their default. */
    void applyRow(Map<Integer, Object> values, boolean delete, String now) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Column c : columns) {
            row.put(c.name(), values.containsKey(c.uniqueId()) ? values.get(c.uniqueId()) : c.defaultAsValue(now));
        }
        if (keysType == KeysType.DUP_KEYS) {
            // a delete sign means nothing to a DUPLICATE table, which keeps every row it is given
            duplicateRows.add(row);
            return;
        }
        List<Object> key = keyOf(row);
        if (delete) {
            uniqueRows.remove(key);
        } else {
            uniqueRows.put(key, row);
        }
    }

    private List<Object> keyOf(Map<String, Object> row) {
        List<Object> key = new ArrayList<>();
        for (Column c : keyColumns()) {
            key.add(row.get(c.name()));
        }
        return key;
    }

    /** Visible rows ordered by the key columns, as copies. */
    public List<Map<String, Object>> rows() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map<String, Object> r : keysType == KeysType.UNIQUE_KEYS ? uniqueRows.values() : duplicateRows) {
            all.add(new LinkedHashMap<>(r));
        }
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        for (Column k : keyColumns()) {
            order = order.thenComparing(r -> r.get(k.name()), ValueOrder.INSTANCE);
        }
        all.sort(order);
        return all;
    }

    public int rowCount() {
        return keysType == KeysType.UNIQUE_KEYS ? uniqueRows.size() : duplicateRows.size();
    }

    void truncate(long nextTxnId) {
        uniqueRows.clear();
        duplicateRows.clear();
        truncatedBeforeTxnId = nextTxnId;
    }

    /** Transactions begun before the last TRUNCATE have ids below this. */
    long truncatedBeforeTxnId() {
        return truncatedBeforeTxnId;
    }

    void addColumn(Column column, String afterColumn, boolean first, String now) {
        List<Column> next = new ArrayList<>(columns);
        int at = next.size();
        if (first) {
            at = 0;
        } else if (afterColumn != null) {
            at = next.indexOf(requireColumn(afterColumn)) + 1;
        } else if (column.isKey()) {
            at = keyColumns().size();
        }
        next.add(at, column.withUniqueId(nextColumnId++));
        columns = List.copyOf(next);
        Object fill = column.defaultAsValue(now);
        rewriteRows(r -> {
            r.put(column.name(), fill);
            return r;
        });
    }

    void dropColumn(String columnName) {
        Column c = requireColumn(columnName);
        List<Column> next = new ArrayList<>(columns);
        next.remove(c);
        columns = List.copyOf(next);
        rewriteRows(r -> {
            r.remove(c.name());
            return r;
        });
    }

    void renameColumn(String oldName, String newName) {
        Column c = requireColumn(oldName);
        List<Column> next = new ArrayList<>(columns);
        next.set(next.indexOf(c), c.renamed(newName));
        columns = List.copyOf(next);
        rewriteRows(r -> {
            Map<String, Object> renamed = new LinkedHashMap<>();
            r.forEach((k, v) -> renamed.put(k.equals(c.name()) ? newName : k, v));
            return renamed;
        });
    }

    /** Replaces a column's definition; stored values are converted by the caller-supplied function. */
    void replaceColumn(Column newColumn, Function<Object, Object> convert) {
        Column old = requireColumn(newColumn.name());
        List<Column> next = new ArrayList<>(columns);
        next.set(next.indexOf(old), newColumn.withUniqueId(old.uniqueId()));
        columns = List.copyOf(next);
        rewriteRows(r -> {
            r.put(old.name(), convert.apply(r.get(old.name())));
            return r;
        });
    }

    /** Every stored value of a column, for checking a type change before it is made. */
    List<Object> valuesOf(String columnName) {
        List<Object> values = new ArrayList<>();
        for (Map<String, Object> r : keysType == KeysType.UNIQUE_KEYS ? uniqueRows.values() : duplicateRows) {
            values.add(r.get(columnName));
        }
        return values;
    }

    /** The schema and rows as they are now, for undoing a statement that fails half way. */
    Snapshot snapshot() {
        List<Map<String, Object>> dup = new ArrayList<>();
        duplicateRows.forEach(r -> dup.add(new LinkedHashMap<>(r)));
        Map<List<Object>, Map<String, Object>> uniq = new HashMap<>();
        uniqueRows.forEach((k, r) -> uniq.put(k, new LinkedHashMap<>(r)));
        return new Snapshot(columns, nextColumnId, dup, uniq);
    }

    /** Whether the columns are defined as in the snapshot (names, types, nullability, defaults, comments, keys). */
    boolean hasSchemaOf(Snapshot s) {
        if (s.columns.size() != columns.size()) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).sameDefinitionAs(s.columns.get(i))) {
                return false;
            }
        }
        return true;
    }

    void restore(Snapshot s) {
        columns = s.columns;
        nextColumnId = s.nextColumnId;
        duplicateRows.clear();
        s.duplicateRows.forEach(r -> duplicateRows.add(new LinkedHashMap<>(r)));
        uniqueRows.clear();
        s.uniqueRows.forEach((k, r) -> uniqueRows.put(k, new LinkedHashMap<>(r)));
    }

    /** A copy of a table's schema and rows. */
    static final class Snapshot {
        private final List<Column> columns;
        private final int nextColumnId;
        private final List<Map<String, Object>> duplicateRows;
        private final Map<List<Object>, Map<String, Object>> uniqueRows;

        private Snapshot(List<Column> columns, int nextColumnId, List<Map<String, Object>> duplicateRows,
                Map<List<Object>, Map<String, Object>> uniqueRows) {
            this.columns = columns;
            this.nextColumnId = nextColumnId;
            this.duplicateRows = duplicateRows;
            this.uniqueRows = uniqueRows;
        }
    }

    private void rewriteRows(Function<Map<String, Object>, Map<String, Object>> rewrite) {
        List<Map<String, Object>> dup = new ArrayList<>();
        for (Map<String, Object> r : duplicateRows) {
            dup.add(rewrite.apply(r));
        }
        duplicateRows.clear();
        duplicateRows.addAll(dup);
        List<Map<String, Object>> uniq = new ArrayList<>();
        for (Map<String, Object> r : uniqueRows.values()) {
            uniq.add(rewrite.apply(r));
        }
        uniqueRows.clear();
        for (Map<String, Object> r : uniq) {
            uniqueRows.put(keyOf(r), r);
        }
    }
}
