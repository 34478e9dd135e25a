package io.doris2pc.e2e.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Flink CDC's {@code bin/flink-cdc.sh pipeline.yaml --jar ...} as the script runs it: {@code
 * org.apache.flink.cdc.cli.CliFrontend} in a JVM of its own, whose classpath is Flink's {@code lib/} followed by
 * flink-cdc's {@code lib/}, with {@code FLINK_HOME} naming the cluster's home (its {@code conf/flink-conf.yaml}).
 */
public final class FlinkCdcCli {

    private static final Pattern JOB_ID = Pattern.compile("^Job ID: ([0-9a-f]{32})$", Pattern.MULTILINE);
    private static final long TIMEOUT_SECONDS = 120;

    private FlinkCdcCli() {}

    /**
     * Submits {@code yaml} with each of {@code jars} as a {@code --jar} and returns the job id the CLI printed; fails
     * unless the CLI exits 0 with one. The CLI's process has ended when this returns.
     */
    public static String submit(UserInstall install, Path flinkHome, Path yaml, List<Path> jars, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dlog.file=" + log);
        command.add("-Dlog4j.configurationFile=" + flinkHome.resolve("conf").resolve("log4j.properties").toUri());
        command.add("-cp");
        command.add(install.clientClasspath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add("org.apache.flink.cdc.cli.CliFrontend");
        command.add(yaml.toString());
        for (Path jar : jars) {
            command.add("--jar");
            command.add(jar.toString());
        }
        Path output = Paths.get(log + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("FLINK_HOME", flinkHome.toString());
        builder.environment().remove("FLINK_CDC_HOME");
        Process cli = builder.start();
        if (!cli.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            throw new IllegalStateException("flink-cdc's CLI did not return within " + TIMEOUT_SECONDS + " s; see "
                    + output + " and " + log);
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Matcher jobId = JOB_ID.matcher(printed);
        if (cli.exitValue() != 0 || !jobId.find()) {
            throw new IllegalStateException("flink-cdc's CLI exited with " + cli.exitValue() + " and printed:\n"
                    + printed + "\nsee " + log);
        }
        return jobId.group(1);
    }
}
