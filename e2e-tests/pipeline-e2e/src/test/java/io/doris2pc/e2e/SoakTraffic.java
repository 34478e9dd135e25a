package io.doris2pc.e2e;

import io.doris2pc.examples.MySqlClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The soak's random changes to the four shards: each step is a MySQL transaction of one to three inserts, updates
 * and deletes of random employees of random shards. Each change also appends a row to {@link #CHANGE_LOG}, in the
 * same transaction, whose id Doris must then hold exactly once: a change replayed or committed twice shows there
 * as a doubled row, which the UNIQUE KEY table of the employees would hide.
 */
final class SoakTraffic implements SourceTraffic.Step {

    /** An append-only source table, landed in a DUPLICATE KEY table of the same name in Doris. */
    static final String CHANGE_LOG = "soak.change_log";

    private static final int FIRST_NEW_EMP_NO = 500_000;
    private static final Duration PAUSE = Duration.ofMillis(10);

    private final MySqlClient mysql;
    private final Random random;
    private final List<List<Integer>> empNosByShard = new ArrayList<>();
    private int nextEmpNo = FIRST_NEW_EMP_NO;
    private String extraColumnShard;
    private String extraColumn;
    private boolean extraColumnIsInt;

    private SoakTraffic(MySqlClient mysql, Random random) {
        this.mysql = mysql;
        this.random = random;
        for (String shard : MergedShards.SHARDS) {
            List<Integer> empNos = new ArrayList<>();
            for (Map<String, Object> row : mysql.query("SELECT emp_no FROM " + shard)) {
                empNos.add(((Number) row.get("emp_no")).intValue());
            }
            empNosByShard.add(empNos);
        }
    }

    /**
     * Creates the source's change log table with one row, so that Doris equals the source after the snapshot only
     * once the source has read this table's snapshot too: changes made before that may be doubled by the MySQL
     * source (without GTIDs), which the change log would count against the sink.
     */
    static void createChangeLog(MySqlClient mysql) {
        mysql.execute(
                "DROP DATABASE IF EXISTS soak",
                "CREATE DATABASE soak",
                "CREATE TABLE " + CHANGE_LOG + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, shard VARCHAR(40) NOT NULL, "
                        + "op VARCHAR(10) NOT NULL, emp_no INT NOT NULL)",
                "INSERT INTO " + CHANGE_LOG + " (shard, op, emp_no) VALUES ('', 'snapshot', 0)");
    }

    /** A new traffic of random changes to the shards as they are now; {@code random} belongs to it from now on. */
    static SoakTraffic of(MySqlClient mysql, Random random) {
        return new SoakTraffic(mysql, random);
    }

    /** Runs this traffic's steps until stopped. */
    SourceTraffic start() {
        return SourceTraffic.start(mysql, "soak-traffic", PAUSE, this);
    }

    /**
     * Adds {@code column} to {@code shard} and inserts one employee with a value for it; later inserts and updates
     * of that shard set it too. Only while {@code traffic} is paused: its thread reads the new column's state
     * after it resumes.
     */
    void addColumn(SourceTraffic traffic, String shard, String column, String type) {
        traffic.pause();
        mysql.execute("ALTER TABLE " + shard + " ADD COLUMN " + column + " " + type);
        extraColumnShard = shard;
        extraColumn = column;
        extraColumnIsInt = type.equals("INT");
        try (Connection connection = DriverManager.getConnection(mysql.jdbcUrl(), mysql.user(), mysql.password());
                Statement statement = connection.createStatement()) {
            insert(statement, MergedShards.SHARDS.indexOf(shard));
        } catch (SQLException e) {
            throw new IllegalStateException("Inserting into " + shard + " after its new column failed", e);
        }
        traffic.resume();
    }

    @Override
    public void run(Connection connection, int index) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            int changes = 1 + random.nextInt(3);
            for (int i = 0; i < changes; i++) {
                change(statement);
            }
        }
        connection.commit();
    }

    private void change(Statement statement) throws SQLException {
        int shard = random.nextInt(MergedShards.SHARDS.size());
        String table = MergedShards.SHARDS.get(shard);
        List<Integer> empNos = empNosByShard.get(shard);
        int dice = random.nextInt(100);
        if (dice < 40 || empNos.size() < 10) {
            insert(statement, shard);
        } else if (dice < 75) {
            int empNo = empNos.get(random.nextInt(empNos.size()));
            String extra = table.equals(extraColumnShard) ? ", " + extraColumn + " = " + extraValue() : "";
            statement.executeUpdate("UPDATE " + table + " SET last_name = 'U" + random.nextInt(1_000_000)
                    + "', hire_date = DATE_ADD(hire_date, INTERVAL 1 DAY)" + extra + " WHERE emp_no = " + empNo);
            log(statement, table, "update", empNo);
        } else {
            int empNo = empNos.remove(random.nextInt(empNos.size()));
            statement.executeUpdate("DELETE FROM " + table + " WHERE emp_no = " + empNo);
            log(statement, table, "delete", empNo);
        }
    }

    private void insert(Statement statement, int shard) throws SQLException {
        int empNo = nextEmpNo++;
        String table = MergedShards.SHARDS.get(shard);
        boolean extra = table.equals(extraColumnShard);
        statement.executeUpdate("INSERT INTO " + table + " (emp_no, birth_date, first_name, last_name, gender, "
                + "hire_date" + (extra ? ", " + extraColumn : "") + ") VALUES (" + empNo + ", '1990-01-01', "
                + "'Soak', 'I" + empNo + "', '" + (random.nextBoolean() ? 'F' : 'M') + "', '2024-01-01'"
                + (extra ? ", " + extraValue() : "") + ")");
        empNosByShard.get(shard).add(empNo);
        log(statement, table, "insert", empNo);
    }

    private static void log(Statement statement, String table, String op, int empNo) throws SQLException {
        statement.executeUpdate("INSERT INTO " + CHANGE_LOG + " (shard, op, emp_no) VALUES ('" + table + "', '" + op
                + "', " + empNo + ")");
    }

    private String extraValue() {
        int value = random.nextInt(100_000);
        return extraColumnIsInt ? Integer.toString(value) : "'x" + value + "'";
    }
}
