package io.doris2pc.e2e.support;

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
import java.util.Map;

/**
 * The seed scenario's pipeline ({@code pipeline-examples/mysql-shards-to-doris.yaml}: four MariaDB shard tables
 * routed into {@code demo.all_employees_info}) pointed at an embedded MariaDB and a Doris test server, with
 * checkpoints every second. Extra sink options (retry budget, timeouts) go into a copy of the YAML, so every
 * other line stays the seed's.
 */
public final class SeedPipeline {

    public static final String DB = "demo";
    public static final String TABLE = "all_employees_info";

    private static final Path YAML =
            Paths.get("../../pipeline-examples/mysql-shards-to-doris.yaml").toAbsolutePath().normalize();
    private static final String SINK_TYPE_LINE = "  type: doris2pc\n";

    private SeedPipeline() {}

    /** Drops the shard databases and loads the 116 employees of {@code emp_shards.sql} again. */
    public static void resetSource(EmbeddedMySql mysql) {
        mysql.execute("DROP DATABASE IF EXISTS emp_1", "DROP DATABASE IF EXISTS emp_2");
        mysql.runSqlScript("emp_shards.sql");
    }

    /**
     * A runner for the seed pipeline, checkpointing every second into {@code workDir/checkpoints}.
     *
     * @param sinkOptions added to the YAML's {@code sink:} block, e.g. {@code sink.max-retries}
     */
    public static LocalPipelineRunner.Builder runner(
            EmbeddedMySql mysql, DorisTestServer doris, Path workDir, Map<String, String> sinkOptions) {
        return LocalPipelineRunner.builder(withSinkOptions(workDir, sinkOptions))
                .variable("MYSQL_HOST", "127.0.0.1")
                .variable("MYSQL_PORT", String.valueOf(mysql.port()))
                .variable("MYSQL_USER", EmbeddedMySql.USER)
                .variable("MYSQL_PASSWORD", "")
                .variable("DORIS_FENODES", doris.feAddress())
                .variable("DORIS_USER", doris.user())
                .variable("DORIS_PASSWORD", doris.password())
                .checkpointInterval(Duration.ofSeconds(1))
                .checkpointDir(workDir.resolve("checkpoints"));
    }

    private static Path withSinkOptions(Path workDir, Map<String, String> sinkOptions) {
        try {
            String seed = Files.readString(YAML, StandardCharsets.UTF_8);
            int sinkType = seed.indexOf(SINK_TYPE_LINE);
            if (sinkType < 0) {
                throw new IllegalStateException(YAML + " has no line '" + SINK_TYPE_LINE.trim() + "' to add options after");
            }
            StringBuilder options = new StringBuilder();
            sinkOptions.forEach((key, value) -> options.append("  ").append(key).append(": ").append(value).append('\n'));
            int insertAt = sinkType + SINK_TYPE_LINE.length();
            Path copy = workDir.resolve("mysql-shards-to-doris.yaml");
            Files.createDirectories(workDir);
            Files.writeString(
                    copy, seed.substring(0, insertAt) + options + seed.substring(insertAt), StandardCharsets.UTF_8);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a copy of " + YAML + " into " + workDir, e);
        }
    }
}
