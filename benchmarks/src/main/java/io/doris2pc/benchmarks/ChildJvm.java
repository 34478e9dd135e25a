package io.doris2pc.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a main class of this module in a new JVM with this JVM's classpath, its output going to a log file. */
final class ChildJvm {
    private final String heap;

    /** @param heap the child's {@code -Xmx} and {@code -Xms}, e.g. {@code 1g} */
    ChildJvm(String heap) {
        this.heap = heap;
    }

    void run(Class<?> mainClass, List<String> jvmOptions, List<String> args, Path log, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Xms" + heap);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(mainClass.getSimpleName() + " did not end within " + timeout + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new Died(mainClass.getSimpleName() + " exited with " + process.exitValue() + "; see " + log);
        }
    }

    /** The child ended with a non-zero exit code. */
    static final class Died extends IllegalStateException {
        Died(String message) {
            super(message);
        }
    }

    /** A child JVM's {@code --name value} arguments, each of {@code required} among them. */
    static Map<String, String> options(String[] args, List<String> required) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("Options come in pairs: --name value");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        for (String name : required) {
            if (!options.containsKey(name)) {
                throw new IllegalArgumentException("Missing option " + name);
            }
        }
        return options;
    }
}
