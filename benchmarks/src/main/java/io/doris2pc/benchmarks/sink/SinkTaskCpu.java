package io.doris2pc.benchmarks.sink;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time of the task threads that run a sink writer in this JVM. Flink names such a thread after its operators
 * ("PostPartition -> Sink Writer: ... (1/1)#0"). A thread's CPU time is gone once it ends, so each is kept as
 * last seen: sample often.
 */
public final class SinkTaskCpu {
    private static final String SINK_TASK_THREAD = "Sink Writer";
    private static final Map<Long, Long> LAST_SEEN_NANOS = new ConcurrentHashMap<>();

    private SinkTaskCpu() {}

    /** Samples the sink task threads and returns their CPU time so far. */
    public static long nanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(SINK_TASK_THREAD)) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    LAST_SEEN_NANOS.put(info.getThreadId(), cpu);
                }
            }
        }
        return LAST_SEEN_NANOS.values().stream().mapToLong(Long::longValue).sum();
    }
}
