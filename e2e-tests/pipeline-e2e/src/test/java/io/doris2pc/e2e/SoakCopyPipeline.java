package io.doris2pc.e2e;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.api.common.JobID;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A second pipeline beside a soak run's job (issue 13, point 6): it copies the source's change log into another
 * table of the same Doris database, with the job's {@code sink.label-prefix} and, when started so, the job's JobID.
 * Doris keeps labels per database, so the two share one label space; neither may abort, commit or reuse the other's
 * transactions. The copy is a DUPLICATE KEY table, created before the pipeline, so a row it holds twice shows.
 */
final class SoakCopyPipeline {

    static final String TABLE = "change_log_copy";
    private static final String SOAK_DB = "soak";
    /** The seed YAML's prefix: the point of the scenario is that both pipelines use it. */
    private static final String LABEL_PREFIX = "emp_shards";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final EmbeddedMySql mysql;
    private final DorisTestServer doris;
    private final Path dir;

    SoakCopyPipeline(EmbeddedMySql mysql, DorisTestServer doris, Path dir) {
        this.mysql = mysql;
        this.doris = doris;
        this.dir = dir;
    }

    /** Starts the copy under {@code jobId}, fresh or restored from one of its checkpoints. */
    RunningPipeline start(JobID jobId, Path restoreFrom) throws Exception {
        if (!doris.tableExists(SOAK_DB, TABLE)) {
            doris.sql(SOAK_DB, "CREATE TABLE " + TABLE + " (id BIGINT NOT NULL, shard VARCHAR(120) NOT NULL, "
                    + "op VARCHAR(30) NOT NULL, emp_no INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) "
                    + "BUCKETS 1 PROPERTIES (\"replication_num\" = \"1\")");
        }
        var runner = ShardsPipeline.runner(yaml(), mysql, doris)
                .parallelism(1)
                .checkpointInterval(Duration.ofSeconds(1))
                .checkpointDir(dir.resolve("checkpoints"))
                .restartAttempts(100)
                .restartDelay(Duration.ofMillis(300))
                .flinkConfig(SoakRun.FIXED_JOB_ID, jobId.toHexString());
        if (restoreFrom != null) {
            runner.restoreFrom(restoreFrom);
        }
        return runner.start();
    }

    /** Waits until the copy equals the source's change log, which must be quiet; returns rows lost and doubled. */
    int[] awaitCopied(RunningPipeline copy, String step) {
        int[][] last = {differences()};
        try {
            copy.awaitUntil("the second pipeline's copy equals the change log after " + step, DEADLINE,
                    () -> (last[0] = differences())[0] + last[0][1] == 0);
            TransactionAudit.awaitNoOpenTransactions(copy::awaitUntil, doris, txn -> txn.table().equals(TABLE));
        } catch (IllegalStateException | AssertionError e) {
            System.out.printf("soak: the copy after %s: %d lost, %d doubled (%s); %s%n", step, last[0][0], last[0][1],
                    e.getMessage(), whereLost());
        }
        return last[0];
    }

    /** The transactions of the copy Doris committed. */
    long commits() {
        return doris.commits().stream().filter(commit -> commit.table().equals(TABLE)).count();
    }

    /** The ids the copy lacks, each with the ids loaded just before and after it (in Doris's order). */
    private String whereLost() {
        Set<Long> lost = loggedIds();
        List<Long> copied = copiedIds();
        lost.removeAll(copied);
        StringBuilder where = new StringBuilder("lost ids " + new TreeSet<>(lost) + "; copy order around them:");
        for (int i = 1; i < copied.size(); i++) {
            long low = Math.min(copied.get(i - 1), copied.get(i));
            long high = Math.max(copied.get(i - 1), copied.get(i));
            if (lost.stream().anyMatch(id -> id > low && id < high)) {
                where.append(" [").append(i).append(": ").append(copied.get(i - 1)).append(" -> ")
                        .append(copied.get(i)).append("]");
            }
        }
        return where.toString();
    }

    /** Change log rows the copy lacks, and rows it holds more than once. */
    private int[] differences() {
        Set<Long> logged = loggedIds();
        Map<Long, Integer> copied = new HashMap<>();
        copiedIds().forEach(id -> copied.merge(id, 1, Integer::sum));
        int lost = 0;
        int doubled = 0;
        for (Long id : logged) {
            if (!copied.containsKey(id)) {
                lost++;
            }
        }
        for (Map.Entry<Long, Integer> id : copied.entrySet()) {
            doubled += logged.contains(id.getKey()) ? id.getValue() - 1 : id.getValue();
        }
        return new int[] {lost, doubled};
    }

    private Set<Long> loggedIds() {
        Set<Long> ids = new HashSet<>();
        for (Map<String, Object> row : mysql.query("SELECT id FROM " + SoakTraffic.CHANGE_LOG)) {
            ids.add(((Number) row.get("id")).longValue());
        }
        return ids;
    }

    private List<Long> copiedIds() {
        List<Long> ids = new ArrayList<>();
        for (Map<String, Object> row : doris.rows(SOAK_DB, TABLE)) {
            ids.add(((Number) row.get("id")).longValue());
        }
        return ids;
    }

    /** Only the change log, routed to the copy; its own server ids (the job's source holds 5400-5404). */
    private Path yaml() {
        String text = String.join("\n",
                "source:",
                "  type: mysql",
                "  hostname: ${MYSQL_HOST}",
                "  port: ${MYSQL_PORT}",
                "  username: ${MYSQL_USER}",
                "  password: \"${MYSQL_PASSWORD}\"",
                "  tables: " + SoakTraffic.CHANGE_LOG,
                "  server-id: 5500-5504",
                "  server-time-zone: UTC",
                "route:",
                "  - source-table: " + SoakTraffic.CHANGE_LOG,
                "    sink-table: " + SOAK_DB + "." + TABLE,
                "sink:",
                "  type: doris2pc",
                "  fenodes: ${DORIS_FENODES}",
                "  username: ${DORIS_USER}",
                "  password: \"${DORIS_PASSWORD}\"",
                "  sink.label-prefix: " + LABEL_PREFIX,
                "pipeline:",
                "  name: soak change log copy",
                "  parallelism: 1",
                "");
        try {
            Files.createDirectories(dir);
            Path yaml = dir.resolve("copy.yaml");
            Files.writeString(yaml, text, StandardCharsets.UTF_8);
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the second pipeline's YAML into " + dir, e);
        }
    }
}
