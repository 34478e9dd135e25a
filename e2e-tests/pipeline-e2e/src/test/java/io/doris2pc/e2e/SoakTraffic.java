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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Random changes to the four shards on a thread of their own: MySQL transactions of one to three inserts, updates
 * and deletes of random employees of random shards. Each change also appends a row to {@link #CHANGE_LOG}, in the
 * same transaction, whose id Doris must then hold exactly once: a change replayed or committed twice shows there
 * as a doubled row, which the UNIQUE KEY table of the employees would hide.
 */
final class SoakTraffic implements AutoCloseable {

    /** An append-only source table, landed in a DUPLICATE KEY table of the same name in Doris. */
    static final String CHANGE_LOG = "soak.change_log";

    private static final int FIRST_NEW_EMP_NO = 500_000;
    private static final Duration PAUSE = Duration.ofMillis(10);

    private final MySqlClient mysql;
    private final Random random;
    private final List<List<Integer>> empNosByShard = new ArrayList<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;
    private int nextEmpNo = FIRST_NEW_EMP_NO;
    private volatile String extraColumnShard;
    private volatile String extraColumnDefinition;
    private volatile boolean stopping;
    private volatile boolean paused;
    private volatile boolean idle;
    private volatile int changes;

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
        this.thread = new Thread(this::run, "soak-traffic");
        this.thread.setDaemon(true);
    }

    /** Creates the source's change log table (empty). */
    static void createChangeLog(MySqlClient mysql) {
        mysql.execute(
                "DROP DATABASE IF EXISTS soak",
                "CREATE DATABASE soak",
                "CREATE TABLE " + CHANGE_LOG + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, shard VARCHAR(40) NOT NULL, "
                        + "op VARCHAR(10) NOT NULL, emp_no INT NOT NULL)");
    }

    /** Starts changing the shards; {@code random} belongs to the traffic from now on. */
    static SoakTraffic start(MySqlClient mysql, Random random) {
        SoakTraffic traffic = new SoakTraffic(mysql, random);
        traffic.thread.start();
        return traffic;
    }

    /** Changes applied so far (each a source row change with its change log row). */
    int changes() {
        return changes;
    }

    void awaitMoreChanges(int count, Duration timeout) {
        int target = changes + count;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (changes < target) {
            throwIfFailed();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Only " + changes + " of " + target + " source changes were applied within " + timeout);
            }
            sleep(PAUSE);
        }
    }

    /** Holds the changes once the transaction in progress is done, until {@link #resume}. */
    void pause() {
        paused = true;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!idle) {
            throwIfFailed();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The source changes did not pause within 30 s");
            }
            sleep(PAUSE);
        }
    }

    void resume() {
        paused = false;
    }

    /**
     * Adds {@code column} to {@code shard} while the changes are paused, and inserts one employee with a value for it;
     * later inserts and updates of that shard set it too.
     */
    void addColumn(String shard, String column, String type) {
        if (!idle) {
            throw new IllegalStateException("Pause the changes before a schema change");
        }
        mysql.execute("ALTER TABLE " + shard + " ADD COLUMN " + column + " " + type);
        extraColumnShard = shard;
        extraColumnDefinition = column + " " + type;
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            insert(statement, MergedShards.SHARDS.indexOf(shard));
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Inserting into " + shard + " after its new column failed", e);
        }
    }

    /** Stops after the transaction in progress; returns the number of changes applied. */
    int stop() {
        stopping = true;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted stopping the source changes", e);
        }
        throwIfFailed();
        return changes;
    }

    @Override
    public void close() {
        stopping = true;
    }

    private void run() {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            while (!stopping) {
                idle = paused;
                if (idle) {
                    sleep(PAUSE);
                    continue;
                }
                int changesInTransaction = 1 + random.nextInt(3);
                for (int i = 0; i < changesInTransaction; i++) {
                    change(statement);
                }
                connection.commit();
                changes += changesInTransaction;
                sleep(PAUSE);
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        }
    }

    private void change(Statement statement) throws SQLException {
        int shard = random.nextInt(MergedShards.SHARDS.size());
        List<Integer> empNos = empNosByShard.get(shard);
        int dice = random.nextInt(100);
        if (dice < 40 || empNos.size() < 10) {
            insert(statement, shard);
        } else if (dice < 75) {
            int empNo = empNos.get(random.nextInt(empNos.size()));
            String extra = extraColumnShard != null && extraColumnShard.equals(MergedShards.SHARDS.get(shard))
                    ? ", " + extraColumnName() + " = " + extraValue()
                    : "";
            statement.executeUpdate("UPDATE " + MergedShards.SHARDS.get(shard) + " SET last_name = 'U"
                    + random.nextInt(1_000_000) + "', hire_date = DATE_ADD(hire_date, INTERVAL 1 DAY)" + extra
                    + " WHERE emp_no = " + empNo);
            log(statement, shard, "update", empNo);
        } else {
            int empNo = empNos.remove(random.nextInt(empNos.size()));
            statement.executeUpdate("DELETE FROM " + MergedShards.SHARDS.get(shard) + " WHERE emp_no = " + empNo);
            log(statement, shard, "delete", empNo);
        }
    }

    private void insert(Statement statement, int shard) throws SQLException {
        int empNo = nextEmpNo++;
        String table = MergedShards.SHARDS.get(shard);
        boolean extra = table.equals(extraColumnShard);
        statement.executeUpdate("INSERT INTO " + table + " (emp_no, birth_date, first_name, last_name, gender, "
                + "hire_date" + (extra ? ", " + extraColumnName() : "") + ") VALUES (" + empNo + ", '1990-01-01', "
                + "'Soak', 'I" + empNo + "', '" + (random.nextBoolean() ? 'F' : 'M') + "', '2024-01-01'"
                + (extra ? ", " + extraValue() : "") + ")");
        empNosByShard.get(shard).add(empNo);
        log(statement, shard, "insert", empNo);
    }

    private void log(Statement statement, int shard, String op, int empNo) throws SQLException {
        statement.executeUpdate("INSERT INTO " + CHANGE_LOG + " (shard, op, emp_no) VALUES ('"
                + MergedShards.SHARDS.get(shard) + "', '" + op + "', " + empNo + ")");
    }

    private String extraColumnName() {
        return extraColumnDefinition.substring(0, extraColumnDefinition.indexOf(' '));
    }

    private String extraValue() {
        int value = random.nextInt(100_000);
        return extraColumnDefinition.endsWith(" INT") ? Integer.toString(value) : "'x" + value + "'";
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(mysql.jdbcUrl(), mysql.user(), mysql.password());
        connection.setAutoCommit(false);
        return connection;
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("A source change failed after " + changes + " changes", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
