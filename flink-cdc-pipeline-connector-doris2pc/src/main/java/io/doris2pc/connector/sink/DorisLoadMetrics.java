package io.doris2pc.connector.sink;

import io.doris2pc.connector.load.DorisLoadTimings;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Doris's timings of each pre-committed Stream Load as histograms (the last {@value #WINDOW} loads) in the writer's
 * metric group, named after the fields of Doris's answer, and the body bytes Doris received as a counter.
 */
final class DorisLoadMetrics {

    /** Loads a histogram's statistics cover. */
    static final int WINDOW = 1000;

    private final Histogram loadTimeMs;
    private final Histogram beginTxnTimeMs;
    private final Histogram streamLoadPutTimeMs;
    private final Histogram readDataTimeMs;
    private final Histogram writeDataTimeMs;
    private final Histogram commitAndPublishTimeMs;
    private final Counter loadBytes;

    DorisLoadMetrics(MetricGroup group) {
        this.loadTimeMs = histogram(group, "dorisLoadTimeMs");
        this.beginTxnTimeMs = histogram(group, "dorisBeginTxnTimeMs");
        this.streamLoadPutTimeMs = histogram(group, "dorisStreamLoadPutTimeMs");
        this.readDataTimeMs = histogram(group, "dorisReadDataTimeMs");
        this.writeDataTimeMs = histogram(group, "dorisWriteDataTimeMs");
        this.commitAndPublishTimeMs = histogram(group, "dorisCommitAndPublishTimeMs");
        this.loadBytes = group.counter("dorisLoadBytes");
    }

    private static Histogram histogram(MetricGroup group, String name) {
        return group.histogram(name, new DescriptiveStatisticsHistogram(WINDOW));
    }

    /** Records what Doris reported; a field it did not send (-1) is left out. */
    void record(DorisLoadTimings timings) {
        update(loadTimeMs, timings.loadTimeMs());
        update(beginTxnTimeMs, timings.beginTxnTimeMs());
        update(streamLoadPutTimeMs, timings.streamLoadPutTimeMs());
        update(readDataTimeMs, timings.readDataTimeMs());
        update(writeDataTimeMs, timings.writeDataTimeMs());
        update(commitAndPublishTimeMs, timings.commitAndPublishTimeMs());
        if (timings.loadBytes() >= 0) {
            loadBytes.inc(timings.loadBytes());
        }
    }

    private static void update(Histogram histogram, long value) {
        if (value >= 0) {
            histogram.update(value);
        }
    }
}
