package io.doris2pc.e2e;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Flink metric reporter for pipelines run in this JVM's MiniCluster: keeps every counter it is told about, so
 * a test can read a connector's counters and histograms by name. Register it with
 * {@code flinkConfig("metrics.reporter.counting.factory.class", CountingMetricReporter.Factory.class.getName())}.
 */
public final class CountingMetricReporter implements MetricReporter {

    private static final Map<String, List<Counter>> COUNTERS = new ConcurrentHashMap<>();
    private static final Map<String, List<Histogram>> HISTOGRAMS = new ConcurrentHashMap<>();

    /** The sum of every counter of that name registered so far (all subtasks, all jobs of this JVM). */
    static long sum(String name) {
        return COUNTERS.getOrDefault(name, List.of()).stream().mapToLong(Counter::getCount).sum();
    }

    /** How many values the histograms of that name recorded (all subtasks), within their windows. */
    static long histogramCount(String name) {
        return HISTOGRAMS.getOrDefault(name, List.of()).stream().mapToLong(Histogram::getCount).sum();
    }

    static void forgetAll() {
        COUNTERS.clear();
        HISTOGRAMS.clear();
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        if (metric instanceof Counter) {
            COUNTERS.computeIfAbsent(metricName, name -> new CopyOnWriteArrayList<>()).add((Counter) metric);
        } else if (metric instanceof Histogram) {
            HISTOGRAMS.computeIfAbsent(metricName, name -> new CopyOnWriteArrayList<>()).add((Histogram) metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {}

    /** Found through {@code META-INF/services}, named by {@code factory.class}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new CountingMetricReporter();
        }
    }
}
