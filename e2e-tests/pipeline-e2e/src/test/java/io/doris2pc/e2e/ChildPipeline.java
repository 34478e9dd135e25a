package io.doris2pc.e2e;

import io.doris2pc.examples.LocalPipelineRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A pipeline in a JVM of its own, started as an operator would with {@link LocalPipelineRunner#main} and
 * {@code --from-latest-checkpoint}, so that it can be killed with SIGKILL (no close, no cancel, no cleanup) and
 * started again with the same command line.
 */
final class ChildPipeline implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Process process;
    private final Path log;

    private ChildPipeline(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code yaml} at parallelism 1, restoring from the latest checkpoint under {@code checkpointDir} if any. */
    static ChildPipeline start(Path yaml, Map<String, String> variables, Path checkpointDir, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LocalPipelineRunner.class.getName());
        command.add(yaml.toString());
        variables.forEach((name, value) -> {
            command.add("--var");
            command.add(name + "=" + value);
        });
        command.add("--checkpoint-dir");
        command.add(checkpointDir.toString());
        command.add("--checkpoint-interval");
        command.add("1s");
        command.add("--parallelism");
        command.add("1");
        command.add("--from-latest-checkpoint");
        command.add("-D");
        command.add(TransactionAudit.NUM_RETAINED + "=" + TransactionAudit.RETAIN_ALL);
        Process process =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ChildPipeline(process, log);
    }

    /** What the child printed after {@code RESTORED_FROM}: a checkpoint path, or empty on a fresh start. */
    Optional<Path> restoredFrom() {
        awaitUntil("the child JVM reported where it restored from", Duration.ofSeconds(60),
                () -> logLine("RESTORED_FROM ").isPresent());
        String value = logLine("RESTORED_FROM ").orElseThrow();
        return value.equals("-") ? Optional.empty() : Optional.of(Paths.get(value));
    }

    /** Waits until {@code condition} holds; fails at once, with the child's output, if the child JVM exits. */
    void awaitUntil(String description, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The pipeline JVM exited with " + process.exitValue()
                        + " while waiting until " + description + "; its output:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout + " waiting until " + description);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting until " + description, e);
            }
        }
    }

    /** SIGKILL: the JVM dies at once, open connections drop, nothing is closed or cancelled. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The pipeline JVM " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private Optional<String> logLine(String prefix) {
        return readLog().stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .findFirst();
    }

    private String tail() {
        List<String> lines = readLog();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private List<String> readLog() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pipeline JVM's output " + log, e);
        }
    }
}
