package io.doris2pc.e2e;

import io.doris2pc.examples.MySqlClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A steady stream of changes to the four shards, on a thread of its own, so that failures strike while changes
 * flow: each step inserts a new employee into the next shard, every third step updates an employee inserted
 * earlier, every seventh updates one of the original employees and, unless disabled, every fifth deletes an
 * employee inserted earlier. Inserts name their columns, so columns added to a shard meanwhile get their default.
 */
final class ShardChanges implements AutoCloseable {

    private static final Duration PAUSE = Duration.ofMillis(20);
    private static final int ORIGINAL_FIRST = 10001;
    private static final int ORIGINAL_COUNT = 116;

    private final MySqlClient mysql;
    private final int firstEmpNo;
    private final boolean deletes;
    private final AtomicInteger steps = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean paused;
    private volatile boolean idle;

    private ShardChanges(MySqlClient mysql, int firstEmpNo, boolean deletes) {
        this.mysql = mysql;
        this.firstEmpNo = firstEmpNo;
        this.deletes = deletes;
        this.thread = new Thread(this::run, "shard-changes");
        thread.setDaemon(true);
    }

    /** Starts inserting employees numbered from {@code firstEmpNo} (keep ranges of one test apart). */
    static ShardChanges start(MySqlClient mysql, int firstEmpNo, boolean deletes) {
        ShardChanges changes = new ShardChanges(mysql, firstEmpNo, deletes);
        changes.thread.start();
        return changes;
    }

    /** Steps done so far. */
    int steps() {
        return steps.get();
    }

    /** Waits until {@code count} more steps are done; fails if the generator failed. */
    void awaitMoreSteps(int count, Duration timeout) {
        int target = steps() + count;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (steps() < target) {
            throwIfFailed();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + count + " more source changes");
            }
            sleep(PAUSE);
        }
    }

    /** Holds the changes once the current step is done, until {@link #resume}. */
    void pause() {
        paused = true;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!idle) {
            throwIfFailed();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after 30 s waiting for the source changes to pause");
            }
            sleep(PAUSE);
        }
    }

    void resume() {
        paused = false;
    }

    /** Stops after the current step and returns the number of steps; fails if a statement failed. */
    int stop() throws InterruptedException {
        stopping = true;
        thread.join(Duration.ofSeconds(30).toMillis());
        throwIfFailed();
        return steps();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(Duration.ofSeconds(30).toMillis());
    }

    private void run() {
        try (Connection connection = DriverManager.getConnection(mysql.jdbcUrl(), mysql.user(), mysql.password());
                Statement statement = connection.createStatement()) {
            while (!stopping) {
                idle = paused;
                if (idle) {
                    sleep(PAUSE);
                    continue;
                }
                for (String sql : step(steps.get())) {
                    statement.execute(sql);
                }
                steps.incrementAndGet();
                sleep(PAUSE);
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        }
    }

    private List<String> step(int i) {
        List<String> sql = new ArrayList<>();
        sql.add("INSERT INTO " + shard(i) + " (emp_no, birth_date, first_name, last_name, gender, hire_date) VALUES ("
                + (firstEmpNo + i) + ", '1990-01-01', 'Gen" + i + "', 'Erated', 'F', '2024-01-01')");
        if (i % 3 == 2) {
            sql.add("UPDATE " + shard(i - 2) + " SET last_name = 'Updated" + i + "' WHERE emp_no = "
                    + (firstEmpNo + i - 2));
        }
        if (i % 7 == 6) {
            int original = ORIGINAL_FIRST + (i * 13) % ORIGINAL_COUNT;
            for (String shard : MergedShards.SHARDS) {
                sql.add("UPDATE " + shard + " SET first_name = 'Touched" + i + "' WHERE emp_no = " + original);
            }
        }
        if (deletes && i % 5 == 4) {
            sql.add("DELETE FROM " + shard(i - 4) + " WHERE emp_no = " + (firstEmpNo + i - 4));
        }
        return sql;
    }

    private static String shard(int i) {
        return MergedShards.SHARDS.get(i % MergedShards.SHARDS.size());
    }

    private void throwIfFailed() {
        if (failure.get() != null) {
            throw new AssertionError("A source change failed: " + failure.get().getMessage(), failure.get());
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
