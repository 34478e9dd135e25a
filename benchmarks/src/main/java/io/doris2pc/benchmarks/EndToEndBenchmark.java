package io.doris2pc.benchmarks;

import io.doris2pc.benchmarks.sink.SinkCounter;
import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.CommitRecord;
import io.doris2pc.testserver.DorisTestServer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * End to end: the seed pipeline ({@code pipeline-examples/mysql-shards-to-doris.yaml}, with the source's
 * {@code debezium.poll.interval.ms: 50}) snapshots the sharded employees from an embedded MariaDB, then follows
 * the binlog while changes are written; each sink in turn, next to the source alone (a counting sink). Runs in
 * this JVM: it measures rates, not heap or CPU.
 *
 * <p>The snapshot phase runs from job submission to the last snapshot row landing, so it includes the job's
 * start-up (the same for every sink; printed for the source alone). The binlog phase runs from the first change
 * statement to the last change landing; MariaDB writes the changes meanwhile, so its write rate is printed too.
 * A source-alone run first warms this JVM up and is not counted.
 */
final class EndToEndBenchmark {
    private static final Path SEED_PIPELINE = Paths.get("pipeline-examples", "mysql-shards-to-doris.yaml");
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(10);
    private static final SinkUnderTest[] SINKS = {SinkUnderTest.SOURCE_ONLY, SinkUnderTest.DORIS2PC,
            SinkUnderTest.OFFICIAL_2PC, SinkUnderTest.OFFICIAL_BATCH};

    private final BenchmarkSettings settings;
    private final PrintStream out;

    EndToEndBenchmark(BenchmarkSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Timings of one run, in wall-clock milliseconds. */
    private static final class Phases {
        long submitted;
        long firstRow;
        long snapshotLanded;
        long binlogStarted;
        long binlogWritten;
        long binlogLanded;
    }

    void run() throws Exception {
        Path dir = settings.workDir.resolve("end-to-end");
        Files.createDirectories(dir);
        String seed = Files.readString(SEED_PIPELINE);
        try (EmbeddedMySql mysql = EmbeddedMySql.start(dir.resolve("mysql"))) {
            ShardedEmployees employees = new ShardedEmployees(mysql, settings.snapshotRows);
            settings.progress.printf("Loading %,d employees into MariaDB ...%n", employees.totalRows());
            employees.load();
            run(SinkUnderTest.SOURCE_ONLY, seed, mysql, employees, dir.resolve("warm-up"));
            List<Map<SinkUnderTest, Phases>> rounds = new ArrayList<>();
            for (int round = 0; round < settings.endToEndRounds; round++) {
                Map<SinkUnderTest, Phases> phases = new EnumMap<>(SinkUnderTest.class);
                for (SinkUnderTest sink : SINKS) {
                    phases.put(sink, run(sink, seed, mysql, employees, dir.resolve("run-" + round + "-" + sink)));
                }
                rounds.add(phases);
            }
            print(employees, rounds);
        }
    }

    private Phases run(SinkUnderTest sink, String seed, EmbeddedMySql mysql, ShardedEmployees employees, Path dir)
            throws Exception {
        settings.progress.printf("  end to end, %s ...%n", sink.title());
        SinkCounter.reset();
        Files.createDirectories(dir);
        Path yaml = dir.resolve("pipeline.yaml");
        Files.writeString(yaml, pipeline(seed, sink));
        long snapshot = employees.totalRows();
        long changes = employees.changeEvents(settings.binlogChanges);
        Phases phases = new Phases();
        try (DorisTestServer doris = DorisTestServer.builder().countingOnly(true).start()) {
            LongSupplier landed = sink.writesToDoris() ? () -> committedRows(doris) : SinkCounter::rows;
            phases.submitted = System.currentTimeMillis();
            try (RunningPipeline pipeline = LocalPipelineRunner.builder(yaml)
                    .variable("MYSQL_HOST", "127.0.0.1")
                    .variable("MYSQL_PORT", String.valueOf(mysql.port()))
                    .variable("MYSQL_USER", EmbeddedMySql.USER)
                    .variable("MYSQL_PASSWORD", "")
                    .variable("DORIS_FENODES", doris.feAddress())
                    .variable("DORIS_USER", doris.user())
                    .variable("DORIS_PASSWORD", doris.password())
                    .variable("LABEL_PREFIX", "e2e")
                    .checkpointInterval(CHECKPOINT_INTERVAL)
                    .checkpointDir(dir.resolve("checkpoints"))
                    .restartAttempts(0)
                    .start()) {
                pipeline.awaitUntil("the " + snapshot + " snapshot rows landed", PHASE_TIMEOUT,
                        () -> landed.getAsLong() >= snapshot);
                phases.snapshotLanded = sink.writesToDoris() ? lastCommitMillis(doris) : SinkCounter.lastRowMillis();
                phases.firstRow = SinkCounter.firstRowMillis();
                phases.binlogStarted = System.currentTimeMillis();
                employees.change(settings.binlogChanges);
                phases.binlogWritten = System.currentTimeMillis();
                pipeline.awaitUntil("the " + changes + " binlog changes landed", PHASE_TIMEOUT,
                        () -> landed.getAsLong() >= snapshot + changes);
                phases.binlogLanded = sink.writesToDoris() ? lastCommitMillis(doris) : SinkCounter.lastRowMillis();
                if (landed.getAsLong() != snapshot + changes) {
                    throw new IllegalStateException(sink.title() + " landed " + landed.getAsLong() + " rows, expected "
                            + (snapshot + changes));
                }
            }
        }
        return phases;
    }

    /** The seed YAML with the faster Debezium poll and the sink under test. */
    private static String pipeline(String seed, SinkUnderTest sink) {
        String source = "source:\n  type: mysql\n";
        int sinkStart = seed.indexOf("\nsink:\n");
        int pipelineStart = seed.indexOf("\npipeline:\n");
        if (!seed.contains(source) || sinkStart < 0 || pipelineStart < sinkStart) {
            throw new IllegalStateException(SEED_PIPELINE + " no longer has the source:, sink: and pipeline: blocks"
                    + " in that order");
        }
        String withSink = seed.substring(0, sinkStart + 1) + sink.sinkSection() + seed.substring(pipelineStart);
        return withSink.replace(source, source + "  debezium.poll.interval.ms: 50\n");
    }

    private static long committedRows(DorisTestServer doris) {
        return doris.commits().stream().mapToLong(CommitRecord::rows).sum();
    }

    private static long lastCommitMillis(DorisTestServer doris) {
        return doris.commits().stream().mapToLong(c -> c.wallTime().toEpochMilli()).max().orElse(0);
    }

    private void print(ShardedEmployees employees, List<Map<SinkUnderTest, Phases>> rounds) {
        long snapshot = employees.totalRows();
        long changes = employees.changeEvents(settings.binlogChanges);
        TextTable table = new TextTable("sink", "snapshot rows/s", "of source alone", "binlog rows/s",
                "of source alone");
        for (SinkUnderTest sink : SINKS) {
            List<Double> snapshotRates = new ArrayList<>();
            List<Double> snapshotShares = new ArrayList<>();
            List<Double> binlogRates = new ArrayList<>();
            List<Double> binlogShares = new ArrayList<>();
            for (Map<SinkUnderTest, Phases> round : rounds) {
                Phases alone = round.get(SinkUnderTest.SOURCE_ONLY);
                Phases run = round.get(sink);
                double snapshotRate = rate(snapshot, run.snapshotLanded - run.submitted);
                double binlogRate = rate(changes, run.binlogLanded - run.binlogStarted);
                snapshotRates.add(snapshotRate);
                binlogRates.add(binlogRate);
                snapshotShares.add(snapshotRate / rate(snapshot, alone.snapshotLanded - alone.submitted));
                binlogShares.add(binlogRate / rate(changes, alone.binlogLanded - alone.binlogStarted));
            }
            table.row(sink.title(), Stats.medianAndSpread(snapshotRates, "%.0f"),
                    percent(snapshotShares), Stats.medianAndSpread(binlogRates, "%.0f"), percent(binlogShares));
        }
        List<Double> startUps = new ArrayList<>();
        List<Double> writeRates = new ArrayList<>();
        for (Map<SinkUnderTest, Phases> round : rounds) {
            Phases alone = round.get(SinkUnderTest.SOURCE_ONLY);
            startUps.add((alone.firstRow - alone.submitted) / 1000.0);
            round.values().forEach(p -> writeRates.add(rate(changes, p.binlogWritten - p.binlogStarted)));
        }
        out.printf(Locale.ROOT, "%n### End to end: %,d snapshot rows in 4 shards, then %,d binlog changes, %d round(s),"
                        + " checkpoints every %d s%n%n%s%nSnapshot rates include the job's start-up: the source alone"
                        + " delivered its first row %s s after submission. MariaDB wrote the changes at %s rows/s.%n",
                snapshot, changes, rounds.size(), CHECKPOINT_INTERVAL.toSeconds(), table,
                Stats.medianAndSpread(startUps, "%.1f"), Stats.medianAndSpread(writeRates, "%.0f"));
    }

    private static double rate(long rows, long millis) {
        return rows / (Math.max(1, millis) / 1000.0);
    }

    private static String percent(List<Double> shares) {
        List<Double> percents = new ArrayList<>();
        shares.forEach(s -> percents.add(s * 100));
        return Stats.medianAndSpread(percents, "%.0f") + " %";
    }
}
