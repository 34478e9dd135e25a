package io.doris2pc.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What a benchmark run does and how big it is: the full run, or {@code --quick} for a smoke run of minutes. */
final class BenchmarkSettings {
    int rounds = 3;
    /** Enough rows that the measured part lasts several seconds at 300k rows/s and dwarfs the last commit. */
    long employeesRows = 3_000_000;
    long wideRows = 1_000_000;
    long memoryRows = 3_000_000;
    Duration checkpointInterval = Duration.ofSeconds(1);
    long snapshotRows = 1_000_000;
    long binlogChanges = 200_000;
    int endToEndRounds = 2;
    String childHeap = "1g";
    boolean jfr;
    boolean sinkPath = true;
    boolean endToEnd = true;
    boolean manyTables = true;
    /** Tables of the whole-database scenario. */
    int tables = 1000;
    /** The measured whole-database runs: offered change rates, checkpoint intervals and sink parallelisms. */
    long[] wholeDbChangesPerSecond = {1_000};
    int[] wholeDbCheckpointSeconds = {1, 10};
    int[] wholeDbParallelisms = {1, 2, 4};
    /** The sinks of the measured whole-database runs. */
    List<SinkUnderTest> wholeDbSinks = List.of(
            SinkUnderTest.DORIS2PC, SinkUnderTest.OFFICIAL_2PC, SinkUnderTest.OFFICIAL_2PC_SMALL_BUFFERS);
    /** Only the measured whole-database runs, without the counted transactions and the per-table probes. */
    boolean wholeDbMeasuredOnly;
    /** How long each measured whole-database run offers changes. */
    int wholeDbSeconds = 30;
    /** Heap of a whole-database run's JVM: room for the official sink's small buffers of 1,000 tables x 4 subtasks. */
    String wholeDbChildHeap = "2g";
    Path workDir = Paths.get("benchmarks", "target", "benchmark");
    PrintStream progress = System.err;

    /**
     * {@code [--quick] [--rounds N] [--only sink-path|end-to-end|many-tables] [--whole-db-sinks SINK,SINK]
     * [--whole-db-parallelisms N,N] [--whole-db-checkpoint-seconds N,N] [--whole-db-measured-only] [--jfr]
     * [--work-dir DIR]}: {@code --whole-db-sinks} names the {@link SinkUnderTest}s of the whole-database runs;
     * {@code --jfr} records a flight recording of every child JVM into its run directory.
     */
    static BenchmarkSettings parse(String[] args) {
        BenchmarkSettings s = new BenchmarkSettings();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick":
                    s.rounds = 1;
                    s.employeesRows = 200_000;
                    s.wideRows = 50_000;
                    s.memoryRows = 300_000;
                    s.snapshotRows = 100_000;
                    s.binlogChanges = 20_000;
                    s.endToEndRounds = 1;
                    s.tables = 200;
                    s.wholeDbChangesPerSecond = new long[] {1_000};
                    s.wholeDbCheckpointSeconds = new int[] {1};
                    s.wholeDbParallelisms = new int[] {1, 4};
                    s.wholeDbSeconds = 15;
                    break;
                case "--rounds":
                    s.rounds = Integer.parseInt(value(args, ++i));
                    s.endToEndRounds = s.rounds;
                    break;
                case "--only":
                    String only = value(args, ++i);
                    if (!List.of("sink-path", "end-to-end", "many-tables").contains(only)) {
                        throw new IllegalArgumentException(
                                "--only takes sink-path, end-to-end or many-tables, not " + only);
                    }
                    s.sinkPath = only.equals("sink-path");
                    s.endToEnd = only.equals("end-to-end");
                    s.manyTables = only.equals("many-tables");
                    break;
                case "--whole-db-sinks":
                    List<SinkUnderTest> sinks = new ArrayList<>();
                    for (String name : value(args, ++i).split(",")) {
                        sinks.add(SinkUnderTest.valueOf(name.trim()));
                    }
                    s.wholeDbSinks = sinks;
                    break;
                case "--whole-db-parallelisms":
                    s.wholeDbParallelisms = ints(value(args, ++i));
                    break;
                case "--whole-db-checkpoint-seconds":
                    s.wholeDbCheckpointSeconds = ints(value(args, ++i));
                    break;
                case "--whole-db-measured-only":
                    s.wholeDbMeasuredOnly = true;
                    break;
                case "--jfr":
                    s.jfr = true;
                    break;
                case "--work-dir":
                    s.workDir = Paths.get(value(args, ++i));
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; usage: benchmark.sh [--quick] [--rounds N] [--only sink-path|end-to-end|many-tables]"
                            + " [--whole-db-sinks SINK,SINK] [--whole-db-parallelisms N,N]"
                            + " [--whole-db-checkpoint-seconds N,N] [--whole-db-measured-only] [--jfr]"
                            + " [--work-dir DIR]");
            }
        }
        return s;
    }

    private static int[] ints(String commaSeparated) {
        String[] parts = commaSeparated.split(",");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i].trim());
        }
        return values;
    }

    /** JVM options of the child that runs in {@code runDir}. */
    List<String> childJvmOptions(Path runDir) {
        return jfr
                ? List.of("-XX:StartFlightRecording=settings=profile,filename=" + runDir.toAbsolutePath().resolve("run.jfr"))
                : List.of();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("No value for " + args[i - 1]);
        }
        return args[i];
    }
}
