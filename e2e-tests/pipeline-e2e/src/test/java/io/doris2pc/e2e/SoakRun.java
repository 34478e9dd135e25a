package io.doris2pc.e2e;

import io.doris2pc.e2e.chaos.ChaosOptions;
import io.doris2pc.e2e.chaos.ChaosRun;
import io.doris2pc.e2e.chaos.FailurePoint;
import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One soak run of the seed pipeline, with a change log table beside the shards: the snapshot lands, random changes
 * flow, the job failure and the Doris fault of the scenario strike while changes go on, a shard gains a column once
 * the job has caught up, and changes flow on; once the source is quiet, Doris is compared with the source and the
 * transactions are audited against the completed checkpoints.
 */
final class SoakRun {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String SHARD_TABLES = "  tables: emp_[0-9]+.employees_[0-9]+\n";
    private static final String NEW_COLUMN = "soak_extra";
    /** Flink's setting that fixes the JobID of a submission (PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID). */
    static final String FIXED_JOB_ID = "$internal.pipeline.job-id";

    private final EmbeddedMySql mysql;
    private final SoakScenario scenario;
    private final Path work;
    private final long started = System.nanoTime();
    /** The Doris fault as injected, with its size. */
    private String injected = "none yet";
    /** The run's job: replaced when the scenario restarts it. */
    private RunningPipeline pipeline;
    /** Rows the scenario's second pipeline lost and doubled, if it had one. */
    private int[] copyDifferences = {0, 0};

    SoakRun(EmbeddedMySql mysql, SoakScenario scenario, Path work) {
        this.mysql = mysql;
        this.scenario = scenario;
        this.work = work;
    }

    SoakOutcome run() throws Exception {
        ShardsPipeline.resetSource(mysql);
        SoakTraffic.createChangeLog(mysql.client());
        ChaosRun chaos = new ChaosRun(work.resolve("chaos"));
        Path checkpoints = work.resolve("checkpoints");
        Random random = scenario.randomForRun();
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            createDorisChangeLog(doris);
            TransactionAudit audit = new TransactionAudit(doris, chaos.ledger(), checkpoints,
                    commit -> !commit.table().equals(SoakCopyPipeline.TABLE));
            pipeline = start(doris, chaos, checkpoints, scenario.parallelism, Map.of(), null, null);
            try {
                int transactions = 0;
                String failure = null;
                try {
                    transactions = changeThroughFaults(doris, chaos, random);
                    awaitSame(pipeline, doris, "the schema change and the changes after it");
                } catch (IllegalStateException | AssertionError e) {
                    failure = withRootCause(e);
                }
                Differences differences = differences(doris);
                int lingering = 0;
                try {
                    audit.awaitNoOpenTransactions(pipeline::awaitUntil, txn -> true);
                    audit.assertEveryCommitBelongsToACompletedCheckpoint();
                    audit.assertEveryCompletedCheckpointCommitted();
                } catch (IllegalStateException | AssertionError e) {
                    lingering = audit.openTransactions(txn -> true).size();
                    failure = failure != null ? failure : e.getMessage();
                }
                SoakOutcome outcome = new SoakOutcome(differences.lost + copyDifferences[0],
                        differences.doubled + copyDifferences[1], lingering, failure, transactions, injected);
                if (!outcome.clean()) {
                    keepDorisSide(doris);
                }
                return outcome;
            } finally {
                if (pipeline != null) {
                    pipeline.close();
                }
            }
        }
    }

    private RunningPipeline start(DorisTestServer doris, ChaosRun chaos, Path checkpoints, int parallelism,
            Map<String, String> extraSinkOptions, Path restoreFrom, JobID jobId) throws Exception {
        Map<String, String> sinkOptions = new LinkedHashMap<>();
        sinkOptions.put(ChaosOptions.DIR.key(), chaos.dir().toString());
        sinkOptions.put(ChaosOptions.FAILURE.key(), scenario.failure.name());
        sinkOptions.put(ChaosOptions.WRITE_AFTER_RECORDS.key(), String.valueOf(scenario.writeAfterRecords));
        sinkOptions.put("sink.buffer-size", String.valueOf(scenario.bufferSize));
        sinkOptions.put("sink.max-retries", "3");
        sinkOptions.put("sink.retry-backoff", "500ms");
        sinkOptions.putAll(extraSinkOptions);
        LocalPipelineRunner.Builder runner =
                ShardsPipeline.runner(withChangeLog(ShardsPipeline.withChaosSink(work, sinkOptions)), mysql, doris);
        if (restoreFrom != null) {
            runner.restoreFrom(restoreFrom);
        }
        if (jobId != null) {
            runner.flinkConfig(FIXED_JOB_ID, jobId.toHexString());
        }
        return runner
                .parallelism(parallelism)
                .checkpointInterval(scenario.checkpointInterval)
                .checkpointDir(checkpoints)
                .restartAttempts(100)
                .restartDelay(Duration.ofMillis(300))
                .flinkConfig(TransactionAudit.NUM_RETAINED, TransactionAudit.RETAIN_ALL)
                .start();
    }

    /**
     * The scenario's traffic, faults and schema change; returns the number of source transactions. The column is added once the
     * job has recovered and a checkpoint covers every change so far, so that no restore crosses the ALTER: Flink CDC
     * 3.2.0 cannot restore into a schema change, and restores after one failed in its PostTransform ("index (6)
     * should < 6") at parallelism 2 when the soak injected its faults after the ALTER. The DDL storm comes last,
     * with traffic flowing and only Doris faults that fail no job over ({@link SoakDdlStorm}).
     */
    private int changeThroughFaults(DorisTestServer doris, ChaosRun chaos, Random random) throws Exception {
        awaitSame(pipeline, doris, "the snapshot");
        SoakTraffic changes = SoakTraffic.of(mysql.client(), random);
        try (SourceTraffic traffic = changes.start()) {
            traffic.awaitMoreSteps(scenario.transactionsBeforeFaults, DEADLINE);
            chaos.arm();
            injected = scenario.dorisFault.inject(doris, random);
            traffic.awaitMoreSteps(scenario.transactionsAfterFaults, DEADLINE);
            scenario.dorisFault.clear(doris);
            pipeline.awaitUntil(
                    "the job failure and the Doris fault struck",
                    DEADLINE,
                    () -> (scenario.failure == FailurePoint.NONE || chaos.fired()) && !doris.faults().pending());
            if (scenario.restart != SoakRestart.NONE) {
                pipeline = scenario.restart.restart(restarts(doris, chaos, traffic));
                traffic.awaitMoreSteps(scenario.transactionsAfterFaults, DEADLINE);
            }
            traffic.pause();
            awaitSame(pipeline, doris, "the changes through " + scenario.failure + " and " + scenario.dorisFault);
            changes.addColumn(traffic, scenario.alteredShard, NEW_COLUMN, scenario.newColumnType);
            traffic.awaitMoreSteps(scenario.transactionsAfterSchemaChange, DEADLINE);
            scenario.ddlStorm.run(mysql.client(), doris);
            traffic.awaitMoreSteps(scenario.transactionsDuringStorm, DEADLINE);
            scenario.ddlStorm.clear(doris);
            return traffic.stop();
        }
    }

    /** The scenario's restart of the job, on this run's pipeline, Doris and checkpoints. */
    private SoakRestart.Restarts restarts(DorisTestServer doris, ChaosRun chaos, SourceTraffic traffic) {
        Path checkpoints = work.resolve("checkpoints");
        SoakCopyPipeline copy = new SoakCopyPipeline(mysql, doris, work.resolve("second-pipeline"));
        return new SoakRestart.Restarts() {
            @Override
            public RunningPipeline current() {
                return pipeline;
            }

            @Override
            public DorisTestServer doris() {
                return doris;
            }

            @Override
            public int parallelism() {
                return scenario.parallelism;
            }

            @Override
            public Path savepointDir() {
                return work.resolve("savepoints").toAbsolutePath();
            }

            @Override
            public void pauseTraffic() {
                traffic.pause();
            }

            @Override
            public void resumeTraffic() {
                traffic.resume();
            }

            @Override
            public void awaitCaughtUp(String step) {
                awaitSame(pipeline, doris, step);
            }

            @Override
            public RunningPipeline start(int parallelism, Map<String, String> sinkOptions, Path restoreFrom)
                    throws Exception {
                return SoakRun.this.start(doris, chaos, checkpoints, parallelism, sinkOptions, restoreFrom, null);
            }

            @Override
            public RunningPipeline start(int parallelism, Map<String, String> sinkOptions, Path restoreFrom,
                    JobID jobId) throws Exception {
                return SoakRun.this.start(doris, chaos, checkpoints, parallelism, sinkOptions, restoreFrom, jobId);
            }

            @Override
            public SoakCopyPipeline copy() {
                return copy;
            }

            @Override
            public void copyEnded(int[] lostAndDoubled) {
                copyDifferences = lostAndDoubled;
            }
        };
    }

    private void awaitSame(RunningPipeline pipeline, DorisTestServer doris, String step) {
        System.out.printf("soak seed %d: %.1f s, awaiting Doris equal to the source after %s%n", scenario.seed,
                (System.nanoTime() - started) / 1e9, step);
        Differences[] last = {null};
        try {
            pipeline.awaitUntil(
                    "Doris equals the source after " + step,
                    DEADLINE,
                    () -> (last[0] = differences(doris)).none());
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; last seen: " + last[0], e);
        }
    }

    private Differences differences(DorisTestServer doris) {
        Differences differences = new Differences();
        differences.lost += DorisVersusSource.read(doris, mysql.client()).differing().size();

        Set<Long> logged = new HashSet<>();
        for (Map<String, Object> row : mysql.query("SELECT id FROM " + SoakTraffic.CHANGE_LOG)) {
            logged.add(((Number) row.get("id")).longValue());
        }
        Map<Long, Integer> landed = new HashMap<>();
        for (Map<String, Object> row : doris.rows("soak", "change_log")) {
            landed.merge(((Number) row.get("id")).longValue(), 1, Integer::sum);
        }
        for (Long id : logged) {
            if (!landed.containsKey(id)) {
                differences.lost++;
            }
        }
        for (Map.Entry<Long, Integer> id : landed.entrySet()) {
            differences.doubled += logged.contains(id.getKey()) ? id.getValue() - 1 : id.getValue();
        }
        return differences;
    }

    /** The message, and that of the innermost cause (why a job failed for good, say). */
    private static String withRootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : e.getMessage() + " (caused by " + root + ")";
    }

    /** What Doris held when the run went wrong, for the run's directory: every transaction and commit. */
    private void keepDorisSide(DorisTestServer doris) throws IOException {
        List<String> lines = new ArrayList<>();
        doris.transactions().forEach(txn -> lines.add(txn.toString()));
        doris.commits().forEach(commit -> lines.add(commit.toString()));
        doris.refusedLoads().forEach(refusal -> lines.add("refused: " + refusal));
        Files.write(work.resolve("doris-transactions.txt"), lines, StandardCharsets.UTF_8);
    }

    /** The change log lands in a DUPLICATE KEY table, created before the job, which keeps every row it is given. */
    private static void createDorisChangeLog(DorisTestServer doris) {
        doris.sql("", "CREATE DATABASE soak");
        doris.sql("soak", "CREATE TABLE change_log (id BIGINT NOT NULL, shard VARCHAR(120) NOT NULL, "
                + "op VARCHAR(30) NOT NULL, emp_no INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1 "
                + "PROPERTIES (\"replication_num\" = \"1\")");
    }

    /** The seed pipeline's YAML also capturing the change log table, which no route merges. */
    private static Path withChangeLog(Path yaml) {
        try {
            String text = Files.readString(yaml, StandardCharsets.UTF_8);
            if (!text.contains(SHARD_TABLES)) {
                throw new IllegalStateException(yaml + " has no line '" + SHARD_TABLES.trim() + "'");
            }
            String withChangeLog = SHARD_TABLES.replace("\n", "," + SoakTraffic.CHANGE_LOG + "\n");
            Files.writeString(yaml, text.replace(SHARD_TABLES, withChangeLog), StandardCharsets.UTF_8);
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot add the change log to " + yaml, e);
        }
    }

    private static final class Differences {
        int lost;
        int doubled;

        boolean none() {
            return lost == 0 && doubled == 0;
        }

        @Override
        public String toString() {
            return lost + " rows lost, " + doubled + " doubled";
        }
    }
}
