package io.doris2pc.e2e;

import io.doris2pc.e2e.cluster.FlinkCdcCli;
import io.doris2pc.e2e.cluster.FlinkSessionCluster;
import io.doris2pc.e2e.cluster.UserInstall;
import io.doris2pc.examples.Directories;
import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.PipelineYaml;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnState;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The path README's install steps describe, taken as a user takes it: a Flink 1.18 session cluster whose JobManager
 * and TaskManager are JVMs of their own, checkpointing switched on in its {@code conf/flink-conf.yaml}, and the seed
 * pipeline submitted by Flink CDC 3.2.0's CLI with the shaded doris2pc jar and the MySQL pipeline connector in
 * flink-cdc's {@code lib/} and the JDBC driver passed with {@code --jar}. The CLI exits once the job is submitted;
 * everything after that happens on the cluster, including a TaskManager killed with SIGKILL and the job's restore
 * from its last checkpoint onto a new one. Its loads are lz4-compressed: the connector jar bundles no lz4-java, so
 * the TaskManager must take the one Flink's own {@code lib/} carries (flink-dist ships it for Flink's network stack).
 *
 * <p>Runs in {@code mvn verify} (failsafe): it needs the connector's package output, the jar users install.
 */
class FlinkSessionClusterIT {

    private static final String DORIS_PASSWORD = "cluster-test-secret";
    private static final Duration RESTORE = Duration.ofSeconds(90);

    private static EmbeddedMySql mysql;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql"));
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @Test
    void theInstalledConnectorRunsOnASessionClusterAndRestoresAfterATaskManagerIsKilled() throws Exception {
        ShardsPipeline.resetSource(mysql);
        Path work = emptyDir(Paths.get("target/flink-session-cluster"));
        UserInstall install = UserInstall.fromTestClasspath(
                Paths.get(System.getProperty("doris2pc.connector.jar")), work.resolve("flink-cdc"));
        try (DorisTestServer doris = DorisTestServer.builder().password(DORIS_PASSWORD).dorisVersion("3.0.5").start();
                FlinkSessionCluster cluster = FlinkSessionCluster.start(work.resolve("flink"), install.flinkLib())) {
            Path seed = ShardsPipeline.withSinkOptions(work.resolve("seed"),
                    Map.of("sink.properties.compress_type", "lz4"));
            Path yaml = work.resolve("pipeline.yaml");
            Files.writeString(yaml, PipelineYaml.load(seed, ShardsPipeline.variables(mysql, doris)).text(),
                    StandardCharsets.UTF_8);

            String jobId = FlinkCdcCli.submit(install, cluster.home(), yaml, List.of(install.jdbcDriver()),
                    cluster.logDir().resolve("flink-cdc-cli.log"));

            // The CLI's JVM has exited: from here on, only the cluster can be doing the work.
            assertEquals(Map.of(jobId, "RUNNING"), awaitRunning(cluster, jobId));
            DorisVersusSource.awaitEqual(cluster::awaitUntil, doris, mysql.client(), "the snapshot of 116 employees");
            assertEquals(116, doris.rows(ShardsPipeline.DB, ShardsPipeline.TABLE).size());
            mysql.execute("START TRANSACTION", "DELETE FROM emp_2.employees_2 ORDER BY emp_no LIMIT 3", "COMMIT");
            DorisVersusSource.awaitEqual(cluster::awaitUntil, doris, mysql.client(), "three deletes");
            assertEquals(113, doris.rows(ShardsPipeline.DB, ShardsPipeline.TABLE).size());

            try (SourceTraffic changes = ShardChanges.start(mysql.client(), 400_000, true)) {
                changes.awaitMoreSteps(40, RESTORE);
                cluster.killTaskManager();
                changes.awaitMoreSteps(40, RESTORE);
                cluster.startTaskManager();
                cluster.awaitUntil("the job restored from a checkpoint and runs again", RESTORE,
                        () -> cluster.restoredCheckpoint(jobId) > 0 && "RUNNING".equals(cluster.jobState(jobId)));
                changes.awaitMoreSteps(40, RESTORE);
                changes.stop();
            }
            DorisVersusSource.awaitEqual(cluster::awaitUntil, doris, mysql.client(), "the TaskManager's kill and restore");
            // The killed attempt's open and pre-committed transactions end once the restored job has committed or
            // aborted them; only the transaction of the checkpoint in flight may still be open.
            cluster.awaitUntil("no transaction of the killed attempt is still open", RESTORE,
                    () -> openTransactions(doris) <= 1);
            assertEquals("RUNNING", cluster.jobState(jobId));
            assertFalse(cluster.logs().contains(DORIS_PASSWORD), "the Doris password appears in the cluster's or "
                    + "the CLI's logs in " + cluster.logDir());
        }
    }

    private static Map<String, String> awaitRunning(FlinkSessionCluster cluster, String jobId) {
        cluster.awaitUntil("the JobManager runs job " + jobId, Duration.ofSeconds(60),
                () -> "RUNNING".equals(cluster.jobs().get(jobId)));
        return cluster.jobs();
    }

    private static long openTransactions(DorisTestServer doris) {
        return doris.transactions().stream()
                .filter(t -> t.state() == TxnState.PREPARE || t.state() == TxnState.PRECOMMITTED)
                .count();
    }

    private static Path emptyDir(Path dir) throws IOException {
        Directories.deleteRecursively(dir);
        return Files.createDirectories(dir).toAbsolutePath();
    }
}
