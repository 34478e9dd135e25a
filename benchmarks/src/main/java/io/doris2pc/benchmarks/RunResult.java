package io.doris2pc.benchmarks;

import io.doris2pc.testserver.CommitRecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The measurements of one sink-path run: what the child JVM wrote, joined with the commits the Doris test
 * server saw for the run's table. The measured part runs from the end of the generator's warm-up events to the
 * moment the last row was visible in Doris (counted, for the source alone); rates and CPU count the rows of
 * that part only.
 */
final class RunResult {
    private static final double MB = 1024.0 * 1024.0;

    final SinkUnderTest sink;
    final long rows;
    final long rowsLanded;
    final double rowsPerSecond;
    final double mbPerSecond;
    /** Stream Load body bytes Doris received per row landed: after compression, where the sink compresses. */
    final double wireBytesPerRow;
    final double cpuSecondsPerMillionRows;
    /** CPU of the task thread that runs the sink writer (and the framework's deserialization before it). */
    final double sinkTaskCpuSecondsPerMillionRows;
    /** CPU of the benchmark's own JVM during the whole run, per row: the Doris test server, all but idle. */
    final double serverCpuSecondsPerMillionRows;
    final double peakHeapMb;
    final double peakHeapAfterGcMb;
    /** Empty when the sink does not commit at checkpoints. */
    final List<Long> commitLatenciesMillis;
    final long maxRowsPerCheckpoint;

    private RunResult(SinkUnderTest sink, long rows, Properties p, List<CommitRecord> commits,
            double serverCpuSeconds) {
        this.sink = sink;
        this.rows = rows;
        long start = number(p, "measuredFromMillis");
        long measuredRows = rows - number(p, "measuredFromEvent");
        long end;
        long bytes = 0;
        if (sink.writesToDoris()) {
            List<CommitRecord> ordered = new ArrayList<>(commits);
            ordered.sort(Comparator.comparing(CommitRecord::wallTime));
            long landed = 0;
            end = start;
            for (CommitRecord c : ordered) {
                landed += c.rows();
                bytes += c.bytes();
                end = c.wallTime().toEpochMilli();
            }
            this.rowsLanded = landed;
            this.commitLatenciesMillis = sink.commitsAtCheckpoints() ? latencies(checkpoints(p), ordered) : List.of();
        } else {
            this.rowsLanded = number(p, "countedRows");
            end = number(p, "countedLastRowMillis");
            this.commitLatenciesMillis = List.of();
        }
        double seconds = Math.max(1, end - start) / 1000.0;
        this.rowsPerSecond = measuredRows / seconds;
        this.mbPerSecond = rowsLanded == 0 ? 0 : (double) bytes / rowsLanded * rowsPerSecond / MB;
        this.wireBytesPerRow = rowsLanded == 0 ? 0 : (double) bytes / rowsLanded;
        double cpuSeconds = (number(p, "endCpuNanos") - number(p, "measuredFromCpuNanos")) / 1e9;
        this.cpuSecondsPerMillionRows = cpuSeconds / measuredRows * 1_000_000;
        double sinkTaskCpuSeconds =
                (number(p, "endSinkTaskCpuNanos") - number(p, "measuredFromSinkTaskCpuNanos")) / 1e9;
        this.sinkTaskCpuSecondsPerMillionRows = sinkTaskCpuSeconds / measuredRows * 1_000_000;
        this.serverCpuSecondsPerMillionRows = serverCpuSeconds / rows * 1_000_000;
        this.peakHeapMb = number(p, "peakHeapUsed") / MB;
        this.peakHeapAfterGcMb = number(p, "peakHeapAfterGc") / MB;
        this.maxRowsPerCheckpoint = maxRowsPerCheckpoint(checkpoints(p));
    }

    static RunResult read(SinkUnderTest sink, long rows, Path resultFile, List<CommitRecord> commits,
            double serverCpuSeconds) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(resultFile)) {
            p.load(in);
        }
        if (!Boolean.parseBoolean(p.getProperty("jobSucceeded"))) {
            throw new IllegalStateException("The " + sink.title() + " job failed: " + p.getProperty("jobFailure"));
        }
        return new RunResult(sink, rows, p, commits, serverCpuSeconds);
    }

    boolean complete() {
        return rowsLanded == rows;
    }

    /** Checkpoint id to {events emitted before its barrier, wall time it completed}, in id order. */
    private static TreeMap<Long, long[]> checkpoints(Properties p) {
        TreeMap<Long, long[]> checkpoints = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("checkpoint.")) {
                String[] parts = p.getProperty(key).split(",");
                checkpoints.put(Long.parseLong(key.substring("checkpoint.".length())),
                        new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
            }
        }
        return checkpoints;
    }

    /**
     * For each checkpoint that covered new rows: from its completion to the first moment Doris showed at least
     * the rows emitted before its barrier (each change is one row in Doris).
     */
    private static List<Long> latencies(TreeMap<Long, long[]> checkpoints, List<CommitRecord> ordered) {
        List<Long> latencies = new ArrayList<>();
        long previousEmitted = 0;
        for (Map.Entry<Long, long[]> checkpoint : checkpoints.entrySet()) {
            long emitted = checkpoint.getValue()[0];
            long completed = checkpoint.getValue()[1];
            if (emitted == previousEmitted) {
                continue;
            }
            previousEmitted = emitted;
            long landed = 0;
            for (CommitRecord c : ordered) {
                landed += c.rows();
                if (landed >= emitted) {
                    latencies.add(Math.max(0, c.wallTime().toEpochMilli() - completed));
                    break;
                }
            }
        }
        return latencies;
    }

    private static long maxRowsPerCheckpoint(TreeMap<Long, long[]> checkpoints) {
        long max = 0;
        long previous = 0;
        for (long[] checkpoint : checkpoints.values()) {
            max = Math.max(max, checkpoint[0] - previous);
            previous = checkpoint[0];
        }
        return max;
    }

    private static long number(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("The run's result has no " + key);
        }
        return Long.parseLong(value);
    }
}
