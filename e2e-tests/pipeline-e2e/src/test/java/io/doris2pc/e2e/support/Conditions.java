package io.doris2pc.e2e.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition with a deadline, for what no running pipeline watches over. */
public final class Conditions {

    private static final Duration POLL = Duration.ofMillis(5);

    private Conditions() {}

    /** Waits until {@code condition} holds; fails naming {@code description} after {@code timeout}. */
    public static void await(String description, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + description);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting until " + description, e);
            }
        }
    }
}
