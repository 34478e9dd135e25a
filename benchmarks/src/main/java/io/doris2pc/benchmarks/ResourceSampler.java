package io.doris2pc.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.doris2pc.benchmarks.sink.SinkTaskCpu;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the JVM while a run goes on: the sink task threads' CPU ({@link SinkTaskCpu}, lost when they end),
 * the highest heap in use, and the highest heap still in use right after a garbage collection, which is the
 * live data plus what the collector did not reach, and the better sign of memory that grows with the rows of
 * a checkpoint.
 */
final class ResourceSampler implements AutoCloseable {
    private static final long SAMPLE_MILLIS = 20;

    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final Thread sampler;
    private final NotificationListener gcListener = this::afterGc;
    private volatile boolean running = true;

    ResourceSampler() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(gcListener, null, null);
        }
        sampler = new Thread(this::sample, "resource-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            SinkTaskCpu.nanos();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void afterGc(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long heapAfter = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (isHeapPool(pool.getKey())) {
                heapAfter += pool.getValue().getUsed();
            }
        }
        peakAfterGc.accumulateAndGet(heapAfter, Math::max);
    }

    private static boolean isHeapPool(String name) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(p -> p.getName().equals(name) && p.getType() == MemoryType.HEAP);
    }

    long peakUsedBytes() {
        return peakUsed.get();
    }

    long peakAfterGcBytes() {
        return peakAfterGc.get();
    }

    @Override
    public void close() throws Exception {
        running = false;
        sampler.interrupt();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).removeNotificationListener(gcListener);
        }
    }
}
