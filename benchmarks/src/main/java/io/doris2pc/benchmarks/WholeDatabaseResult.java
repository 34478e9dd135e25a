package io.doris2pc.benchmarks;

import io.doris2pc.testserver.CommitRecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/** One whole-database run: what its child JVM wrote, joined with what the Doris test server saw. */
final class WholeDatabaseResult {
    private static final int FAILURE_CHARS = 160;

    final boolean succeeded;
    final String failure;
    final long offeredChanges;
    final long emittedChanges;
    final long landedRows;
    /** First change emitted to the last commit, or to the job's end where it failed. */
    final double seconds;
    final long peakTransactions;
    final int quota;
    final List<CheckpointCommits.Commits> checkpoints;
    final int peakThreads;
    final double peakHeapAfterGcMb;
    final double ddlSeconds;

    private WholeDatabaseResult(Properties p, long offeredChanges, long peakTransactions, int quota,
            List<CommitRecord> commits) {
        this.succeeded = Boolean.parseBoolean(p.getProperty("jobSucceeded"));
        this.failure = p.getProperty("jobFailure", "");
        this.offeredChanges = offeredChanges;
        this.emittedChanges = number(p, "changesEmitted");
        this.peakTransactions = peakTransactions;
        this.quota = quota;
        long first = number(p, "firstChangeMillis");
        long end = succeeded ? first : number(p, "endMillis");
        long landed = 0;
        List<Long> commitMillis = new ArrayList<>();
        for (CommitRecord c : commits) {
            landed += c.rows();
            commitMillis.add(c.wallTime().toEpochMilli());
            if (succeeded) {
                end = Math.max(end, c.wallTime().toEpochMilli());
            }
        }
        this.landedRows = landed;
        this.seconds = Math.max(1, end - first) / 1000.0;
        List<Long> completed = new ArrayList<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("checkpoint.")) {
                completed.add(Long.parseLong(p.getProperty(key)));
            }
        }
        this.checkpoints = completed.isEmpty() ? List.of() : CheckpointCommits.of(completed, commitMillis);
        this.peakThreads = (int) number(p, "peakThreads");
        this.peakHeapAfterGcMb = number(p, "peakHeapAfterGc") / (1024.0 * 1024.0);
        this.ddlSeconds = number(p, "ddlMillis") / 1000.0;
    }

    /** A run whose JVM ended without writing its result (Flink's handler ends it on an OutOfMemoryError). */
    private WholeDatabaseResult(String failure, long offeredChanges, long peakTransactions, int quota,
            List<CommitRecord> commits) {
        this.succeeded = false;
        this.failure = failure;
        this.offeredChanges = offeredChanges;
        this.emittedChanges = -1;
        this.peakTransactions = peakTransactions;
        this.quota = quota;
        this.landedRows = commits.stream().mapToLong(CommitRecord::rows).sum();
        this.seconds = Double.NaN;
        this.checkpoints = List.of();
        this.peakThreads = -1;
        this.peakHeapAfterGcMb = Double.NaN;
        this.ddlSeconds = Double.NaN;
    }

    static WholeDatabaseResult read(Path resultFile, long offeredChanges, long peakTransactions, int quota,
            List<CommitRecord> commits) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(resultFile)) {
            p.load(in);
        }
        return new WholeDatabaseResult(p, offeredChanges, peakTransactions, quota, commits);
    }

    /** The run of a JVM that died: the reason is the first OutOfMemoryError or exception its log names. */
    static WholeDatabaseResult died(String exit, Path log, long offeredChanges, long peakTransactions, int quota,
            List<CommitRecord> commits) throws IOException {
        String reason = exit;
        try (Stream<String> lines = Files.lines(log)) {
            Optional<String> error = lines.filter(l -> l.startsWith("java.lang.OutOfMemoryError")
                    || l.contains("larger than limit")).findFirst();
            if (error.isPresent()) {
                reason = error.get() + " (" + exit + ")";
            }
        }
        return new WholeDatabaseResult(reason, offeredChanges, peakTransactions, quota, commits);
    }

    /** "ok", or the failure with how far the run got: a refused load is a result, not an error of the benchmark. */
    String outcome() {
        if (succeeded) {
            return landedRows == offeredChanges ? "ok"
                    : "ended, but " + landedRows + " of " + offeredChanges + " rows landed";
        }
        String reason = failure.replace('|', '/').replaceAll("\\s+", " ");
        if (reason.length() > FAILURE_CHARS) {
            reason = reason.substring(0, FAILURE_CHARS) + "...";
        }
        if (emittedChanges < 0) {
            return String.format("FAILED, JVM died, %,d of %,d changes landed: %s", landedRows, offeredChanges,
                    reason);
        }
        return String.format("FAILED after %.0f s, %,d of %,d changes emitted, %,d landed: %s", seconds,
                emittedChanges, offeredChanges, landedRows, reason);
    }

    /** Peak JVM threads, heap after GC (MB) and the DDL's seconds; "-" each where the JVM died before saying. */
    String peakThreads() {
        return peakThreads < 0 ? "-" : String.valueOf(peakThreads);
    }

    String peakHeapAfterGc() {
        return Double.isNaN(peakHeapAfterGcMb) ? "-" : String.format("%.0f", peakHeapAfterGcMb);
    }

    String ddl() {
        return Double.isNaN(ddlSeconds) ? "-" : String.format("%.1f", ddlSeconds);
    }

    String rowsPerSecond() {
        return succeeded ? String.format("%,.0f", landedRows / seconds) : "-";
    }

    String peakTransactions() {
        return peakTransactions + " (" + Math.round(100.0 * peakTransactions / quota) + " %)";
    }

    String commitTimes() {
        if (checkpoints.isEmpty()) {
            return "-";
        }
        List<Double> millis = new ArrayList<>();
        checkpoints.forEach(c -> millis.add((double) c.millisAfterCompletion));
        return String.format("%.0f / %.0f", Stats.percentile(millis, 50), Stats.percentile(millis, 100));
    }

    String maxTransactionsPerCheckpoint() {
        return String.valueOf(checkpoints.stream().mapToInt(c -> c.transactions).max().orElse(0));
    }

    private static long number(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("The run's result has no " + key);
        }
        return Long.parseLong(value);
    }
}
