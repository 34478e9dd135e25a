package io.doris2pc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.cdc.common.event.DataChangeEvent;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

class LocalPipelineRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir static Path workDir;
    private static EmbeddedMySql mysql;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(workDir.resolve("mysql"));
        mysql.runSqlScript("emp_shards.sql");
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @Test
    void checkpointsAreRetainedAndAResumedJobReadsOnlyNewChanges() throws Exception {
        Path checkpoints = workDir.resolve("checkpoints");
        String lastCheckpoint;
        try (RunningPipeline pipeline = runner(checkpoints).start()) {
            pipeline.awaitUntil("the snapshot reached the sink", TIMEOUT, () -> received().size() == 116);
            mysql.execute(insertEmployee(20001));
            pipeline.awaitUntil("the binlog insert reached the sink", TIMEOUT, () -> received().contains(20001));
            pipeline.awaitUntil(
                    "a periodic checkpoint was retained", TIMEOUT, () -> pipeline.latestCheckpoint().isPresent());
            lastCheckpoint = pipeline.triggerCheckpoint();
        }

        Path retained = RetainedCheckpoints.latest(checkpoints).orElseThrow();
        assertEquals(path(lastCheckpoint), retained, "the last checkpoint survives the cancellation");

        RecordingSinkFactory.RECEIVED.clear();
        mysql.execute(insertEmployee(20002));
        try (RunningPipeline resumed = runner(checkpoints).restoreFrom(retained).start()) {
            resumed.awaitStatus(JobStatus.RUNNING, TIMEOUT);
            mysql.execute(insertEmployee(20003));
            resumed.awaitUntil("the inserts reached the sink", TIMEOUT, () -> received().contains(20003));
            assertEquals(List.of(20002, 20003), received(), "no snapshot again, nothing lost");
            assertTrue(RetainedCheckpoints.checkpointId(retained) > 0);
        }
    }

    @Test
    void byDefaultAFailedJobRestartsFromItsLatestCheckpointAsOnAFlinkCluster() throws Exception {
        RecordingSinkFactory.RECEIVED.clear();
        RecordingSinkFactory.FAILING_EMP_NO.set(20011);
        RecordingSinkFactory.FAILURES_LEFT.set(3);
        try (RunningPipeline pipeline = runner(workDir.resolve("restarting")).restartDelay(Duration.ofMillis(100))
                .start()) {
            pipeline.awaitUntil("the snapshot reached the sink", TIMEOUT, () -> received().contains(10001));
            mysql.execute(insertEmployee(20011));
            pipeline.awaitUntil("the failing row reached the sink after three failures", TIMEOUT,
                    () -> RecordingSinkFactory.FAILURES_LEFT.get() == 0 && received().contains(20011));
            assertEquals(JobStatus.RUNNING, pipeline.status());
        } finally {
            RecordingSinkFactory.FAILING_EMP_NO.set(0);
            RecordingSinkFactory.RECEIVED.clear();
            mysql.execute("DELETE FROM emp_1.employees_1 WHERE emp_no = 20011");
        }
    }

    @Test
    void noRestartAttemptsEndTheJobAtItsFirstFailure() throws Exception {
        RecordingSinkFactory.RECEIVED.clear();
        RecordingSinkFactory.FAILING_EMP_NO.set(20012);
        RecordingSinkFactory.FAILURES_LEFT.set(1);
        try (RunningPipeline pipeline = runner(workDir.resolve("failing")).restartAttempts(0).start()) {
            pipeline.awaitUntil("the snapshot reached the sink", TIMEOUT, () -> received().contains(10001));
            mysql.execute(insertEmployee(20012));
            assertFalse(pipeline.awaitTermination(TIMEOUT).isSuccess());
            assertEquals(JobStatus.FAILED, pipeline.status());
            assertFalse(received().contains(20012));
        } finally {
            RecordingSinkFactory.FAILING_EMP_NO.set(0);
            RecordingSinkFactory.RECEIVED.clear();
            mysql.execute("DELETE FROM emp_1.employees_1 WHERE emp_no = 20012");
        }
    }

    private static LocalPipelineRunner.Builder runner(Path checkpoints) {
        return LocalPipelineRunner.builder(resource("pipelines/mysql-shards-to-recording.yaml"))
                .variables(
                        Map.of(
                                "MYSQL_HOST", "127.0.0.1",
                                "MYSQL_PORT", String.valueOf(mysql.port()),
                                "MYSQL_USER", EmbeddedMySql.USER,
                                "MYSQL_PASSWORD", ""))
                .checkpointInterval(Duration.ofMillis(500))
                .checkpointDir(checkpoints);
    }

    private static List<Integer> received() {
        return RecordingSinkFactory.RECEIVED.stream()
                .map(DataChangeEvent::after)
                .map(after -> after.getInt(0))
                .collect(Collectors.toList());
    }

    private static String insertEmployee(int empNo) {
        return "INSERT INTO emp_1.employees_1 VALUES (" + empNo + ", '1970-01-01', 'New', 'Hire', 'F', '2024-01-01')";
    }

    private static Path path(String uri) throws URISyntaxException {
        return Paths.get(new URI(uri));
    }

    private static Path resource(String name) {
        try {
            return Paths.get(LocalPipelineRunnerTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
