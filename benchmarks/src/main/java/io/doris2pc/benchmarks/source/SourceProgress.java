package io.doris2pc.benchmarks.source;

import com.sun.management.OperatingSystemMXBean;
import io.doris2pc.benchmarks.sink.SinkTaskCpu;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the generator did, for the benchmark that runs it in the same JVM (the job's classes are loaded
 * parent-first): when the measured part of the run began (after warm-up events that let the JIT compile the hot
 * paths) and ended, and for each checkpoint the events emitted before its barrier and when it completed.
 */
public final class SourceProgress {
    private static final AtomicLong MEASURED_FROM_EVENT = new AtomicLong();
    private static final AtomicLong MEASURED_FROM_MILLIS = new AtomicLong();
    private static final AtomicLong MEASURED_FROM_CPU_NANOS = new AtomicLong();
    private static final AtomicLong MEASURED_FROM_SINK_TASK_CPU_NANOS = new AtomicLong();
    private static final AtomicLong LAST_EVENT_MILLIS = new AtomicLong();
    private static final Map<Long, Long> EMITTED_AT_BARRIER = new ConcurrentHashMap<>();
    private static final Map<Long, Long> COMPLETED_MILLIS = new ConcurrentHashMap<>();

    private SourceProgress() {}

    /** The measured part of the run begins with event number {@code event} (0-based). */
    static void measureFrom(long event) {
        MEASURED_FROM_EVENT.set(event);
        MEASURED_FROM_CPU_NANOS.set(processCpuNanos());
        MEASURED_FROM_SINK_TASK_CPU_NANOS.set(SinkTaskCpu.nanos());
        MEASURED_FROM_MILLIS.set(System.currentTimeMillis());
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

    public static long measuredFromMillis() {
        return MEASURED_FROM_MILLIS.get();
    }

    public static long measuredFromEvent() {
        return MEASURED_FROM_EVENT.get();
    }

    /** The JVM's CPU time when the measured part began. */
    public static long measuredFromCpuNanos() {
        return MEASURED_FROM_CPU_NANOS.get();
    }

    public static long measuredFromSinkTaskCpuNanos() {
        return MEASURED_FROM_SINK_TASK_CPU_NANOS.get();
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
