package io.doris2pc.benchmarks;

import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.sink.DataSink;
import org.apache.flink.cdc.common.sink.FlinkSinkProvider;
import org.apache.flink.cdc.common.sink.MetadataApplier;
import org.apache.flink.cdc.runtime.typeutils.EventTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.DiscardingSink;
import org.apache.flink.util.ExceptionUtils;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One whole-database run in a JVM of its own, so that threads and heap are one sink's: the sink's MetadataApplier
 * creates the tables one after the other (timed), then a Flink job on a MiniCluster sends a CreateTableEvent per
 * table to every sink subtask and the skewed changes to the subtask the sink's hash function chooses
 * ({@link SkewedChangeSource}), into the sink's Flink Sink V2, checkpointing at the given interval, no restarts.
 * Flink CDC's SchemaOperator and its schema handshake are left out. Writes what it measured to a properties file.
 *
 * <pre>
 * WholeDatabaseRun --sink DORIS2PC --fenodes H:P --user U --password P --label-prefix L --database D --tables N
 *     --parallelism P --checkpoint-seconds S --changes-per-second R --seconds T --result FILE
 * </pre>
 */
public final class WholeDatabaseRun {
    private static final List<String> REQUIRED = List.of("--sink", "--fenodes", "--user", "--password",
            "--label-prefix", "--database", "--tables", "--parallelism", "--checkpoint-seconds",
            "--changes-per-second", "--seconds", "--result");

    private WholeDatabaseRun() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ChildJvm.options(args, REQUIRED);
        SinkUnderTest sinkUnderTest = SinkUnderTest.valueOf(options.get("--sink"));
        Map<String, String> variables = Map.of("DORIS_FENODES", options.get("--fenodes"),
                "DORIS_USER", options.get("--user"), "DORIS_PASSWORD", options.get("--password"),
                "LABEL_PREFIX", options.get("--label-prefix"));
        String database = options.get("--database");
        int tables = Integer.parseInt(options.get("--tables"));
        int parallelism = Integer.parseInt(options.get("--parallelism"));
        Properties result = new Properties();

        DataSink sink = sinkUnderTest.dataSink(variables);
        MetadataApplier applier = sink.getMetadataApplier();
        long ddlStart = System.nanoTime();
        for (TableId id : SkewedChangeSource.tableIds(database, tables)) {
            applier.applySchemaChange(new CreateTableEvent(id, SkewedChangeSource.SCHEMA));
        }
        result.setProperty("ddlMillis", String.valueOf((System.nanoTime() - ddlStart) / 1_000_000));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        Configuration flink = new Configuration();
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, flink);
        env.enableCheckpointing(1000L * Long.parseLong(options.get("--checkpoint-seconds")));
        env.setRestartStrategy(RestartStrategies.noRestart());
        env.addSource(new SkewedChangeSource(sinkUnderTest, variables, database, tables, parallelism,
                                Long.parseLong(options.get("--changes-per-second")),
                                Long.parseLong(options.get("--seconds"))),
                        "skewed changes", new TupleTypeInfo<>(BasicTypeInfo.INT_TYPE_INFO, new EventTypeInfo()))
                .setParallelism(1)
                .partitionCustom((subtask, subtasks) -> subtask, routed -> routed.f0)
                .map(routed -> routed.f1, new EventTypeInfo())
                .setParallelism(parallelism)
                .sinkTo(((FlinkSinkProvider) sink.getEventSinkProvider()).getSink())
                .setParallelism(parallelism);
        env.addSource(new CheckpointClock(() -> SkewedChangeSource.DONE.get()), "checkpoint clock", Types.INT)
                .setParallelism(1)
                .addSink(new DiscardingSink<>())
                .setParallelism(1);
        try (ResourceSampler resources = new ResourceSampler()) {
            try {
                env.execute("whole database, " + sinkUnderTest.title());
                result.setProperty("jobSucceeded", "true");
            } catch (Exception e) {
                e.printStackTrace();
                result.setProperty("jobSucceeded", "false");
                result.setProperty("jobFailure", cause(e));
            }
            result.setProperty("endMillis", String.valueOf(System.currentTimeMillis()));
            result.setProperty("peakThreads", String.valueOf(threads.getPeakThreadCount()));
            result.setProperty("peakHeapUsed", String.valueOf(resources.peakUsedBytes()));
            result.setProperty("peakHeapAfterGc", String.valueOf(resources.peakAfterGcBytes()));
        }
        result.setProperty("changesEmitted", String.valueOf(SkewedChangeSource.EMITTED.get()));
        result.setProperty("firstChangeMillis", String.valueOf(SkewedChangeSource.FIRST_CHANGE_MILLIS.get()));
        CheckpointClock.COMPLETED_MILLIS.forEach(
                (id, millis) -> result.setProperty("checkpoint." + id, String.valueOf(millis)));
        try (OutputStream out = Files.newOutputStream(Paths.get(options.get("--result")))) {
            result.store(out, "whole-database run of " + sinkUnderTest.title());
        }
        System.exit(0);
    }

    /** The quota refusal if it is among the causes, else the innermost cause: what made the job fail. */
    private static String cause(Throwable failure) {
        return ExceptionUtils.findThrowableWithMessage(failure, "larger than limit")
                .orElse(rootCause(failure))
                .toString();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
