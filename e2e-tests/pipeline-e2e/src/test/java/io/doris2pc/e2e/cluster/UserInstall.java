package io.doris2pc.e2e.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;

/**
 * The jars of an installation as README's install steps lay it out, taken from this build: Flink's {@code lib/}
 * (the cluster's classpath and part of the client's) and flink-cdc's {@code lib/} (the client's only).
 *
 * <p>Neither distribution is served here ({@code flink-dist}, {@code flink-cdc-dist}), so they are made of Maven jars:
 * Flink's modules stand in for flink-dist, and flink-cdc-cli, -composer, -runtime and -common are merged into one
 * {@code flink-cdc-dist} jar, as Flink CDC's build merges them (the composer ships the jar that holds its framework
 * classes to the cluster, and the job graph needs the composer's classes there too). The third-party libraries
 * flink-cdc-dist also bundles (Calcite, Janino) sit with Flink's jars here. What matters for the install path is
 * exact: no Flink CDC module, no pipeline connector and no JDBC driver is on the cluster's classpath, so they reach
 * the TaskManager only as the CLI ships them.
 */
public final class UserInstall {

    /** What the tests themselves use and neither distribution holds. */
    private static final List<String> TEST_ONLY = List.of(
            "/ch/vorburger/", "/org/junit/", "/junit/junit/", "/org/testcontainers/", "/com/github/docker-java/",
            "/org/opentest4j/", "/org/apiguardian/", "/org/hamcrest/");

    private final List<Path> flinkLib;
    private final List<Path> flinkCdcLib;
    private final Path doris2pcJar;
    private final Path jdbcDriver;

    private UserInstall(List<Path> flinkLib, List<Path> flinkCdcLib, Path doris2pcJar, Path jdbcDriver) {
        this.flinkLib = flinkLib;
        this.flinkCdcLib = flinkCdcLib;
        this.doris2pcJar = doris2pcJar;
        this.jdbcDriver = jdbcDriver;
    }

    /**
     * Sorts this JVM's classpath into the two {@code lib/} directories, writing the merged dist jar into {@code
     * flinkCdcHome/lib}; {@code doris2pcJar} is the connector's package output, the shaded jar users install.
     */
    public static UserInstall fromTestClasspath(Path doris2pcJar, Path flinkCdcHome) throws IOException {
        requireShaded(doris2pcJar);
        List<Path> classpath = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .map(Paths::get)
                .collect(Collectors.toList());
        List<Path> flinkLib = new ArrayList<>();
        List<Path> cdcModules = new ArrayList<>();
        Path mysqlConnector = null;
        Path jdbcDriver = null;
        for (Path entry : classpath) {
            String path = entry.toString().replace(File.separatorChar, '/');
            String name = entry.getFileName().toString();
            if (name.startsWith("flink-cdc-pipeline-connector-mysql-")) {
                mysqlConnector = entry;
            } else if (name.startsWith("mysql-connector-java-")) {
                jdbcDriver = entry;
            } else if (path.contains("/org/apache/flink/flink-cdc-")) {
                cdcModules.add(entry);
            } else if (path.contains("/io/doris2pc/") || !name.endsWith(".jar") || path.contains("/target/")
                    || TEST_ONLY.stream().anyMatch(path::contains)) {
                continue;
            } else {
                flinkLib.add(entry);
            }
        }
        if (mysqlConnector == null || jdbcDriver == null || cdcModules.size() < 4) {
            throw new IllegalStateException("The test classpath lacks the MySQL pipeline connector, the MySQL JDBC "
                    + "driver or Flink CDC's modules: " + classpath);
        }
        List<Path> flinkCdcLib = new ArrayList<>();
        flinkCdcLib.add(mergedJar(cdcModules, flinkCdcHome.resolve("lib").resolve("flink-cdc-dist.jar")));
        flinkCdcLib.add(mysqlConnector);
        flinkCdcLib.add(doris2pcJar);
        flinkCdcLib.add(jdbcDriver);
        return new UserInstall(flinkLib, flinkCdcLib, doris2pcJar, jdbcDriver);
    }

    /** Flink's {@code lib/}: the JobManager's and TaskManagers' classpath. */
    public List<Path> flinkLib() {
        return flinkLib;
    }

    /** What {@code bin/flink-cdc.sh} puts on the client's classpath: Flink's {@code lib/}, then flink-cdc's. */
    public List<Path> clientClasspath() {
        List<Path> classpath = new ArrayList<>(flinkLib);
        classpath.addAll(flinkCdcLib);
        return classpath;
    }

    public Path doris2pcJar() {
        return doris2pcJar;
    }

    /** {@code mysql-connector-java-8.0.27.jar}, which flink-cdc does not ship to the cluster by itself. */
    public Path jdbcDriver() {
        return jdbcDriver;
    }

    /** One jar holding every entry of {@code jars} (the first of a name wins; service files are concatenated). */
    private static Path mergedJar(List<Path> jars, Path merged) throws IOException {
        Files.createDirectories(merged.getParent());
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (JarEntry entry : Collections.list(file.entries())) {
                    String name = entry.getName();
                    if (entry.isDirectory() || name.matches("META-INF/[^/]+\\.(SF|DSA|RSA)")) {
                        continue;
                    }
                    byte[] content = file.getInputStream(entry).readAllBytes();
                    if (name.startsWith("META-INF/services/") && entries.containsKey(name)) {
                        entries.merge(name, content, UserInstall::concatLines);
                    } else {
                        entries.putIfAbsent(name, content);
                    }
                }
            }
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(merged))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return merged;
    }

    private static byte[] concatLines(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + 1 + second.length);
        joined[first.length] = '\n';
        System.arraycopy(second, 0, joined, first.length + 1, second.length);
        return joined;
    }

    private static void requireShaded(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No connector jar at " + jar + ": the cluster test needs the connector's "
                    + "package output; run it with `mvn -B verify`");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.getEntry("io/doris2pc/shaded/org/apache/hc/client5/http/classic/HttpClient.class") == null) {
                throw new IllegalStateException(jar + " is not the shaded connector jar (no relocated httpclient5)");
            }
            if (file.stream().anyMatch(entry -> entry.getName().startsWith("net/jpountz/"))) {
                throw new IllegalStateException(jar + " bundles lz4-java, which Flink's runtime already carries");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar, e);
        }
    }
}
