package io.doris2pc.benchmarks;

import io.doris2pc.connector.config.Doris2pcOptions;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.sink.Doris2pcDataSink;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.data.RecordData;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.function.HashFunction;
import org.apache.flink.cdc.common.function.HashFunctionProvider;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.sink.DefaultDataChangeEventHashFunctionProvider;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.cdc.common.types.RowType;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

/**
 * A whole database of many tables (10 hot tables take 80 % of the changes). Measured: each sink in turn, doris2pc
 * and the official connector in 2PC mode, writes it against Doris's default transaction quota
 * ({@link WholeDatabaseRun}); counted: how many Doris transactions a checkpoint holds with doris2pc's table affinity
 * and with Flink CDC's default partitioning, with the real partitioners; probed: what one sink subtask pays per
 * table (an open load's thread, socket and heap, DDL, the commits of a checkpoint).
 *
 * <p>The measured runs leave out Flink CDC 3.2.0's schema handshake: it creates tables one at a time (about 1 to 2
 * s each, its SchemaOperator polls the registry every second), so a run creating 1,000 tables would spend most of
 * half an hour in the framework; the end-to-end behaviour is covered by WholeDatabaseE2eTest.
 */
final class ManyTablesBenchmark {
    private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(20);
    private static final int HOT_TABLES = SkewedChangeSource.HOT_TABLES;
    private static final double HOT_SHARE = SkewedChangeSource.HOT_SHARE;
    private static final int KEYS_PER_TABLE = 100_000;
    private static final long CALM_CHANGES_PER_SECOND = 1_000;
    private static final long BUSY_CHANGES_PER_SECOND = 20_000;
    /** Doris 2.1 / 3.0's max_running_txn_num_per_db. */
    private static final int DORIS_QUOTA = 1000;

    private final BenchmarkSettings settings;
    private final PrintStream out;

    ManyTablesBenchmark(BenchmarkSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    void run() throws Exception {
        measuredRuns();
        if (settings.wholeDbMeasuredOnly) {
            return;
        }
        transactionsPerCheckpoint();
        costPerTable();
    }

    /**
     * The whole database measured: each sink in turn writes the skewed changes into a fresh test server with
     * Doris's default quota, in a child JVM per run ({@link WholeDatabaseRun}).
     */
    private void measuredRuns() throws Exception {
        TextTable table = new TextTable("changes/s", "checkpoint interval", "parallelism", "sink", "outcome",
                "rows/s", "peak transactions running (of 1000)", "commit time per checkpoint p50 / max (ms)",
                "transactions per checkpoint (max)", "JVM threads (peak)", "heap after GC (MB, peak)",
                "CREATE TABLE x " + settings.tables + " (s)");
        for (long perSecond : settings.wholeDbChangesPerSecond) {
            for (int seconds : settings.wholeDbCheckpointSeconds) {
                for (int parallelism : settings.wholeDbParallelisms) {
                    for (SinkUnderTest sink : settings.wholeDbSinks) {
                        WholeDatabaseResult r = measuredRun(sink, parallelism, seconds, perSecond);
                        String[] row = {String.format("%,d", perSecond), seconds + " s", String.valueOf(parallelism),
                                sink.title(), r.outcome(), r.rowsPerSecond(), r.peakTransactions(),
                                r.commitTimes(), r.maxTransactionsPerCheckpoint(), r.peakThreads(),
                                r.peakHeapAfterGc(), r.ddl()};
                        table.row(row);
                        settings.progress.println("    " + String.join(" | ", row));
                    }
                }
            }
        }
        out.printf("%n### Whole database measured: %,d tables (4 columns), %d hot tables take %.0f %% of the changes,"
                        + " %d s of changes at a fixed offered rate, quota %d%n%n"
                        + "Each run: a fresh Doris test server (max_running_txn_num_per_db %d), the sink's"
                        + " MetadataApplier creates the tables one after the other, then a Flink job (MiniCluster in"
                        + " a JVM of its own, -Xmx%s, no restarts) sends each table's CreateTableEvent to every sink"
                        + " subtask and each change to the subtask the sink's hash function picks, as Flink CDC"
                        + " 3.2.0 partitions, into the sink's Flink sink. Flink CDC's schema handshake is left out."
                        + " Peak transactions: PREPARE + PRECOMMITTED + COMMITTED at once, counted by the server."
                        + " rows/s: changes over first change to last commit.%n%n%s",
                settings.tables, HOT_TABLES, HOT_SHARE * 100,
                settings.wholeDbSeconds, DORIS_QUOTA, DORIS_QUOTA, settings.wholeDbChildHeap, table);
    }

    private WholeDatabaseResult measuredRun(SinkUnderTest sink, int parallelism, int checkpointSeconds,
            long perSecond) throws Exception {
        String name = sink.name().toLowerCase(Locale.ROOT) + "-p" + parallelism + "-cp" + checkpointSeconds + "s-"
                + perSecond;
        settings.progress.printf("  whole database, %s ...%n", name);
        Path dir = settings.workDir.resolve("many-tables").resolve(name);
        Files.createDirectories(dir);
        Path result = dir.resolve("result.properties");
        String database = "app_db";
        try (DorisTestServer doris = DorisTestServer.builder().countingOnly(true).dorisVersion("3.0.5")
                .maxRunningTxnPerDb(DORIS_QUOTA).start()) {
            doris.sql("information_schema", "CREATE DATABASE " + database);
            Path log = dir.resolve("run.log");
            long offered = perSecond * settings.wholeDbSeconds;
            try {
                new ChildJvm(settings.wholeDbChildHeap).run(WholeDatabaseRun.class, settings.childJvmOptions(dir),
                        List.of("--sink", sink.name(), "--fenodes", doris.feAddress(), "--user", doris.user(),
                                "--password", doris.password(), "--label-prefix", "wdb", "--database", database,
                                "--tables", String.valueOf(settings.tables),
                                "--parallelism", String.valueOf(parallelism),
                                "--checkpoint-seconds", String.valueOf(checkpointSeconds),
                                "--changes-per-second", String.valueOf(perSecond),
                                "--seconds", String.valueOf(settings.wholeDbSeconds), "--result", result.toString()),
                        log, PROBE_TIMEOUT);
            } catch (ChildJvm.Died died) {
                return WholeDatabaseResult.died(died.getMessage(), log, offered,
                        doris.peakRunningTransactions(database), DORIS_QUOTA, doris.commits());
            }
            return WholeDatabaseResult.read(result, offered,
                    doris.peakRunningTransactions(database), DORIS_QUOTA, doris.commits());
        }
    }

    private void transactionsPerCheckpoint() {
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("v", DataTypes.BIGINT())
                .primaryKey("id")
                .build();
        TextTable table = new TextTable("changes/s", "parallelism", "checkpoint interval",
                "doris2pc (1 writer per table)", "Flink CDC default hash (official connector)",
                "doris2pc worst case at once", "official worst case at once");
        for (long perSecond : new long[] {CALM_CHANGES_PER_SECOND, BUSY_CHANGES_PER_SECOND}) {
            for (int parallelism : new int[] {1, 2, 4}) {
                for (Duration interval : List.of(Duration.ofSeconds(1), Duration.ofSeconds(10))) {
                    long changes = perSecond * interval.getSeconds();
                    int affinity = tableSubtaskPairs(schema, doris2pcPartitioner(parallelism), parallelism, changes);
                    int spread = tableSubtaskPairs(
                            schema, new DefaultDataChangeEventHashFunctionProvider(), parallelism, changes);
                    table.row(String.format("%,d", perSecond), String.valueOf(parallelism),
                            interval.getSeconds() + " s", String.valueOf(affinity), String.valueOf(spread),
                            quota(2 * affinity), quota(2 * spread));
                }
            }
        }
        out.printf("%n### Transactions per checkpoint: %,d tables, %d hot tables take %.0f %% of the changes%n%n"
                        + "One transaction per table and writing subtask; at a checkpoint the pre-committed ones wait "
                        + "for their commit while the next ones begin, so up to twice as many run at once "
                        + "(Doris's max_running_txn_num_per_db: %d on 2.1/3.0).%n%n%s",
                settings.tables, HOT_TABLES, HOT_SHARE * 100, DORIS_QUOTA, table);
    }

    private static String quota(int transactions) {
        return transactions + " (" + Math.round(100.0 * transactions / DORIS_QUOTA) + " % of 1000)";
    }

    private HashFunctionProvider<DataChangeEvent> doris2pcPartitioner(int parallelism) {
        Doris2pcSinkConfig config = Doris2pcSinkConfig.from(Configuration.fromMap(Map.of(
                Doris2pcOptions.FENODES.key(), "127.0.0.1:8030", Doris2pcOptions.USERNAME.key(), "root",
                Doris2pcOptions.CHECK_AT_START.key(), "false")), ZoneId.of("UTC"));
        return new Doris2pcDataSink(config).getDataChangeEventHashFunctionProvider(parallelism);
    }

    /** Distinct (table, subtask) pairs one checkpoint's changes reach: its transactions. */
    private int tableSubtaskPairs(
            Schema schema, HashFunctionProvider<DataChangeEvent> provider, int parallelism, long changes) {
        BinaryRecordDataGenerator rows = new BinaryRecordDataGenerator((RowType) schema.toRowDataType());
        List<TableId> tables = new ArrayList<>();
        List<HashFunction<DataChangeEvent>> hashes = new ArrayList<>();
        for (int t = 0; t < settings.tables; t++) {
            TableId id = TableId.tableId("app_db", "t_" + t);
            tables.add(id);
            hashes.add(provider.getHashFunction(id, schema));
        }
        Random random = new Random(42);
        Set<Long> pairs = new HashSet<>();
        for (long c = 0; c < changes; c++) {
            int t = random.nextDouble() < HOT_SHARE
                    ? random.nextInt(HOT_TABLES)
                    : HOT_TABLES + random.nextInt(settings.tables - HOT_TABLES);
            RecordData row = rows.generate(new Object[] {random.nextInt(KEYS_PER_TABLE), c});
            int subtask = hashes.get(t).hashcode(DataChangeEvent.insertEvent(tables.get(t), row)) % parallelism;
            pairs.add((long) t * parallelism + subtask);
        }
        return pairs.size();
    }

    private void costPerTable() throws Exception {
        TextTable table = new TextTable("sink.max-open-loads", "open loads", "threads", "sockets", "heap (MB)",
                "threads / open load", "CREATE TABLE (ms each)", "commit of the checkpoint's transactions");
        try (DorisTestServer doris = DorisTestServer.builder().maxRunningTxnPerDb(2 * settings.tables).start()) {
            for (int maxOpenLoads : new int[] {settings.tables, Doris2pcOptions.MAX_OPEN_LOADS.defaultValue()}) {
                Properties r = probe(doris, maxOpenLoads);
                int threads = Integer.parseInt(r.getProperty("threads"));
                int openLoads = Math.min(maxOpenLoads, settings.tables);
                table.row(String.valueOf(maxOpenLoads), String.valueOf(openLoads), String.valueOf(threads),
                        r.getProperty("sockets"),
                        String.format("%.1f", Long.parseLong(r.getProperty("heapBytes")) / 1e6),
                        String.format("%.2f", (double) threads / openLoads),
                        String.format("%.1f", Double.parseDouble(r.getProperty("ddlMillisPerTable"))),
                        r.getProperty("transactions") + " in " + r.getProperty("commitMillis") + " ms ("
                                + r.getProperty("commitRetries") + " retried)");
            }
        }
        out.printf("%n### One sink subtask writing %,d tables (a row each), against the Doris test server%n%n"
                        + "Threads, sockets and heap (after GC) added by the open loads; DDL and commit times are the "
                        + "sink's side and the test server's, a real FE takes longer for both.%n%n%s",
                settings.tables, table);
    }

    private Properties probe(DorisTestServer doris, int maxOpenLoads) throws Exception {
        Path dir = settings.workDir.resolve("many-tables").resolve("max-open-loads-" + maxOpenLoads);
        Files.createDirectories(dir);
        Path result = dir.resolve("result.properties");
        new ChildJvm(settings.childHeap).run(OpenLoadsProbe.class, List.of(), List.of(
                "--fenodes", doris.feAddress(), "--user", doris.user(), "--password", doris.password(),
                "--tables", String.valueOf(settings.tables), "--max-open-loads", String.valueOf(maxOpenLoads),
                "--result", result.toString()), dir.resolve("run.log"), PROBE_TIMEOUT);
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(result)) {
            properties.load(in);
        }
        return properties;
    }
}
