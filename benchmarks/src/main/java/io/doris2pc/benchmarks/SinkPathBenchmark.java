package io.doris2pc.benchmarks;

import io.doris2pc.benchmarks.source.SourceProgress;
import io.doris2pc.testserver.CommitRecord;
import io.doris2pc.testserver.DorisTestServer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sink path: the same generated change events through each sink, one child JVM per run, into one Doris
 * test server that checks and counts rows. Sinks take turns within each round (the order rotates), so the
 * ratios of one round share the machine's conditions.
 */
final class SinkPathBenchmark {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
    private static final SinkUnderTest[] SINKS = SinkUnderTest.values();
    private static final SinkUnderTest[] DORIS_SINKS =
            {SinkUnderTest.DORIS2PC, SinkUnderTest.OFFICIAL_2PC, SinkUnderTest.OFFICIAL_BATCH};

    private final BenchmarkSettings settings;
    private final DorisTestServer doris;
    private final ChildJvm jvm;
    private final PrintStream out;
    private int runNumber;

    SinkPathBenchmark(BenchmarkSettings settings, DorisTestServer doris, PrintStream out) {
        this.settings = settings;
        this.doris = doris;
        this.jvm = new ChildJvm(settings.childHeap);
        this.out = out;
    }

    /** Every sink, {@code rounds} times, for one table shape; prints the table. */
    void throughput(String shape, long rows) throws Exception {
        List<Map<SinkUnderTest, RunResult>> rounds = new ArrayList<>();
        for (int round = 0; round < settings.rounds; round++) {
            Map<SinkUnderTest, RunResult> results = new EnumMap<>(SinkUnderTest.class);
            for (int i = 0; i < SINKS.length; i++) {
                SinkUnderTest sink = SINKS[(i + round) % SINKS.length];
                results.put(sink, run(sink, shape, rows, settings.checkpointInterval));
            }
            rounds.add(results);
        }
        printThroughput(shape, rows, rounds);
    }

    /** The Doris sinks at a checkpoint interval and at ten times it: heap against rows per checkpoint. */
    void memory(String shape, long rows) throws Exception {
        TextTable table = new TextTable("sink", "checkpoint interval", "most rows in a checkpoint",
                "peak heap used (MB)", "peak heap after GC (MB)", "rows/s");
        for (Duration interval : List.of(settings.checkpointInterval, settings.checkpointInterval.multipliedBy(10))) {
            for (SinkUnderTest sink : DORIS_SINKS) {
                RunResult r = run(sink, shape, rows, interval);
                table.row(sink.title(), interval.toMillis() / 1000.0 + " s", String.valueOf(r.maxRowsPerCheckpoint),
                        format("%.0f", r.peakHeapMb), format("%.0f", r.peakHeapAfterGcMb),
                        format("%.0f", r.rowsPerSecond));
            }
        }
        out.printf("%n### Memory: %s table, %,d rows, child heap %s%n%n%s", shape, rows, settings.childHeap, table);
    }

    private RunResult run(SinkUnderTest sink, String shape, long rows, Duration interval) throws Exception {
        int number = ++runNumber;
        String name = (shape + "_" + sink.name() + "_" + number).toLowerCase(Locale.ROOT);
        Path dir = settings.workDir.resolve("sink-path").resolve(name);
        Files.createDirectories(dir);
        Path result = dir.resolve("result.properties");
        List<String> args = new ArrayList<>(List.of(
                "--sink", sink.name(), "--shape", shape, "--rows", String.valueOf(rows),
                "--table", "bench." + name, "--fenodes", doris.feAddress(), "--user", doris.user(),
                "--password", doris.password(), "--label-prefix", "b" + number,
                "--checkpoint-interval", interval.toMillis() + "ms", "--work-dir", dir.toString(),
                "--result", result.toString()));
        settings.progress.printf("  %s, %s table, %,d rows, checkpoints every %d ms ...%n", sink.title(), shape, rows,
                interval.toMillis());
        long serverCpuBefore = SourceProgress.processCpuNanos();
        jvm.run(SinkPathRun.class, settings.childJvmOptions(dir), args, dir.resolve("run.log"), RUN_TIMEOUT);
        double serverCpuSeconds = (SourceProgress.processCpuNanos() - serverCpuBefore) / 1e9;
        List<CommitRecord> commits = doris.commits().stream()
                .filter(c -> c.db().equals("bench") && c.table().equals(name))
                .collect(Collectors.toList());
        RunResult r = RunResult.read(sink, rows, result, commits, serverCpuSeconds);
        if (!r.complete()) {
            throw new IllegalStateException(sink.title() + " landed " + r.rowsLanded + " rows of " + rows
                    + " in bench." + name + "; see " + dir.resolve("run.log"));
        }
        settings.progress.printf("    %.0f rows/s, %.2f CPU s per million rows%n", r.rowsPerSecond, r.cpuSecondsPerMillionRows);
        return r;
    }

    private void printThroughput(String shape, long rows, List<Map<SinkUnderTest, RunResult>> rounds) {
        TextTable table = new TextTable("sink", "rows/s", "MB/s", "bytes on the wire / row", "CPU s / M rows (JVM)", "CPU s / M rows (sink)",
                "CPU s / M rows (sink task thread)",
                "peak heap (MB)", "heap after GC (MB)", "commit latency p50 / p99 (ms)", "Doris test server CPU s / M rows");
        for (SinkUnderTest sink : SINKS) {
            List<RunResult> runs = rounds.stream().map(r -> r.get(sink)).collect(Collectors.toList());
            List<Double> sinkCpu = new ArrayList<>();
            List<Double> latencies = new ArrayList<>();
            for (Map<SinkUnderTest, RunResult> round : rounds) {
                sinkCpu.add(sink.writesToDoris() ? sinkCpu(round, sink) : Double.NaN);
                round.get(sink).commitLatenciesMillis.forEach(l -> latencies.add((double) l));
            }
            table.row(sink.title(),
                    Stats.medianAndSpread(values(runs, r -> r.rowsPerSecond), "%.0f"),
                    sink.writesToDoris() ? Stats.medianAndSpread(values(runs, r -> r.mbPerSecond), "%.1f") : "-",
                    sink.writesToDoris() ? Stats.medianAndSpread(values(runs, r -> r.wireBytesPerRow), "%.0f") : "-",
                    Stats.medianAndSpread(values(runs, r -> r.cpuSecondsPerMillionRows), "%.1f"),
                    Stats.medianAndSpread(sinkCpu, "%.1f"),
                    Stats.medianAndSpread(values(runs, r -> r.sinkTaskCpuSecondsPerMillionRows), "%.1f"),
                    Stats.medianAndSpread(values(runs, r -> r.peakHeapMb), "%.0f"),
                    Stats.medianAndSpread(values(runs, r -> r.peakHeapAfterGcMb), "%.0f"),
                    latencies.isEmpty() ? "-" : format("%.0f / %.0f",
                            Stats.percentile(latencies, 50), Stats.percentile(latencies, 99)),
                    sink.writesToDoris()
                            ? Stats.medianAndSpread(values(runs, r -> r.serverCpuSecondsPerMillionRows), "%.1f")
                            : "-");
        }
        out.printf("%n### Sink path: %s table, %,d change events, %d round(s), checkpoints every %d ms%n%n%s",
                shape, rows, rounds.size(), settings.checkpointInterval.toMillis(), table);
        TextTable ratios = new TextTable("doris2pc / official, same round", "median [min-max]");
        for (SinkUnderTest compressed : List.of(SinkUnderTest.DORIS2PC_GZ, SinkUnderTest.DORIS2PC_LZ4)) {
            String codec = compressed == SinkUnderTest.DORIS2PC_GZ ? "gzip" : "lz4";
            ratios.row("bytes on the wire per row, " + codec + " vs none", Stats.medianAndSpread(ratio(rounds,
                    r -> r.get(compressed).wireBytesPerRow / r.get(SinkUnderTest.DORIS2PC).wireBytesPerRow), "%.2f"));
            ratios.row("sink CPU per row, " + codec + " vs none", Stats.medianAndSpread(ratio(rounds,
                    r -> sinkCpu(r, compressed) / sinkCpu(r, SinkUnderTest.DORIS2PC)), "%.2f"));
        }
        for (SinkUnderTest official : List.of(SinkUnderTest.OFFICIAL_2PC, SinkUnderTest.OFFICIAL_BATCH)) {
            ratios.row("rows/s vs " + official.title(), Stats.medianAndSpread(ratio(rounds,
                    r -> r.get(SinkUnderTest.DORIS2PC).rowsPerSecond / r.get(official).rowsPerSecond), "%.2f"));
            ratios.row("sink CPU per row vs " + official.title(), Stats.medianAndSpread(ratio(rounds,
                    r -> sinkCpu(r, SinkUnderTest.DORIS2PC) / sinkCpu(r, official)), "%.2f"));
        }
        out.printf("%n%s", ratios);
    }

    /** CPU per million rows above the source-alone run of the same round. */
    private static double sinkCpu(Map<SinkUnderTest, RunResult> round, SinkUnderTest sink) {
        return round.get(sink).cpuSecondsPerMillionRows - round.get(SinkUnderTest.SOURCE_ONLY).cpuSecondsPerMillionRows;
    }

    private static List<Double> values(List<RunResult> runs, Function<RunResult, Double> metric) {
        return runs.stream().map(metric).collect(Collectors.toList());
    }

    private static List<Double> ratio(List<Map<SinkUnderTest, RunResult>> rounds,
            Function<Map<SinkUnderTest, RunResult>, Double> ratio) {
        return rounds.stream().map(ratio).collect(Collectors.toList());
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
