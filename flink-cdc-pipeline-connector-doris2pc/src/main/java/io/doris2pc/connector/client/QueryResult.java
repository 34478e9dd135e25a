package io.doris2pc.connector.client;

import java.util.Collections;
import java.util.List;

/** What a SQL statement answered: column names and rows for SELECT/SHOW/DESC, nothing for DDL. */
public final class QueryResult {

    private static final QueryResult EXEC_STATUS = new QueryResult(Collections.emptyList(), Collections.emptyList());

    private final List<String> columns;
    private final List<List<String>> rows;

    public QueryResult(List<String> columns, List<List<String>> rows) {
        this.columns = Collections.unmodifiableList(columns);
        this.rows = Collections.unmodifiableList(rows);
    }

    /** The answer of a statement that returns no rows (DDL). */
    public static QueryResult execStatus() {
        return EXEC_STATUS;
    }

    public List<String> columns() {
        return columns;
    }

    /** Rows as text, {@code null} for SQL NULL, in the order Doris returned them. */
    public List<List<String>> rows() {
        return rows;
    }

    /** Index of a column by name, case-insensitive as Doris column names are; -1 if absent. */
    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "QueryResult{columns=" + columns + ", rows=" + rows.size() + '}';
    }
}
