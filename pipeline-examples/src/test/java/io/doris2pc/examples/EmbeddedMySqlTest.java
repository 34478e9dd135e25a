package io.doris2pc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

class EmbeddedMySqlTest {

    @Test
    void startsAsABinlogSourceAndLoadsTheShardedDataset(@TempDir Path workDir) {
        try (EmbeddedMySql mysql = EmbeddedMySql.start(workDir)) {
            mysql.runSqlScript("emp_shards.sql");

            assertEquals(
                    Map.of("log_bin", "ON", "binlog_format", "ROW", "binlog_row_image", "FULL", "server_id", "1"),
                    variables(mysql, "log_bin", "binlog_format", "binlog_row_image", "server_id"));
            assertEquals(36, mysql.client().queryLong("SELECT COUNT(*) FROM emp_1.employees_1"));
            assertEquals(18, mysql.client().queryLong("SELECT COUNT(*) FROM emp_1.employees_2"));
            assertEquals(30, mysql.client().queryLong("SELECT COUNT(*) FROM emp_2.employees_1"));
            assertEquals(32, mysql.client().queryLong("SELECT COUNT(*) FROM emp_2.employees_2"));
            assertEquals(
                    116,
                    mysql.client()
                            .queryLong(
                                    "SELECT COUNT(DISTINCT emp_no) FROM (SELECT emp_no FROM emp_1.employees_1"
                                            + " UNION ALL SELECT emp_no FROM emp_1.employees_2"
                                            + " UNION ALL SELECT emp_no FROM emp_2.employees_1"
                                            + " UNION ALL SELECT emp_no FROM emp_2.employees_2) AS all_shards"));
        }
    }

    private static Map<String, String> variables(EmbeddedMySql mysql, String... names) {
        List<Map<String, Object>> rows =
                mysql.query(
                        "SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.GLOBAL_VARIABLES"
                                + " WHERE VARIABLE_NAME IN ('LOG_BIN', 'BINLOG_FORMAT', 'BINLOG_ROW_IMAGE', 'SERVER_ID')");
        Map<String, String> values = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            values.put(row.get("VARIABLE_NAME").toString().toLowerCase(), row.get("VARIABLE_VALUE").toString());
        }
        assertEquals(names.length, values.size(), "variables found: " + values);
        return values;
    }
}
