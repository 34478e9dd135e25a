package io.doris2pc.testserver;

import java.util.Collections;
import java.util.List;

/** What a statement answers: a result set (column names, types and rows) or an exec status. */
public final class SqlResult {
    private final List<String> columns;
    private final List<String> types;
    private final List<List<Object>> rows;

    private SqlResult(List<String> columns, List<String> types, List<List<Object>> rows) {
        this.columns = columns;
        this.types = types;
        this.rows = rows;
    }

    public static SqlResult execStatus() {
        return new SqlResult(null, null, null);
    }

    public static SqlResult resultSet(List<String> columns, List<String> types, List<List<Object>> rows) {
        return new SqlResult(
                Collections.unmodifiableList(columns), Collections.unmodifiableList(types), Collections.unmodifiableList(rows));
    }

    /** True for DDL, whose answer is {@code exec_status}. */
    public boolean isExecStatus() {
        return columns == null;
    }

    public List<String> columns() {
        return columns == null ? List.of() : columns;
    }

    /** Doris type names of the columns, as the {@code meta} of the HTTP answer gives them. */
    public List<String> types() {
        return types == null ? List.of() : types;
    }

    public List<List<Object>> rows() {
        return rows == null ? List.of() : rows;
    }

    /** The single value of a one-row, one-column result such as {@code count(*)}. */
    public Object singleValue() {
        if (rows == null || rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("not a single value: " + rows);
        }
        return rows.get(0).get(0);
    }

    @Override
    public String toString() {
        return isExecStatus() ? "SqlResult{exec_status}" : "SqlResult{" + columns + " " + rows + "}";
    }
}
