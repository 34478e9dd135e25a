package io.doris2pc.examples;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.cdc.common.pipeline.PipelineOptions;
import org.apache.flink.cdc.composer.PipelineExecution;
import org.apache.flink.cdc.composer.definition.PipelineDef;
import org.apache.flink.cdc.composer.flink.FlinkPipelineComposer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.util.TimeUtils;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a Flink CDC 3.2.0 pipeline YAML with the real parser and composer in a Flink MiniCluster of its own,
 * <b>with checkpointing</b>, which a two-phase-commit sink needs to ever commit.
 *
 * <p>The CLI's {@code --use-mini-cluster} ignores the Flink configuration, so checkpoints never run there. This
 * runner starts a MiniCluster, then submits the composed job to it as to a session cluster
 * ({@link FlinkPipelineComposer#ofRemoteCluster}), carrying checkpoint, restart and restore settings in the job's
 * configuration. Checkpoints are retained on cancellation, so a later run can restore from one
 * ({@link RetainedCheckpoints#latest}).
 *
 * <p>In a test: {@code try (RunningPipeline p = LocalPipelineRunner.builder(yaml)...start()) {...}}. As a
 * {@code main} in a child JVM, see {@link #main}; that JVM can be killed and the job restored in a new one.
 */
public final class LocalPipelineRunner {

    private final Path yaml;
    private final Map<String, String> variables;
    private final Duration checkpointInterval;
    private final Path checkpointDir;
    private final Path restoreFrom;
    private final Integer parallelism;
    private final int restartAttempts;
    private final Duration restartDelay;
    private final Map<String, String> flinkConfig;

    private LocalPipelineRunner(Builder builder) {
        this.yaml = builder.yaml;
        this.variables = Map.copyOf(builder.variables);
        this.checkpointInterval = builder.checkpointInterval;
        this.checkpointDir = builder.checkpointDir.toAbsolutePath();
        this.restoreFrom = builder.restoreFrom;
        this.parallelism = builder.parallelism;
        this.restartAttempts = builder.restartAttempts;
        this.restartDelay = builder.restartDelay;
        this.flinkConfig = Map.copyOf(builder.flinkConfig);
    }

    public static Builder builder(Path yaml) {
        return new Builder(yaml);
    }

    /**
     * Parses the YAML (placeholders filled in, see {@link PipelineYaml}), starts a MiniCluster with one slot per
     * unit of pipeline parallelism and submits the job. Returns once the job is submitted; the source connects to
     * its database while the job is composed, so a wrong address fails here.
     */
    public RunningPipeline start() throws Exception {
        PipelineDef pipeline = PipelineYaml.load(yaml, variables).parse();
        if (parallelism != null) {
            pipeline.getConfig().set(PipelineOptions.PIPELINE_PARALLELISM, parallelism);
        }
        int slots = pipeline.getConfig().get(PipelineOptions.PIPELINE_PARALLELISM);
        MiniCluster miniCluster = startMiniCluster(slots, flinkConfig);
        try {
            URI rest = miniCluster.getRestAddress().get();
            Configuration jobConfig = jobConfiguration();
            jobConfig.setString("rest.address", rest.getHost());
            jobConfig.setString("rest.port", String.valueOf(rest.getPort()));
            PipelineExecution.ExecutionInfo submitted =
                    FlinkPipelineComposer.ofRemoteCluster(jobConfig, List.of()).compose(pipeline).execute();
            return new RunningPipeline(miniCluster, JobID.fromHexString(submitted.getId()), checkpointDir);
        } catch (Exception | Error e) {
            miniCluster.close();
            throw e;
        }
    }

    /** The Flink settings the job is submitted with. */
    Configuration jobConfiguration() {
        Configuration config = new Configuration();
        config.setString("execution.target", "remote");
        config.setString("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
        config.setString("state.checkpoints.dir", checkpointDir.toUri().toString());
        config.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        if (restartAttempts > 0) {
            config.setString("restart-strategy.type", "fixed-delay");
            config.setString("restart-strategy.fixed-delay.attempts", String.valueOf(restartAttempts));
            config.setString("restart-strategy.fixed-delay.delay", restartDelay.toMillis() + " ms");
        } else {
            // Flink would otherwise restart a checkpointed job forever, hiding failures.
            config.setString("restart-strategy.type", "none");
        }
        if (restoreFrom != null) {
            config.setString("execution.savepoint.path", restoreFrom.toUri().toString());
        }
        flinkConfig.forEach(config::setString);
        return config;
    }

    /**
     * The extra Flink settings go to the cluster too: some are read only from the JobManager's configuration, not
     * the job's (for example {@code state.checkpoints.num-retained}).
     */
    private static MiniCluster startMiniCluster(int slots, Map<String, String> flinkConfig) throws Exception {
        Configuration config = new Configuration();
        flinkConfig.forEach(config::setString);
        config.setString("rest.bind-address", "127.0.0.1");
        config.setString("rest.address", "127.0.0.1");
        config.setString("rest.port", "0");
        // Every class is on this JVM's classpath already. The composer ships the connector jars with the job;
        // loading their classes a second time, child-first, breaks deserialization (DorisOptions cannot be
        // assigned to DorisOptions).
        config.setString("classloader.resolve-order", "parent-first");
        MiniCluster miniCluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(config)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        miniCluster.start();
        return miniCluster;
    }

    /**
     * Runs a pipeline until it ends, then exits the JVM (Flink CDC 3.2.0 leaves a non-daemon thread behind).
     *
     * <pre>
     * LocalPipelineRunner PIPELINE.yaml [--var NAME=VALUE]... [--checkpoint-dir DIR] [--checkpoint-interval 2s]
     *     [--from-savepoint PATH | --from-latest-checkpoint] [--parallelism N]
     *     [--restart-attempts N] [--restart-delay 1s] [-D flink.key=value]...
     * </pre>
     *
     * <p>{@code --from-latest-checkpoint} restores from {@link RetainedCheckpoints#latest} of the checkpoint
     * directory when there is one, so the same command line resumes a killed run. Prints {@code JOB_ID <id>} and
     * {@code RESTORED_FROM <path>} lines for the parent process; exits 0 when the job finishes or is cancelled,
     * 1 when it fails, 2 on a usage error.
     */
    public static void main(String[] args) {
        // The MySQL source's binlog client logs through java.util.logging: send it to the log configuration too.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int exitCode;
        try {
            exitCode = runToEnd(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            exitCode = 2;
        } catch (Throwable t) {
            t.printStackTrace();
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    private static int runToEnd(String[] args) throws Exception {
        Builder builder = null;
        boolean fromLatestCheckpoint = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                if (builder != null) {
                    throw new IllegalArgumentException("More than one pipeline file: " + arg);
                }
                builder = builder(Paths.get(arg));
                continue;
            }
            if (arg.equals("--from-latest-checkpoint")) {
                fromLatestCheckpoint = true;
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("No value for " + arg);
            }
            String value = args[++i];
            if (builder == null) {
                throw new IllegalArgumentException("The pipeline file must come before " + arg);
            }
            switch (arg) {
                case "--var":
                    String[] nameValue = keyValue(arg, value);
                    builder.variable(nameValue[0], nameValue[1]);
                    break;
                case "-D":
                    String[] keyValue = keyValue(arg, value);
                    builder.flinkConfig(keyValue[0], keyValue[1]);
                    break;
                case "--checkpoint-dir":
                    builder.checkpointDir(Paths.get(value));
                    break;
                case "--checkpoint-interval":
                    builder.checkpointInterval(TimeUtils.parseDuration(value));
                    break;
                case "--from-savepoint":
                    builder.restoreFrom(Paths.get(value));
                    break;
                case "--parallelism":
                    builder.parallelism(Integer.parseInt(value));
                    break;
                case "--restart-attempts":
                    builder.restartAttempts(Integer.parseInt(value));
                    break;
                case "--restart-delay":
                    builder.restartDelay(TimeUtils.parseDuration(value));
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        if (builder == null) {
            throw new IllegalArgumentException("Usage: LocalPipelineRunner PIPELINE.yaml [options], see the javadoc");
        }
        if (fromLatestCheckpoint) {
            if (builder.checkpointDir == null) {
                throw new IllegalArgumentException("--from-latest-checkpoint needs --checkpoint-dir");
            }
            Optional<Path> latest = RetainedCheckpoints.latest(builder.checkpointDir);
            latest.ifPresent(builder::restoreFrom);
            System.out.println("RESTORED_FROM " + latest.map(Path::toString).orElse("-"));
        }
        try (RunningPipeline pipeline = builder.build().start()) {
            System.out.println("JOB_ID " + pipeline.jobId());
            JobResult result = pipeline.awaitTermination(Duration.ofDays(365));
            System.out.println("JOB_STATUS " + result.getApplicationStatus());
            result.getSerializedThrowable().ifPresent(Throwable::printStackTrace);
            return result.isSuccess() || pipeline.status() == JobStatus.CANCELED ? 0 : 1;
        }
    }

    private static String[] keyValue(String option, String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " expects NAME=VALUE, got " + value);
        }
        return new String[] {value.substring(0, eq), value.substring(eq + 1)};
    }

    /** Settings of a {@link LocalPipelineRunner}; only the YAML is required. */
    public static final class Builder {
        private final Path yaml;
        private final Map<String, String> variables = new LinkedHashMap<>();
        private final Map<String, String> flinkConfig = new LinkedHashMap<>();
        private Duration checkpointInterval = Duration.ofSeconds(2);
        private Path checkpointDir;
        private Path restoreFrom;
        private Integer parallelism;
        private int restartAttempts;
        private Duration restartDelay = Duration.ofSeconds(1);

        private Builder(Path yaml) {
            this.yaml = yaml;
        }

        /** A value for a {@code ${name}} placeholder of the YAML. */
        public Builder variable(String name, String value) {
            variables.put(name, value);
            return this;
        }

        public Builder variables(Map<String, String> values) {
            variables.putAll(values);
            return this;
        }

        /** Default 2 s. */
        public Builder checkpointInterval(Duration interval) {
            this.checkpointInterval = interval;
            return this;
        }

        /** Where checkpoints are written and retained; default a new temporary directory. */
        public Builder checkpointDir(Path dir) {
            this.checkpointDir = dir;
            return this;
        }

        /** A retained checkpoint ({@code chk-N}) or savepoint to restore the job from (the CLI's {@code -s}). */
        public Builder restoreFrom(Path checkpointOrSavepoint) {
            this.restoreFrom = checkpointOrSavepoint;
            return this;
        }

        /** Overrides {@code pipeline.parallelism} of the YAML. */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** Restarts a failed job up to {@code attempts} times (fixed delay); default 0: a failure ends the job. */
        public Builder restartAttempts(int attempts) {
            this.restartAttempts = attempts;
            return this;
        }

        /** Pause before each restart; default 1 s. */
        public Builder restartDelay(Duration delay) {
            this.restartDelay = delay;
            return this;
        }

        /**
         * Any other Flink setting, for the job and its local cluster, e.g. {@code state.checkpoints.num-retained}.
         */
        public Builder flinkConfig(String key, String value) {
            flinkConfig.put(key, value);
            return this;
        }

        /** {@code build().start()}. */
        public RunningPipeline start() throws Exception {
            return build().start();
        }

        public LocalPipelineRunner build() throws IOException {
            if (checkpointDir == null) {
                checkpointDir = Files.createTempDirectory("doris2pc-checkpoints");
            }
            return new LocalPipelineRunner(this);
        }
    }
}
