package io.doris2pc.e2e.support;

import io.doris2pc.e2e.MergedShards;
import io.doris2pc.examples.MySqlClient;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Changes flowing into the four shards while a test injects a fault: on a thread of its own, in turn per shard, an
 * insert of a new employee, an update, and a delete (alternately the shard's oldest row and its newest inserted
 * one), each its own MySQL transaction. New employees get numbers from {@link #FIRST_NEW_EMP_NO} on, unique across
 * shards as the merged table's key requires.
 */
public final class ShardChanges implements AutoCloseable {

    public static final int FIRST_NEW_EMP_NO = 70001;

    private final MySqlClient mysql;
    private final Duration pause;
    private final List<Deque<Integer>> insertedByShard = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile int applied;

    private ShardChanges(MySqlClient mysql, Duration pause) {
        this.mysql = mysql;
        this.pause = pause;
        for (int i = 0; i < MergedShards.SHARDS.size(); i++) {
            insertedByShard.add(new ArrayDeque<>());
        }
        this.thread = new Thread(this::run, "shard-changes");
        this.thread.setDaemon(true);
    }

    /** Starts changing the shards, one statement every {@code pause}. */
    public static ShardChanges start(MySqlClient mysql, Duration pause) {
        ShardChanges changes = new ShardChanges(mysql, pause);
        changes.thread.start();
        return changes;
    }

    /** Statements applied so far. */
    public int applied() {
        return applied;
    }

    /** Waits until at least {@code count} statements were applied in all. */
    public void awaitApplied(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied < count) {
            rethrowFailure();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + applied + " of " + count + " source changes were applied within "
                        + timeout);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    /** Stops after the statement in progress; returns how many were applied. */
    public int stop() {
        stopping = true;
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the source changes", e);
        }
        if (thread.isAlive()) {
            throw new AssertionError("The source changes did not stop within 30 s");
        }
        rethrowFailure();
        return applied;
    }

    @Override
    public void close() {
        stop();
    }

    private void run() {
        int empNo = FIRST_NEW_EMP_NO;
        try {
            for (int step = 0; !stopping; step++) {
                int shardIndex = step % MergedShards.SHARDS.size();
                String shard = MergedShards.SHARDS.get(shardIndex);
                Deque<Integer> inserted = insertedByShard.get(shardIndex);
                switch ((step / MergedShards.SHARDS.size()) % 3) {
                    case 0:
                        mysql.execute("INSERT INTO " + shard + " VALUES (" + empNo + ",'1990-01-01','New',"
                                + "'Hire" + empNo + "','F','2020-01-01')");
                        inserted.addLast(empNo++);
                        break;
                    case 1:
                        mysql.execute("UPDATE " + shard + " SET last_name = 'Upd" + step + "', "
                                + "hire_date = DATE_ADD(hire_date, INTERVAL 1 DAY) ORDER BY emp_no DESC LIMIT 1");
                        break;
                    default:
                        if (step % 2 == 0 || inserted.isEmpty()) {
                            mysql.execute("DELETE FROM " + shard + " ORDER BY emp_no LIMIT 1");
                        } else {
                            mysql.execute("DELETE FROM " + shard + " WHERE emp_no = " + inserted.removeLast());
                        }
                }
                applied++;
                sleep(pause);
            }
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    private void rethrowFailure() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw new IllegalStateException("Changing the source failed after " + applied + " statements", e);
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
