package io.doris2pc.testserver;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition the server reaches in real time (publishing), with a deadline that names it. */
final class Awaits {
    private Awaits() {}

    static void until(String what, Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not reached within " + deadline + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}
