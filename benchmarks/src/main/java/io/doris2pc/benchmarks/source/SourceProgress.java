package io.doris2pc.benchmarks.source;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the generator did, for the benchmark that runs it in the same JVM (the job's classes are loaded
 * parent-first): when it began and ended emitting, and for each checkpoint the events emitted before its
 * barrier and when it completed.
 */
public final class SourceProgress {
    private static final AtomicLong FIRST_EVENT_MILLIS = new AtomicLong();
    private static final AtomicLong FIRST_EVENT_CPU_NANOS = new AtomicLong();
    private static final AtomicLong LAST_EVENT_MILLIS = new AtomicLong();
    private static final Map<Long, Long> EMITTED_AT_BARRIER = new ConcurrentHashMap<>();
    private static final Map<Long, Long> COMPLETED_MILLIS = new ConcurrentHashMap<>();

    private SourceProgress() {}

    static void firstEvent(long millis) {
        if (FIRST_EVENT_MILLIS.compareAndSet(0, millis)) {
            FIRST_EVENT_CPU_NANOS.set(processCpuNanos());
        }
    }

    /** CPU time of all threads of this JVM so far. */
    public static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void lastEvent(long millis) {
        LAST_EVENT_MILLIS.set(millis);
    }

    static void barrier(long checkpointId, long emitted) {
        EMITTED_AT_BARRIER.put(checkpointId, emitted);
    }

    static void completed(long checkpointId, long millis) {
        COMPLETED_MILLIS.putIfAbsent(checkpointId, millis);
    }

    public static long firstEventMillis() {
        return FIRST_EVENT_MILLIS.get();
    }

    /** The JVM's CPU time when the first change event was emitted. */
    public static long firstEventCpuNanos() {
        return FIRST_EVENT_CPU_NANOS.get();
    }

    public static long lastEventMillis() {
        return LAST_EVENT_MILLIS.get();
    }

    /** Checkpoint id to events emitted before its barrier. */
    public static Map<Long, Long> emittedAtBarrier() {
        return Map.copyOf(EMITTED_AT_BARRIER);
    }

    /** Checkpoint id to the wall time the source learnt it completed. */
    public static Map<Long, Long> completedMillis() {
        return Map.copyOf(COMPLETED_MILLIS);
    }
}
