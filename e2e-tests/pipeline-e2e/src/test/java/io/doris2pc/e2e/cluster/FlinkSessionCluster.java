package io.doris2pc.e2e.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A Flink standalone session cluster on this machine, as Flink's {@code bin/start-cluster.sh} runs one: the
 * JobManager ({@code StandaloneSessionClusterEntrypoint}) and each TaskManager ({@code TaskManagerRunner}) in a JVM
 * of its own, all reading {@code home/conf/flink-conf.yaml}. The same home is the {@code FLINK_HOME} the Flink CDC
 * CLI submits with, so the checkpointing configured here is the job's.
 */
public final class FlinkSessionCluster implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final List<Path> flinkLib;
    private final int restPort;
    private final Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FlinkSessionCluster(Path home, List<Path> flinkLib, int restPort, Process jobManager) {
        this.home = home;
        this.flinkLib = flinkLib;
        this.restPort = restPort;
        this.jobManager = jobManager;
    }

    /**
     * Writes {@code home/conf} (checkpoints every second into {@code home/checkpoints}, a fixed-delay restart
     * strategy, heartbeats that notice a killed TaskManager within seconds), starts the JobManager and one
     * TaskManager, and waits until the TaskManager has registered.
     */
    public static FlinkSessionCluster start(Path home, List<Path> flinkLib) throws IOException {
        int restPort = freePort();
        writeConf(home, restPort, freePort());
        Process jobManager = startJvm(home, flinkLib, "jobmanager",
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "-Xmx512m");
        FlinkSessionCluster cluster = new FlinkSessionCluster(home, flinkLib, restPort, jobManager);
        try {
            cluster.startTaskManager();
            return cluster;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
    }

    public Path home() {
        return home;
    }

    public Path checkpointDir() {
        return home.resolve("checkpoints");
    }

    public Path logDir() {
        return home.resolve("log");
    }

    /** Starts one more TaskManager JVM and waits until the JobManager lists it. */
    public void startTaskManager() throws IOException {
        Set<String> registeredBefore = registeredTaskManagers();
        String name = "taskmanager-" + (taskManagers.size() + 1);
        // The memory sizes of flink-conf.yaml, as Flink's scripts turn them into JVM options.
        taskManagers.add(startJvm(home, flinkLib, name, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                "-Xmx512m", "-Xms512m", "-XX:MaxDirectMemorySize=256m", "-XX:MaxMetaspaceSize=192m"));
        awaitUntil(name + " registered with the JobManager", STARTUP,
                () -> !registeredBefore.containsAll(registeredTaskManagers()));
    }

    /** {@code kill -9} of the newest TaskManager: no shutdown hook, no cancel, its connections just drop. */
    public void killTaskManager() throws InterruptedException {
        Process victim = taskManagers.get(taskManagers.size() - 1);
        victim.destroyForcibly();
        if (!victim.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("TaskManager JVM " + victim.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** A job's state as the JobManager's REST API reports it (RUNNING, RESTARTING, FAILED, ...). */
    public String jobState(String jobId) {
        return rest("/jobs/" + jobId).path("state").asText();
    }

    /** The id of the checkpoint the job last restored from, if it ever restored. */
    public long restoredCheckpoint(String jobId) {
        JsonNode restored = rest("/jobs/" + jobId + "/checkpoints").path("latest").path("restored");
        return restored.isMissingNode() || restored.isNull() ? -1 : restored.path("id").asLong();
    }

    /** The ids of the jobs the JobManager runs or ran, with their states. */
    public Map<String, String> jobs() {
        List<JsonNode> jobs = new ArrayList<>();
        rest("/jobs").path("jobs").forEach(jobs::add);
        return jobs.stream().collect(Collectors.toMap(job -> job.path("id").asText(), job -> job.path("status").asText()));
    }

    /** Waits until {@code condition} holds; fails at once, with the JobManager's log, if the JobManager dies. */
    public void awaitUntil(String description, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!jobManager.isAlive()) {
                throw new IllegalStateException("The JobManager exited with " + jobManager.exitValue()
                        + " while waiting until " + description + "; see " + logDir().resolve("jobmanager.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout + " waiting until " + description
                        + "; logs in " + logDir());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting until " + description, e);
            }
        }
    }

    /** Everything the cluster's JVMs logged, for checks such as "no password in the logs". */
    public String logs() {
        try (var files = Files.list(logDir())) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.sorted().collect(Collectors.toList())) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the cluster's logs in " + logDir(), e);
        }
    }

    @Override
    public void close() {
        for (Process taskManager : taskManagers) {
            taskManager.destroyForcibly();
        }
        jobManager.destroyForcibly();
        try {
            for (Process taskManager : taskManagers) {
                taskManager.waitFor(30, TimeUnit.SECONDS);
            }
            jobManager.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ids of the TaskManagers the JobManager lists (a killed one until its heartbeat times out). */
    private Set<String> registeredTaskManagers() {
        Set<String> ids = new HashSet<>();
        try {
            rest("/taskmanagers").path("taskmanagers").forEach(taskManager -> ids.add(taskManager.path("id").asText()));
        } catch (IllegalStateException notUpYet) {
            return ids;
        }
        return ids;
    }

    private JsonNode rest(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Flink REST " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Flink REST " + path + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted calling Flink REST " + path, e);
        }
    }

    private static Process startJvm(Path home, List<Path> classpath, String name, String mainClass, String... jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-Dlog.file=" + home.resolve("log").resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile=" + home.resolve("conf").resolve("log4j.properties").toUri());
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(mainClass);
        command.add("--configDir");
        command.add(home.resolve("conf").toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("log").resolve(name + ".out").toFile())
                .start();
    }

    private static void writeConf(Path home, int restPort, int rpcPort) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("log"));
        String conf = String.join("\n",
                "jobmanager.rpc.address: localhost",
                "jobmanager.rpc.port: " + rpcPort,
                "jobmanager.bind-host: localhost",
                "jobmanager.memory.process.size: 800m",
                "rest.address: localhost",
                "rest.bind-address: localhost",
                "rest.port: " + restPort,
                "taskmanager.host: localhost",
                "taskmanager.bind-host: localhost",
                "taskmanager.numberOfTaskSlots: 2",
                // A TaskManager started without Flink's scripts needs every memory component and its cores spelled
                // out (the scripts compute them from taskmanager.memory.process.size).
                "taskmanager.cpu.cores: 2",
                "taskmanager.memory.framework.heap.size: 128m",
                "taskmanager.memory.task.heap.size: 384m",
                "taskmanager.memory.framework.off-heap.size: 128m",
                "taskmanager.memory.task.off-heap.size: 0m",
                "taskmanager.memory.managed.size: 64m",
                "taskmanager.memory.network.min: 64m",
                "taskmanager.memory.network.max: 64m",
                "taskmanager.memory.jvm-metaspace.size: 192m",
                "taskmanager.memory.jvm-overhead.min: 64m",
                "taskmanager.memory.jvm-overhead.max: 64m",
                "heartbeat.interval: 1000",
                "heartbeat.timeout: 10000",
                // What README's install step 3 asks for: doris2pc commits at checkpoints only.
                "execution.checkpointing.interval: 1s",
                "state.checkpoints.dir: " + home.resolve("checkpoints").toUri(),
                "restart-strategy.type: fixed-delay",
                "restart-strategy.fixed-delay.attempts: 20",
                "restart-strategy.fixed-delay.delay: 1s",
                "");
        Files.writeString(home.resolve("conf").resolve("flink-conf.yaml"), conf, StandardCharsets.UTF_8);
        String log4j = String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = FileAppender",
                "appender.file.name = FileAppender",
                "appender.file.type = File",
                "appender.file.fileName = ${sys:log.file}",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-40c{1.} - %m%n",
                "");
        Files.writeString(home.resolve("conf").resolve("log4j.properties"), log4j, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
