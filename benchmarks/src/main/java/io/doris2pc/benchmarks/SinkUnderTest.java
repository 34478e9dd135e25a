package io.doris2pc.benchmarks;

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

    boolean writesToDoris() {
        return this != SOURCE_ONLY;
    }

    /** Whether rows become visible only when a checkpoint completes (so commit latency is defined). */
    boolean commitsAtCheckpoints() {
        return this == DORIS2PC || this == DORIS2PC_GZ || this == DORIS2PC_LZ4 || this == OFFICIAL_2PC;
    }
}
