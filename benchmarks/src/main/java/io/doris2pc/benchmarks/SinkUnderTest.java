package io.doris2pc.benchmarks;

import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.factories.DataSinkFactory;
import org.apache.flink.cdc.common.factories.FactoryHelper;
import org.apache.flink.cdc.common.pipeline.PipelineOptions;
import org.apache.flink.cdc.common.sink.DataSink;
import org.apache.flink.cdc.composer.utils.FactoryDiscoveryUtils;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sinks compared, each as the {@code sink:} block of a pipeline YAML. */
enum SinkUnderTest {
    /** Counts and drops rows: the source and the framework alone. */
    SOURCE_ONLY("source alone", "  type: counting\n"),
    DORIS2PC("doris2pc",
            "  type: doris2pc\n"
                    + "  fenodes: ${DORIS_FENODES}\n"
                    + "  username: ${DORIS_USER}\n"
                    + "  password: \"${DORIS_PASSWORD}\"\n"
                    + "  sink.label-prefix: ${LABEL_PREFIX}\n"
                    + "  table.create.properties.replication_num: 1\n"),
    /** doris2pc keeping a load open for each of 1,000 tables per subtask: no rollovers, a thread per open load. */
    DORIS2PC_1000_OPEN_LOADS("doris2pc, sink.max-open-loads 1000",
            "  type: doris2pc\n"
                    + "  fenodes: ${DORIS_FENODES}\n"
                    + "  username: ${DORIS_USER}\n"
                    + "  password: \"${DORIS_PASSWORD}\"\n"
                    + "  sink.label-prefix: ${LABEL_PREFIX}\n"
                    + "  sink.max-open-loads: 1000\n"
                    + "  table.create.properties.replication_num: 1\n"),
    /** doris2pc sending gzip-compressed bodies (the test server reads them as Doris 3.0.5+ does). */
    DORIS2PC_GZ("doris2pc gzip",
            "  type: doris2pc\n"
                    + "  fenodes: ${DORIS_FENODES}\n"
                    + "  username: ${DORIS_USER}\n"
                    + "  password: \"${DORIS_PASSWORD}\"\n"
                    + "  sink.label-prefix: ${LABEL_PREFIX}\n"
                    + "  sink.properties.compress_type: gz\n"
                    + "  table.create.properties.replication_num: 1\n"),
    /** doris2pc sending LZ4-frame bodies (the test server reads them as Doris 3.0.5+ does). */
    DORIS2PC_LZ4("doris2pc lz4",
            "  type: doris2pc\n"
                    + "  fenodes: ${DORIS_FENODES}\n"
                    + "  username: ${DORIS_USER}\n"
                    + "  password: \"${DORIS_PASSWORD}\"\n"
                    + "  sink.label-prefix: ${LABEL_PREFIX}\n"
                    + "  sink.properties.compress_type: lz4\n"
                    + "  table.create.properties.replication_num: 1\n"),
    OFFICIAL_2PC("official 2PC",
            "  type: doris\n"
                    + "  fenodes: ${DORIS_FENODES}\n"
                    + "  username: ${DORIS_USER}\n"
                    + "  password: \"${DORIS_PASSWORD}\"\n"
                    + "  sink.enable.batch-mode: false\n"
                    + "  sink.enable-2pc: true\n"
                    + "  sink.label-prefix: ${LABEL_PREFIX}\n"
                    + "  table.create.properties.replication_num: 1\n"),
    /**
     * The official 2PC sink with the smallest buffers it accepts: each open load allocates {@code sink.buffer-count}
     * buffers of {@code sink.buffer-size} at once (3 of 1 MiB by default), per table and subtask.
     */
    OFFICIAL_2PC_SMALL_BUFFERS("official 2PC, 2 x 64 KiB buffers",
            "  type: doris\n"
                    + "  fenodes: ${DORIS_FENODES}\n"
                    + "  username: ${DORIS_USER}\n"
                    + "  password: \"${DORIS_PASSWORD}\"\n"
                    + "  sink.enable.batch-mode: false\n"
                    + "  sink.enable-2pc: true\n"
                    + "  sink.buffer-size: 65536\n"
                    + "  sink.buffer-count: 2\n"
                    + "  sink.label-prefix: ${LABEL_PREFIX}\n"
                    + "  table.create.properties.replication_num: 1\n"),
    OFFICIAL_BATCH("official batch",
            "  type: doris\n"
                    + "  fenodes: ${DORIS_FENODES}\n"
                    + "  username: ${DORIS_USER}\n"
                    + "  password: \"${DORIS_PASSWORD}\"\n"
                    + "  table.create.properties.replication_num: 1\n");

    private final String title;
    private final String sinkBlock;

    SinkUnderTest(String title, String sinkBlock) {
        this.title = title;
        this.sinkBlock = sinkBlock;
    }

    String title() {
        return title;
    }

    /** The {@code sink:} section, placeholders DORIS_FENODES, DORIS_USER, DORIS_PASSWORD, LABEL_PREFIX. */
    String sinkSection() {
        return "sink:\n" + sinkBlock;
    }

    /**
     * The sink block's options with the placeholders replaced, {@code type} included: the block is flat
     * {@code key: value} lines, a value possibly in double quotes.
     */
    Map<String, String> options(Map<String, String> variables) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String line : sinkBlock.split("\n")) {
            int colon = line.indexOf(": ");
            String value = line.substring(colon + 2).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            for (Map.Entry<String, String> variable : variables.entrySet()) {
                value = value.replace("${" + variable.getKey() + "}", variable.getValue());
            }
            if (value.contains("${")) {
                throw new IllegalArgumentException("No value for the placeholder in " + title + "'s " + line.trim());
            }
            options.put(line.substring(0, colon).trim(), value);
        }
        return options;
    }

    /** The sink as Flink CDC's composer creates it: through its factory, with the options of its block. */
    DataSink dataSink(Map<String, String> variables) {
        Map<String, String> options = options(variables);
        DataSinkFactory factory = FactoryDiscoveryUtils.getFactoryByIdentifier(options.remove("type"),
                DataSinkFactory.class);
        // the composer resolves the pipeline's local-time-zone before it creates the sink
        Configuration pipeline = new Configuration();
        pipeline.set(PipelineOptions.PIPELINE_LOCAL_TIME_ZONE, ZoneId.systemDefault().getId());
        return factory.createDataSink(new FactoryHelper.DefaultContext(Configuration.fromMap(options), pipeline,
                SinkUnderTest.class.getClassLoader()));
    }

    boolean writesToDoris() {
        return this != SOURCE_ONLY;
    }

    /** Whether rows become visible only when a checkpoint completes (so commit latency is defined). */
    boolean commitsAtCheckpoints() {
        return this != SOURCE_ONLY && this != OFFICIAL_BATCH;
    }
}
