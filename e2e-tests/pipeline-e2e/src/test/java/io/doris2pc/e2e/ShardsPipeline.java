package io.doris2pc.e2e;

import io.doris2pc.connector.factory.Doris2pcDataSinkFactory;
import io.doris2pc.e2e.chaos.ChaosDataSinkFactory;
import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.testserver.DorisTestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed scenario's pipeline, {@code pipeline-examples/mysql-shards-to-doris.yaml}: four MariaDB shard tables
 * routed into {@code demo.all_employees_info}, with its placeholders pointed at an embedded MariaDB and a Doris test
 * server.
 */
final class ShardsPipeline {

    static final Path SEED_YAML =
            Paths.get("../../pipeline-examples/mysql-shards-to-doris.yaml").toAbsolutePath().normalize();
    static final String DB = "demo";
    static final String TABLE = "all_employees_info";
    /** The sink type line of the seed YAML. */
    private static final String SINK_TYPE = "  type: " + Doris2pcDataSinkFactory.IDENTIFIER + "\n";

    private ShardsPipeline() {}

    /** Values for the seed YAML's placeholders. */
    static Map<String, String> variables(EmbeddedMySql mysql, DorisTestServer doris) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("MYSQL_HOST", "127.0.0.1");
        variables.put("MYSQL_PORT", String.valueOf(mysql.port()));
        variables.put("MYSQL_USER", EmbeddedMySql.USER);
        variables.put("MYSQL_PASSWORD", "");
        variables.put("DORIS_FENODES", doris.feAddress());
        variables.put("DORIS_USER", doris.user());
        variables.put("DORIS_PASSWORD", doris.password());
        return variables;
    }

    /** A runner of {@code yaml} (the seed YAML or one derived from it) against {@code mysql} and {@code doris}. */
    static LocalPipelineRunner.Builder runner(Path yaml, EmbeddedMySql mysql, DorisTestServer doris) {
        return LocalPipelineRunner.builder(yaml).variables(variables(mysql, doris));
    }

    /** As {@link #runner(Path, EmbeddedMySql, DorisTestServer)}, checkpointing every second into {@code checkpoints}. */
    static LocalPipelineRunner.Builder runner(Path yaml, EmbeddedMySql mysql, DorisTestServer doris, Path checkpoints) {
        return runner(yaml, mysql, doris).checkpointInterval(Duration.ofSeconds(1)).checkpointDir(checkpoints);
    }

    /** Drops the shard databases and loads the 116 employees of {@code emp_shards.sql} again. */
    static void resetSource(EmbeddedMySql mysql) {
        mysql.execute("DROP DATABASE IF EXISTS emp_1", "DROP DATABASE IF EXISTS emp_2");
        mysql.runSqlScript("emp_shards.sql");
    }

    /**
     * Writes {@code dir/pipeline.yaml}: the seed YAML with its sink type changed to {@code doris2pc-chaos} and these
     * options added to the sink block (chaos options, or doris2pc options for the scenario); everything else stays.
     */
    static Path withChaosSink(Path dir, Map<String, String> sinkOptions) {
        return withSink(dir, ChaosDataSinkFactory.IDENTIFIER, sinkOptions);
    }

    /**
     * Writes {@code dir/pipeline.yaml}: the seed YAML with these doris2pc options (retry budget, timeouts) added to
     * its sink block; everything else stays.
     */
    static Path withSinkOptions(Path dir, Map<String, String> sinkOptions) {
        return withSink(dir, Doris2pcDataSinkFactory.IDENTIFIER, sinkOptions);
    }

    private static Path withSink(Path dir, String sinkType, Map<String, String> sinkOptions) {
        try {
            String seed = Files.readString(SEED_YAML, StandardCharsets.UTF_8);
            if (seed.indexOf(SINK_TYPE) < 0 || seed.indexOf(SINK_TYPE) != seed.lastIndexOf(SINK_TYPE)) {
                throw new IllegalStateException(SEED_YAML + " no longer has exactly one line '" + SINK_TYPE.trim() + "'");
            }
            StringBuilder sink = new StringBuilder("  type: " + sinkType + "\n");
            sinkOptions.forEach((key, value) -> sink.append("  ").append(key).append(": \"").append(value).append("\"\n"));
            Files.createDirectories(dir);
            Path yaml = dir.resolve("pipeline.yaml");
            Files.writeString(yaml, seed.replace(SINK_TYPE, sink.toString()), StandardCharsets.UTF_8);
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot derive a pipeline from " + SEED_YAML, e);
        }
    }
}
