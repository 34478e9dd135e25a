package io.doris2pc.connector.schema;

import io.doris2pc.connector.client.DorisSqlExecutor;
import io.doris2pc.connector.client.QueryResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.doris2pc.connector.schema.DorisIdentifiers.stringLiteral;

/**
 * The columns a Doris table has now, read from {@code information_schema.COLUMNS} (an absent table simply has no
 * rows there, so no error text has to be recognised). The applier decides from it whether a change is already
 * applied.
 */
final class ExistingTable {

    static final String INFORMATION_SCHEMA = "information_schema";

    private static final String NO_DEFAULT = "NULL";
    private static final Pattern INTEGER_WITH_WIDTH = Pattern.compile("(TINYINT|SMALLINT|INT|BIGINT)\\(\\d+\\)");

    private final List<ExistingColumn> columns;

    private ExistingTable(List<ExistingColumn> columns) {
        this.columns = columns;
    }

    static String query(String db, String table) {
        return "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY, COLUMN_COMMENT FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = " + stringLiteral(db) + " AND TABLE_NAME = " + stringLiteral(table)
                + " ORDER BY ORDINAL_POSITION";
    }

    /** The table's columns in table order, or empty when the table (or its database) does not exist. */
    static Optional<ExistingTable> read(DorisSqlExecutor executor, String db, String table) throws IOException {
        QueryResult result = executor.execute(INFORMATION_SCHEMA, query(db, table));
        int name = requireColumn(result, "COLUMN_NAME");
        int type = requireColumn(result, "COLUMN_TYPE");
        int nullable = requireColumn(result, "IS_NULLABLE");
        int key = requireColumn(result, "COLUMN_KEY");
        int comment = result.columnIndex("COLUMN_COMMENT");
        List<ExistingColumn> columns = new ArrayList<>();
        for (List<String> row : result.rows()) {
            String keyText = row.get(key);
            columns.add(new ExistingColumn(
                    row.get(name),
                    row.get(type),
                    "YES".equalsIgnoreCase(row.get(nullable)),
                    keyText != null && !keyText.isEmpty(),
                    comment < 0 || row.get(comment) == null ? "" : row.get(comment)));
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(new ExistingTable(columns));
    }

    private static int requireColumn(QueryResult result, String column) throws IOException {
        int index = result.columnIndex(column);
        if (index < 0) {
            throw new IOException("information_schema.COLUMNS answered without " + column + ": " + result.columns());
        }
        return index;
    }

    List<ExistingColumn> columns() {
        return Collections.unmodifiableList(columns);
    }

    /** Doris column names are case-insensitive. */
    Optional<ExistingColumn> column(String name) {
        return columns.stream().filter(c -> c.name.equalsIgnoreCase(name)).findFirst();
    }

    List<String> keyColumnNames() {
        List<String> keys = new ArrayList<>();
        columns.stream().filter(c -> c.key).forEach(c -> keys.add(c.name));
        return keys;
    }

    /**
     * Where a value column asked to stand after {@code column} (or first, for null) can go: after it when it is a
     * value column or the last key, else after the last key column (Doris keeps key columns in front).
     */
    String valuePositionAfter(String column) {
        List<String> keys = keyColumnNames();
        String lastKey = keys.isEmpty() ? null : keys.get(keys.size() - 1);
        if (column == null) {
            return lastKey;
        }
        Optional<ExistingColumn> existing = column(column);
        if (!existing.isPresent()) {
            return null;
        }
        return existing.get().key ? lastKey : existing.get().name;
    }

    /** The column just before {@code column}, for a BEFORE position; null when it is the first. */
    String columnBefore(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name.equalsIgnoreCase(column)) {
                return i == 0 ? null : columns.get(i - 1).name;
            }
        }
        return null;
    }

    void added(ExistingColumn column, String after) {
        int index = columns.size();
        for (int i = 0; after != null && i < columns.size(); i++) {
            if (columns.get(i).name.equalsIgnoreCase(after)) {
                index = i + 1;
            }
        }
        columns.add(index, column);
    }

    void dropped(String column) {
        columns.removeIf(c -> c.name.equalsIgnoreCase(column));
    }

    void renamed(String oldName, String newName) {
        for (int i = 0; i < columns.size(); i++) {
            ExistingColumn c = columns.get(i);
            if (c.name.equalsIgnoreCase(oldName)) {
                columns.set(i, new ExistingColumn(newName, c.type, c.nullable, c.key, c.comment));
            }
        }
    }

    /**
     * The columns' defaults as DESC shows them (FE {@code Column.getDefaultValue()}, the text a MODIFY COLUMN must
     * restate), by column name; a column without a default is absent. information_schema cannot tell: its
     * COLUMN_DEFAULT is NULL for every column up to Doris 3.0.
     */
    static Map<String, String> defaults(DorisSqlExecutor executor, String db, String table) throws IOException {
        QueryResult desc = executor.execute(db, "DESC " + DorisIdentifiers.quote(db, table));
        int field = requireColumn(desc, "Field");
        int value = requireColumn(desc, "Default");
        Map<String, String> defaults = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (List<String> row : desc.rows()) {
            String text = row.get(value);
            if (text != null && !NO_DEFAULT.equals(text)) {
                defaults.put(row.get(field), text);
            }
        }
        return defaults;
    }

    /**
     * Whether two type texts mean the same Doris type, however Doris spelled them: information_schema writes
     * {@code int(11)}, {@code tinyint(1)} for BOOLEAN, {@code decimalv3(12, 2)}, {@code datetime(3)},
     * {@code string}; DESC writes {@code INT} or {@code int}, {@code DECIMAL(12, 2)} or {@code decimal(12,2)},
     * {@code TEXT}; this sink writes {@code INT}, {@code DECIMAL(12,2)}, {@code DATETIME(3)}, {@code STRING}.
     */
    static boolean sameType(String a, String b) {
        return canonicalType(a).equals(canonicalType(b));
    }

    /** One spelling per Doris type: upper case, no spaces, no V2/V3 suffix, no integer display width. */
    static String canonicalType(String type) {
        String t = type.toUpperCase(Locale.ROOT).replace(" ", "");
        if (t.equals("TINYINT(1)") || t.equals("BOOL")) {
            return "BOOLEAN";
        }
        t = t.replaceFirst("^(DECIMAL|DATETIME|DATE)V[23]", "$1");
        Matcher integer = INTEGER_WITH_WIDTH.matcher(t);
        if (integer.matches()) {
            t = integer.group(1);
        }
        switch (t) {
            case "INTEGER":
                return "INT";
            case "TEXT":
                return "STRING";
            case "JSONB":
                return "JSON";
            case "DATETIME(0)":
                return "DATETIME";
            case "DECIMAL":
                return "DECIMAL(9,0)";
            default:
                return t;
        }
    }

    /** One column as Doris reports it. */
    static final class ExistingColumn {
        final String name;
        final String type;
        final boolean nullable;
        final boolean key;
        final String comment;

        ExistingColumn(String name, String type, boolean nullable, boolean key, String comment) {
            this.name = name;
            this.type = type;
            this.nullable = nullable;
            this.key = key;
            this.comment = comment;
        }

        @Override
        public String toString() {
            return DorisIdentifiers.quote(name) + ' ' + type + (nullable ? " NULL" : " NOT NULL") + (key ? " KEY" : "");
        }
    }
}
