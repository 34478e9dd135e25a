package io.doris2pc.benchmarks;

import io.doris2pc.benchmarks.sink.SinkCounter;
import io.doris2pc.benchmarks.sink.SinkTaskCpu;
import io.doris2pc.benchmarks.source.SourceProgress;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.examples.RunningPipeline;

import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.util.TimeUtils;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One sink-path run in a JVM of its own, so that its CPU time and heap belong to one sink: generated change
 * events through the Flink CDC composer into one sink, until the generator ends and the last checkpoint
 * committed. Writes what it measured to a properties file ({@link RunResult} reads it).
 *
 * <pre>
 * SinkPathRun --sink DORIS2PC --shape employees --rows 1000000 --table bench.t --fenodes 127.0.0.1:8030
 *     --user root --password "" --label-prefix p --checkpoint-interval 2s --work-dir DIR --result FILE
 * </pre>
 */
public final class SinkPathRun {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
    private static final List<String> REQUIRED = List.of("--sink", "--shape", "--rows", "--table", "--fenodes",
            "--user", "--password", "--label-prefix", "--checkpoint-interval", "--work-dir", "--result");

    private SinkPathRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ChildJvm.options(args, REQUIRED);
        SinkUnderTest sink = SinkUnderTest.valueOf(options.get("--sink"));
        Path workDir = Paths.get(options.get("--work-dir"));
        Files.createDirectories(workDir);
        Path yaml = workDir.resolve("pipeline.yaml");
        Files.writeString(yaml, "source:\n"
                + "  type: change-generator\n"
                + "  table: " + options.get("--table") + "\n"
                + "  shape: " + options.get("--shape") + "\n"
                + "  rows: " + options.get("--rows") + "\n"
                + sink.sinkSection()
                + "pipeline:\n"
                + "  name: benchmark " + sink.title() + "\n"
                + "  parallelism: 1\n");
        Properties result = new Properties();
        try (ResourceSampler resources = new ResourceSampler();
                RunningPipeline pipeline = LocalPipelineRunner.builder(yaml)
                        .variable("DORIS_FENODES", options.get("--fenodes"))
                        .variable("DORIS_USER", options.get("--user"))
                        .variable("DORIS_PASSWORD", options.get("--password"))
                        .variable("LABEL_PREFIX", options.get("--label-prefix"))
                        .checkpointInterval(TimeUtils.parseDuration(options.get("--checkpoint-interval")))
                        .checkpointDir(workDir.resolve("checkpoints"))
                        .restartAttempts(0)
                        .start()) {
            JobResult job = pipeline.awaitTermination(RUN_TIMEOUT);
            long endMillis = System.currentTimeMillis();
            result.setProperty("jobSucceeded", String.valueOf(job.isSuccess()));
            job.getSerializedThrowable().ifPresent(t -> result.setProperty("jobFailure",
                    t.getFullStringifiedStackTrace()));
            result.setProperty("endMillis", String.valueOf(endMillis));
            result.setProperty("endCpuNanos", String.valueOf(SourceProgress.processCpuNanos()));
            result.setProperty("endSinkTaskCpuNanos", String.valueOf(SinkTaskCpu.nanos()));
            result.setProperty("peakHeapUsed", String.valueOf(resources.peakUsedBytes()));
            result.setProperty("peakHeapAfterGc", String.valueOf(resources.peakAfterGcBytes()));
        }
        result.setProperty("measuredFromEvent", String.valueOf(SourceProgress.measuredFromEvent()));
        result.setProperty("measuredFromMillis", String.valueOf(SourceProgress.measuredFromMillis()));
        result.setProperty("measuredFromCpuNanos", String.valueOf(SourceProgress.measuredFromCpuNanos()));
        result.setProperty("measuredFromSinkTaskCpuNanos", String.valueOf(SourceProgress.measuredFromSinkTaskCpuNanos()));
        result.setProperty("lastEventMillis", String.valueOf(SourceProgress.lastEventMillis()));
        result.setProperty("countedRows", String.valueOf(SinkCounter.rows()));
        result.setProperty("countedLastRowMillis", String.valueOf(SinkCounter.lastRowMillis()));
        Map<Long, Long> completed = SourceProgress.completedMillis();
        SourceProgress.emittedAtBarrier().forEach((id, emitted) -> {
            if (completed.containsKey(id)) {
                result.setProperty("checkpoint." + id, emitted + "," + completed.get(id));
            }
        });
        try (OutputStream out = Files.newOutputStream(Paths.get(options.get("--result")))) {
            result.store(out, "sink path run of " + sink.title());
        }
        // Flink CDC 3.2.0 leaves a non-daemon thread behind: end the JVM explicitly.
        System.exit(0);
    }
}
