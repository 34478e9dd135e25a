package io.doris2pc.e2e;

import io.doris2pc.examples.MySqlClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the merged Doris table must hold: every row of every shard, with the shard's database and table names, as
 * text. Columns a shard lacks are null, as the route merge makes them.
 */
final class MergedShards {

    static final List<String> SHARDS =
            List.of("emp_1.employees_1", "emp_1.employees_2", "emp_2.employees_1", "emp_2.employees_2");

    private MergedShards() {}

    /** Rows keyed by their Doris unique key, each a sorted column -> text map. */
    static Map<String, Map<String, String>> read(MySqlClient mysql, List<String> keyColumns) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        for (String shard : SHARDS) {
            String[] parts = shard.split("\\.");
            for (Map<String, Object> row : mysql.query("SELECT * FROM " + shard)) {
                Map<String, String> text = new TreeMap<>();
                row.forEach((column, value) -> text.put(column, value == null ? null : value.toString()));
                text.put("database_name", parts[0]);
                text.put("table_name", parts[1]);
                rows.put(keyOf(text, keyColumns), text);
            }
        }
        return rows;
    }

    /** The Doris table's rows in the same form; columns no shard has yet stay out of the comparison. */
    static Map<String, Map<String, String>> fromDoris(List<Map<String, Object>> dorisRows, List<String> keyColumns) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        for (Map<String, Object> row : dorisRows) {
            Map<String, String> text = new TreeMap<>();
            row.forEach((column, value) -> text.put(column, value == null ? null : value.toString()));
            rows.put(keyOf(text, keyColumns), text);
        }
        return rows;
    }

    /** Gives every source row the columns the merged table has, null where its shard lacks them. */
    static void widen(Map<String, Map<String, String>> rows, List<String> columns) {
        for (Map<String, String> row : rows.values()) {
            for (String column : columns) {
                row.putIfAbsent(column, null);
            }
        }
    }

    private static String keyOf(Map<String, String> row, List<String> keyColumns) {
        List<String> key = new ArrayList<>();
        for (String column : keyColumns) {
            key.add(row.get(column));
        }
        return String.join("/", key);
    }
}
