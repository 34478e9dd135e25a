package io.doris2pc.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits until a condition holds or a deadline passes, failing with what was awaited; implementations also fail
 * early when the pipeline they watch has died ({@code RunningPipeline::awaitUntil}, {@link ChildPipeline}).
 */
@FunctionalInterface
interface Awaiter {
    void awaitUntil(String description, Duration timeout, BooleanSupplier condition);

    /** Polls with no pipeline to watch, e.g. once a job has ended. */
    static Awaiter polling() {
        return (description, timeout, condition) -> {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Timed out after " + timeout + " waiting until " + description);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted waiting until " + description, e);
                }
            }
        };
    }
}
