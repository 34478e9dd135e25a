package io.doris2pc.e2e;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.CommitRecord;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.runtime.jobmaster.JobResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed pipeline with the options a production network asks for, each against a test server that holds Doris's
 * rules for it: the snapshot and later changes must land exactly as the source has them.
 */
class ProductionOptionsE2eTest {

    private static EmbeddedMySql mysql;

    @TempDir Path work;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql-production"));
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @BeforeEach
    void resetSource() {
        ShardsPipeline.resetSource(mysql);
    }

    /** Doris 3.0.5 decompresses gzip JSON loads; a body that were not gzip would fail every load there. */
    @Test
    void gzipCompressedLoadsLandEveryChange() throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().dorisVersion("3.0.5").start()) {
            runThroughChanges(doris, Map.of("sink.properties.compress_type", "gz"));
            assertEquals(0, doris.refusedLoads().size(), doris.refusedLoads().toString());
        }
    }

    /** Doris 3.0.5 reads lz4 (an LZ4 frame, the BE's LZ4FRAME); a body that were not one would fail every load. */
    @Test
    void lz4CompressedLoadsLandEveryChange() throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().dorisVersion("3.0.5").start()) {
            runThroughChanges(doris, Map.of("sink.properties.compress_type", "lz4"));
            assertEquals(0, doris.refusedLoads().size(), doris.refusedLoads().toString());
        }
    }

    /**
     * Doris in cloud mode refuses 2PC loads into merge-on-write tables; tables created merge-on-read take them, and
     * the pipeline lands every change exactly once.
     */
    @Test
    void inCloudModeMergeOnReadTablesLandEveryChange() throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().dorisVersion("3.0.5").cloudMode(true).start()) {
            runThroughChanges(doris, Map.of("table.create.properties.enable_unique_key_merge_on_write", "false"));
            assertEquals(0, doris.refusedLoads().size(), doris.refusedLoads().toString());
        }
    }

    /**
     * The merged table auto-partitioned by year of hire_date: its UNIQUE key grows by hire_date, and a row whose
     * hire_date changes moves (its old version is deleted), so Doris keeps one row per employee.
     */
    @Test
    void anAutoPartitionedTableKeepsOneRowPerKeyWhenThePartitionValueChanges() throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            runThroughChanges(doris, Map.of(
                    "table.create.auto-partition.properties.include", "demo[.]all_employees_info",
                    "table.create.auto-partition.properties.default-partition-key", "hire_date",
                    "table.create.auto-partition.properties.default-partition-unit", "year"), pipeline -> {
                        mysql.execute("UPDATE emp_1.employees_1 SET hire_date = '2001-02-03' WHERE emp_no = 10001");
                        DorisVersusSource.awaitEqual(pipeline::awaitUntil, doris, mysql.client(),
                                "a hire_date change, which changes the Doris key");
                        long rows = doris.rows(ShardsPipeline.DB, ShardsPipeline.TABLE).stream()
                                .filter(r -> ((Number) r.get("emp_no")).longValue() == 10001).count();
                        assertEquals(1, rows, "one row for employee 10001");
                    });
            String created = doris.sql(ShardsPipeline.DB, "SHOW CREATE TABLE " + ShardsPipeline.TABLE).rows().get(0)
                    .get(1).toString();
            assertTrue(created.contains("KEY(`emp_no`, `hire_date`)"), created);
            assertTrue(created.contains("AUTO PARTITION BY RANGE (date_trunc(`hire_date`, 'year'))"), created);
        }
    }

    /**
     * BUCKETS and PROPERTIES by table-name pattern: the merged table matches the second bucket pattern and the
     * second property rule, whose compression overrides the global one (the first rule, tried first, does not match).
     */
    @Test
    void bucketsAndPropertiesPerTableAreTakenFromTheFirstMatchingPattern() throws Exception {
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            runThroughChanges(doris, Map.of("table.create.table-buckets", "orders:16,demo[.]all_.*:7",
                    "table.create.properties.compression", "LZ4",
                    "table.create.table-properties.1.tables", "orders",
                    "table.create.table-properties.1.compression", "ZLIB",
                    "table.create.table-properties.2.tables", "demo[.]all_.*",
                    "table.create.table-properties.2.compression", "ZSTD",
                    "table.create.table-properties.2.bloom_filter_columns", "last_name"));
            String created = doris.sql(ShardsPipeline.DB, "SHOW CREATE TABLE " + ShardsPipeline.TABLE).rows().get(0)
                    .get(1).toString();
            assertTrue(created.contains("BUCKETS 7"), created);
            assertTrue(created.contains("\"compression\" = \"ZSTD\""), created);
            assertTrue(created.contains("\"bloom_filter_columns\" = \"last_name\""), created);
        }
    }

    /** The FE redirects to a BE address that does not answer; the map names where the BE really is. */
    @Test
    void aBackendAddressMapReachesABackendTheFeNamesByAnUnreachableAddress() throws Exception {
        int deadPort = freePort();
        try (DorisTestServer doris = DorisTestServer.builder().advertisedBackend("127.0.0.1", deadPort).start()) {
            runThroughChanges(doris, Map.of("sink.backend-address-map", "127.0.0.1:" + deadPort + "=" + doris.beAddress()));
        }
    }

    /** The FE redirects to a BE address that does not answer; benodes lists a dead BE and the real one. */
    @Test
    void benodesReachesTheBackendPastTheFe() throws Exception {
        int deadPort = freePort();
        try (DorisTestServer doris = DorisTestServer.builder().advertisedBackend("127.0.0.1", deadPort).start()) {
            runThroughChanges(doris, Map.of("benodes", "127.0.0.1:" + deadPort + "," + doris.beAddress(),
                    "sink.connect-timeout", "2s"));
        }
    }

    /** Each pre-committed load reports Doris's timings and received bytes to the writer's metric group. */
    @Test
    void dorisTimingsOfEveryLoadAreReportedAsWriterMetrics() throws Exception {
        CountingMetricReporter.forgetAll();
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            runThroughChanges(doris, Map.of(), pipeline -> pipeline.awaitUntil(
                    "the writer's metrics count every load Doris committed", DorisVersusSource.CATCH_UP, () -> {
                        long loads = doris.commits().size();
                        long bytes = doris.commits().stream().mapToLong(CommitRecord::bytes).sum();
                        return loads > 0 && CountingMetricReporter.sum("dorisLoadBytes") == bytes
                                && List.of("dorisLoadTimeMs", "dorisBeginTxnTimeMs", "dorisStreamLoadPutTimeMs",
                                        "dorisReadDataTimeMs", "dorisWriteDataTimeMs", "dorisCommitAndPublishTimeMs")
                                        .stream()
                                        .allMatch(name -> CountingMetricReporter.histogramCount(name) == loads);
                    }));
        }
    }

    /**
     * A source table without a primary key becomes a DUPLICATE KEY table by default; its snapshot and inserts land
     * once each; its first UPDATE fails the job naming the table, since Doris could not apply it.
     */
    @Test
    void aTableWithoutPrimaryKeyLandsItsInsertsAndAnUpdateFailsTheJobNamingIt() throws Exception {
        mysql.execute("DROP DATABASE IF EXISTS keyless", "CREATE DATABASE keyless",
                "CREATE TABLE keyless.events (id INT NOT NULL, note VARCHAR(20))",
                "INSERT INTO keyless.events VALUES (1, 'a'), (1, 'a'), (2, 'b')");
        Path yaml = work.resolve("keyless.yaml");
        Files.writeString(yaml, String.join("\n",
                "source:",
                "  type: mysql",
                "  hostname: ${MYSQL_HOST}",
                "  port: ${MYSQL_PORT}",
                "  username: ${MYSQL_USER}",
                "  password: \"${MYSQL_PASSWORD}\"",
                "  tables: keyless.events",
                "  server-id: 5410-5414",
                "  server-time-zone: UTC",
                "  scan.incremental.snapshot.chunk.key-column: keyless.events:id",
                "sink:",
                "  type: doris2pc",
                "  fenodes: ${DORIS_FENODES}",
                "  username: ${DORIS_USER}",
                "  password: \"${DORIS_PASSWORD}\"",
                "  table.create.properties.replication_num: 1",
                "pipeline:",
                "  name: keyless",
                "  parallelism: 1",
                ""));
        try (DorisTestServer doris = DorisTestServer.builder().start();
                RunningPipeline pipeline = ShardsPipeline.runner(yaml, mysql, doris)
                        .checkpointInterval(Duration.ofSeconds(1))
                        .checkpointDir(work.resolve("checkpoints"))
                        .restartAttempts(0)
                        .start()) {
            mysql.execute("INSERT INTO keyless.events VALUES (3, 'c')");
            pipeline.awaitUntil("the snapshot's three rows and one insert in Doris", DorisVersusSource.CATCH_UP,
                    () -> doris.tableExists("keyless", "events") && doris.rows("keyless", "events").size() == 4);
            String created = doris.sql("keyless", "SHOW CREATE TABLE events").rows().get(0).get(1).toString();
            assertTrue(created.contains("DUPLICATE KEY(`id`)"), created);

            mysql.execute("UPDATE keyless.events SET note = 'z' WHERE id = 2");
            JobResult result = pipeline.awaitTermination(DorisVersusSource.CATCH_UP);
            assertTrue(result.getSerializedThrowable().isPresent(), "the job failed");
            String failure = messages(result);
            assertTrue(failure.contains("Table keyless.events has no primary key, so its Doris table is a DUPLICATE "
                    + "KEY table, which cannot apply the UPDATE that just arrived"), failure);
            assertTrue(failure.contains("sink.keyless-changes: APPEND"), failure);
            assertEquals(4, doris.rows("keyless", "events").size());
        }
    }

    private static String messages(JobResult result) {
        StringBuilder text = new StringBuilder();
        Throwable t = result.getSerializedThrowable().get()
                .deserializeError(ProductionOptionsE2eTest.class.getClassLoader());
        for (; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The snapshot, then an insert, an update and a delete; Doris must equal the source after each. */
    private void runThroughChanges(DorisTestServer doris, Map<String, String> sinkOptions) throws Exception {
        runThroughChanges(doris, sinkOptions, pipeline -> {});
    }

    private void runThroughChanges(DorisTestServer doris, Map<String, String> sinkOptions,
            Consumer<RunningPipeline> atTheEnd) throws Exception {
        Path yaml = ShardsPipeline.withSinkOptions(work.resolve("yaml"), sinkOptions);
        try (RunningPipeline pipeline = ShardsPipeline.runner(yaml, mysql, doris)
                .checkpointInterval(Duration.ofSeconds(1))
                .checkpointDir(work.resolve("checkpoints"))
                .flinkConfig("metrics.reporter.counting.factory.class", CountingMetricReporter.Factory.class.getName())
                .start()) {
            DorisVersusSource.awaitEqual(pipeline::awaitUntil, doris, mysql.client(), "the snapshot");
            mysql.execute("INSERT INTO emp_1.employees_1 VALUES (50001,'1990-01-01','Ada','Lovelace','F','2020-02-02')",
                    "UPDATE emp_2.employees_1 SET last_name = 'Renamed' WHERE emp_no = 10055",
                    "DELETE FROM emp_2.employees_2 ORDER BY emp_no LIMIT 3");
            DorisVersusSource.awaitEqual(pipeline::awaitUntil, doris, mysql.client(), "an insert, an update, deletes");
            atTheEnd.accept(pipeline);
        }
    }
}
