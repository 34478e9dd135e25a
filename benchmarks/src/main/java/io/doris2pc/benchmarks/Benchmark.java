package io.doris2pc.benchmarks;

import io.doris2pc.testserver.DorisTestServer;

import java.io.PrintStream;

/**
 * {@code ./benchmark.sh}: doris2pc next to the official Doris pipeline connector 3.2.0 (2PC and batch mode) on
 * the same machine, in the same run, into the same Doris test server, with the same data. Prints Markdown tables
 * on stdout, progress on stderr. See {@link BenchmarkSettings#parse} for the options.
 */
public final class Benchmark {
    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        BenchmarkSettings settings = BenchmarkSettings.parse(args);
        PrintStream out = System.out;
        out.printf("## doris2pc benchmark (%s)%n", args.length == 0 ? "full" : String.join(" ", args));
        out.printf("%d cores, Java %s; absolute numbers depend on the machine, ratios within a round do not.%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (settings.sinkPath) {
            try (DorisTestServer doris = DorisTestServer.builder().countingOnly(true).dorisVersion("3.0.5").start()) {
                SinkPathBenchmark sinkPath = new SinkPathBenchmark(settings, doris, out);
                sinkPath.throughput("employees", settings.employeesRows);
                sinkPath.throughput("wide", settings.wideRows);
                sinkPath.memory("employees", settings.memoryRows);
            }
        }
        if (settings.endToEnd) {
            new EndToEndBenchmark(settings, out).run();
        }
        if (settings.manyTables) {
            new ManyTablesBenchmark(settings, out).run();
        }
        // Flink CDC 3.2.0 leaves a non-daemon thread behind after an in-process pipeline.
        System.exit(0);
    }
}
