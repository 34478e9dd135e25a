package io.doris2pc.testserver.sql;

import io.doris2pc.testserver.DorisSqlException;
import io.doris2pc.testserver.SqlResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rows with named, typed columns: a table's visible rows or a system table, ready for SELECT. */
final class Relation {
    final String name;
    final List<String> columns;
    final List<String> types;
    final List<Map<String, Object>> rows;

    Relation(String name, List<String> columns, List<String> types, List<Map<String, Object>> rows) {
        this.name = name;
        this.columns = columns;
        this.types = types;
        this.rows = rows;
    }

    /** The column's name as the relation spells it (names match case-insensitively). */
    String column(String requested) {
        for (String c : columns) {
            if (c.equalsIgnoreCase(requested)) {
                return c;
            }
        }
        throw new DorisSqlException("Unknown column '" + requested + "' in '" + name + "'");
    }

    String typeOf(String column) {
        return types.get(columns.indexOf(column));
    }

    SqlResult toResult() {
        List<List<Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            List<Object> values = new ArrayList<>();
            for (String c : columns) {
                values.add(r.get(c));
            }
            out.add(values);
        }
        return SqlResult.resultSet(columns, types, out);
    }
}
