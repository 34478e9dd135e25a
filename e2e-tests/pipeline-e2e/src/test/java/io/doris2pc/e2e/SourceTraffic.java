package io.doris2pc.e2e;

import io.doris2pc.examples.MySqlClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Changes to the source on a thread of their own, so that failures strike while changes flow: a {@link Step} after
 * another on one MySQL connection, a short pause between steps, until stopped. A test can pause the steps (to let
 * the pipeline catch up, or to change a schema) and resume them.
 */
final class SourceTraffic implements AutoCloseable {

    /** One step of changes; {@code index} counts the steps from 0. */
    @FunctionalInterface
    interface Step {
        void run(Connection connection, int index) throws SQLException;
    }

    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final MySqlClient mysql;
    private final Step step;
    private final Duration pause;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile int steps;
    private volatile boolean stopping;
    private volatile boolean paused;
    private volatile boolean idle;

    private SourceTraffic(MySqlClient mysql, Step step, Duration pause, String name) {
        this.mysql = mysql;
        this.step = step;
        this.pause = pause;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Starts running {@code step} on a thread named {@code name}, waiting {@code pause} after each step. */
    static SourceTraffic start(MySqlClient mysql, String name, Duration pause, Step step) {
        SourceTraffic traffic = new SourceTraffic(mysql, step, pause, name);
        traffic.thread.start();
        return traffic;
    }

    /** Steps done so far. */
    int steps() {
        return steps;
    }

    /** Waits until {@code count} more steps are done; fails if a step failed. */
    void awaitMoreSteps(int count, Duration timeout) {
        int target = steps + count;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (steps < target) {
            throwIfFailed();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + count
                        + " more steps of source changes (" + steps + " done)");
            }
            sleep(POLL);
        }
    }

    /** Holds the steps once the current one is done, until {@link #resume}; returns once they are held. */
    void pause() {
        paused = true;
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (!idle) {
            throwIfFailed();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + STOP_TIMEOUT + " waiting for the source changes to pause");
            }
            sleep(POLL);
        }
    }

    void resume() {
        paused = false;
    }

    /** Stops after the current step and returns the number of steps; fails if a step failed. */
    int stop() {
        close();
        throwIfFailed();
        return steps;
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted stopping the source changes", e);
        }
    }

    private void run() {
        try (Connection connection = DriverManager.getConnection(mysql.jdbcUrl(), mysql.user(), mysql.password())) {
            while (!stopping) {
                idle = paused;
                if (idle) {
                    sleep(POLL);
                    continue;
                }
                step.run(connection, steps);
                steps++;
                sleep(pause);
            }
        } catch (SQLException | RuntimeException e) {
            failure.set(e);
        }
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new AssertionError("A source change failed after " + steps + " steps: " + e.getMessage(), e);
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
