package io.doris2pc.benchmarks.sink;

import java.util.concurrent.atomic.AtomicLong;

/** What the counting sink received, for the benchmark in the same JVM (classes load parent-first). */
public final class SinkCounter {
    private static final AtomicLong ROWS = new AtomicLong();
    private static final AtomicLong FIRST_ROW_MILLIS = new AtomicLong();
    private static final AtomicLong LAST_ROW_MILLIS = new AtomicLong();

    private SinkCounter() {}

    static void row() {
        long now = System.currentTimeMillis();
        FIRST_ROW_MILLIS.compareAndSet(0, now);
        LAST_ROW_MILLIS.set(now);
        ROWS.incrementAndGet();
    }

    public static long rows() {
        return ROWS.get();
    }

    public static long firstRowMillis() {
        return FIRST_ROW_MILLIS.get();
    }

    public static long lastRowMillis() {
        return LAST_ROW_MILLIS.get();
    }

    /** Before a new run in the same JVM. */
    public static void reset() {
        ROWS.set(0);
        FIRST_ROW_MILLIS.set(0);
        LAST_ROW_MILLIS.set(0);
    }
}
