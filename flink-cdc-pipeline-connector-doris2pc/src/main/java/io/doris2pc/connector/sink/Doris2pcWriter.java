package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.config.AutoPartitioning;
import io.doris2pc.connector.config.DeliveryGuarantee;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.load.LabelAlreadyExistsException;
import io.doris2pc.connector.load.PreCommittedLoad;
import io.doris2pc.connector.load.StreamLoad;
import io.doris2pc.connector.load.StreamLoadException;
import io.doris2pc.connector.load.StreamLoader;
import io.doris2pc.connector.schema.TableEvents;
import io.doris2pc.connector.serialize.NonFiniteFloats;
import io.doris2pc.connector.serialize.RowBuffer;
import io.doris2pc.connector.serialize.RowSerializer;
import io.doris2pc.connector.serialize.TargetColumns;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSink.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.TwoPhaseCommittingSink.PrecommittingSinkWriter;
import org.apache.flink.cdc.common.event.AlterColumnTypeEvent;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.SchemaChangeEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.utils.SchemaUtils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Streams the rows of each table into one open two-phase-commit Stream Load, and ends (pre-commits) every open
 * load on {@link #flush}: Flink calls it before each checkpoint, and Flink CDC before each schema change, so rows
 * written under different schemas never share a transaction. {@link #prepareCommit} hands the pre-committed
 * transactions to the committer.
 *
 * <p>With {@code sink.delivery-guarantee: at-least-once} the loads are plain: Doris commits each when it ends, and
 * nothing is handed over. Labels follow the same discipline in both modes; see {@link #scanDatabase}.
 *
 * <p>Labels come from this attempt's {@link LabelNamespace}, numbered densely per database. On restore, the
 * transactions that earlier attempts left open after the checkpoint are aborted before this attempt uses a
 * database; see {@link TransactionAborter}.
 */
public class Doris2pcWriter
        implements PrecommittingSinkWriter<Event, Doris2pcCommittable>,
                StatefulSinkWriter<Event, Doris2pcWriterState> {

    private static final Logger LOG = LoggerFactory.getLogger(Doris2pcWriter.class);

    /** Consecutive never-used labels after which the aborter stops looking for more. */
    static final int MAX_UNKNOWN_LABELS_IN_A_ROW = 8;

    /** How long {@link #close} waits for its aborts: well below Flink's task.cancellation.timeout (180 s). */
    static final Duration CLOSE_DEADLINE = Duration.ofSeconds(30);

    private static final int CLOSE_ABORT_THREADS = 4;

    private static final int RESTORE_SCAN_THREADS = 4;

    /** Handed-over transactions remembered per table, for a heavy schema change that finds them uncommitted. */
    static final int HANDED_OVER_KEPT = 16;

    /** How many tables of a database must await their Doris columns for one query to read the database's. */
    static final int TABLES_READ_TOGETHER = 8;

    /** Bounds the labels {@link #beginLoad} tries before it gives up on finding a free one. */
    private static final int MAX_TAKEN_LABELS_SKIPPED = 1000;

    private final LabelNamespace namespace;
    private final List<Doris2pcWriterState> recoveredStates;
    private final Map<String, Long> nextSequenceByDb = new HashMap<>();
    private final Map<TableId, TableWriter> tables = new HashMap<>();
    /** The tables with an open load, least recently written first. */
    private final LinkedHashMap<TableId, TableWriter> openLoads = new LinkedHashMap<>(16, 0.75f, true);
    /** Loads ended at a rollover whose answers are still to be collected, oldest first (see {@link #endLater}). */
    private final Deque<EndingLoad> ending = new ArrayDeque<>();
    private final List<Doris2pcCommittable> preCommitted = new ArrayList<>();
    /** Of {@link #preCommitted}, the transactions committed at a heavy schema change (see {@link AlterJobGate}). */
    private final Set<Long> committedEarly = new HashSet<>();
    /**
     * Per Doris table ({@code db.table}), its last {@link #HANDED_OVER_KEPT} transactions handed to the committer,
     * oldest first: those a heavy schema change may find not yet committed. An older one still open would have
     * failed the job (the committer's retries are bounded).
     */
    private final Map<String, Deque<Doris2pcCommittable>> handedOverByTable = new HashMap<>();
    private final RowBuffer rowBuffer = new RowBuffer();
    private final DorisHttpClient client;
    private final StreamLoader loader;
    private final TransactionAborter aborter;
    private final AlterJobGate alterJobGate;
    private final WriterMetrics metrics;
    private final KeylessChangeCheck keylessChanges;
    private final AutoPartitioning partitioning;
    private final ZoneId zoneId;
    private final NonFiniteFloats nonFiniteFloats;
    private final DorisColumnsReader columnsReader;
    private final long maxBytesPerLoad;
    private final int maxOpenLoads;
    private final int parallelism;
    private final TransactionQuota quota;
    private final DeliveryGuarantee delivery;
    /** How long a restored namespace is carried on in the state: Doris's pre-commit timeout plus clock skew. */
    private final Duration retiredKeptFor;

    /**
     * @param runId the submission's run id ({@link LabelNamespace#newRunId}); attempts restored from a checkpoint
     *     of an earlier submission use it too, so that two submissions restored from one savepoint never share
     *     labels
     */
    public Doris2pcWriter(
            Doris2pcSinkConfig config,
            String runId,
            Sink.InitContext context,
            Collection<Doris2pcWriterState> recovered) {
        long now = System.currentTimeMillis();
        this.retiredKeptFor = config.dorisPrecommitTimeout().plus(config.clockSkewAllowance());
        this.recoveredStates = new ArrayList<>();
        for (Doris2pcWriterState state : recovered) {
            Doris2pcWriterState retired = state.retiredBy(now);
            if (!expired(retired, now)) {
                recoveredStates.add(retired);
            }
        }
        this.namespace =
                LabelNamespace.forAttempt(
                        config.labelPrefix(), runId, context.getRestoredCheckpointId(), context.getSubtaskId());
        recoveredStates.addAll(earlierRestoresOfThisCheckpoint(recoveredStates, namespace, now));
        this.zoneId = config.zoneId();
        this.maxBytesPerLoad = config.maxBytesPerLoad();
        this.maxOpenLoads = config.maxOpenLoads();
        this.delivery = config.deliveryGuarantee();
        this.parallelism = context.getNumberOfParallelSubtasks();
        this.quota = new TransactionQuota(config.maxTransactionsPerDatabase(), parallelism);
        this.client = new DorisHttpClient(config);
        this.columnsReader = new DorisColumnsReader(client, config.maxRetries(), config.retryBackoff());
        this.loader = new StreamLoader(config);
        this.metrics = new WriterMetrics(context.metricGroup());
        this.nonFiniteFloats = new NonFiniteFloats(config.nonFiniteFloats(), metrics::nonFiniteFloatStoredAsNull);
        this.keylessChanges = new KeylessChangeCheck(config.keylessChanges());
        this.partitioning = config.autoPartitioning();
        this.aborter = new TransactionAborter(
                client,
                new DorisRetries(config.maxRetries(), config.retryBackoff()),
                MAX_UNKNOWN_LABELS_IN_A_ROW,
                metrics.lingeringTransactionsAborted());
        this.alterJobGate = new AlterJobGate(client, config);
        LOG.info("doris2pc writer {} uses labels {}", context.getSubtaskId(), namespace);
        Set<String> databases = new TreeSet<>();
        for (Doris2pcWriterState state : recoveredStates) {
            databases.addAll(state.nextSequenceByDb().keySet());
        }
        try {
            prepareDatabases(databases);
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw new IllegalStateException(
                    "doris2pc could not abort the transactions an earlier attempt left open in Doris", e);
        }
    }

    @Override
    public void write(Event event, Context context) throws IOException {
        if (event instanceof DataChangeEvent) {
            writeRow((DataChangeEvent) event);
        } else if (event instanceof SchemaChangeEvent) {
            applySchemaChange((SchemaChangeEvent) event);
        }
    }

    private void writeRow(DataChangeEvent event) throws IOException {
        TableWriter table = tables.get(event.tableId());
        if (table == null) {
            throw new IllegalStateException(
                    "doris2pc received a row of " + event.tableId() + " before its schema; Flink CDC sends a "
                            + "CreateTableEvent first, so this is a bug in the pipeline");
        }
        if (!table.hasPrimaryKey()) {
            keylessChanges.check(event);
        }
        rowBuffer.reset();
        int lines = serializer(event.tableId(), table).serialize(event, rowBuffer);
        if (lines == 2 && parallelism > 1) {
            throw new IllegalStateException(keyChangedInUpdate(event.tableId()));
        }
        if (lines == 0) {
            metrics.deleteSkipped(event.tableId());
            return;
        }
        if (table.load() == null) {
            if (openLoads.size() >= maxOpenLoads) {
                // Each open load holds a sending thread and a connection: the least recently written one ends.
                Map.Entry<TableId, TableWriter> eldest = openLoads.entrySet().iterator().next();
                endLater(eldest.getKey(), eldest.getValue());
            }
            table.open(beginLoad(event.tableId(), table.hasPrimaryKey()));
            openLoads.put(event.tableId(), table);
        } else {
            openLoads.get(event.tableId());
        }
        table.load().write(rowBuffer.array(), 0, rowBuffer.length());
        metrics.rowsWritten(lines, rowBuffer.length());
        if (table.load().bytes() >= maxBytesPerLoad) {
            // Doris breaks off a load past the BE's streaming_load_max_mb; the next row begins the next label's load.
            endLater(event.tableId(), table);
        }
    }

    /**
     * An UPDATE whose primary key changes is routed by its new key (Flink CDC hashes the row after the update), so
     * the delete of the old key is written by another subtask than earlier rows of that key, and the two subtasks'
     * transactions are committed independently: committed in the wrong order, a deleted row comes back or a valid
     * one disappears. There is no commit order across subtasks to fix that with, so such a pipeline runs only at
     * parallelism 1. MySQL sources never send such updates (Debezium splits an update of the key into a delete and
     * an insert, each routed by its own key); a transform's primary-keys naming an updatable column does.
     */
    private String keyChangedInUpdate(TableId tableId) {
        return "doris2pc received an UPDATE that changes the primary key of " + tableId + " at sink parallelism "
                + parallelism + ". Its delete of the old key and the earlier rows of that key are written by "
                + "different subtasks, whose transactions Doris may commit in either order, leaving a deleted row "
                + "in place or removing a valid one. The source keeps its own key stable (MySQL sends a key change "
                + "as a delete and an insert), so a transform's primary-keys names a column the source can update: "
                + "set primary-keys to the source table's primary key, or run the pipeline at parallelism 1.";
    }

    /**
     * Keeps the table's schema in step. The load of rows written under the old schema is ended first; Flink CDC has
     * already flushed before a schema change, so this matters only for events that arrive without a flush (a
     * CreateTableEvent re-sent after a failover). A change Doris runs as an alter job is followed until it finished
     * ({@link AlterJobGate}), so that no row is written under a schema Doris does not have yet.
     */
    private void applySchemaChange(SchemaChangeEvent event) throws IOException {
        TableId tableId = event.tableId();
        TableWriter existing = tables.get(tableId);
        awaitEnding();
        if (existing != null && existing.load() != null) {
            preCommit(tableId, existing);
        }
        if (TableEvents.isDropTable(event)) {
            // its pre-committed rows go with the table (the committer aborts them); no load of it begins again
            tables.remove(tableId);
            return;
        }
        Schema schema;
        if (event instanceof CreateTableEvent) {
            schema = ((CreateTableEvent) event).getSchema();
        } else if (existing != null) {
            schema = SchemaUtils.applySchemaChangeEvent(existing.schema(), event);
            followAlterJob(event);
        } else {
            throw new IllegalStateException(
                    "doris2pc received " + event + " for " + tableId + " before its CreateTableEvent");
        }
        Set<String> typeChanged = new HashSet<>();
        if (existing != null && existing.serializer() == null) {
            typeChanged.addAll(existing.typeChangedColumns());
        }
        if (event instanceof AlterColumnTypeEvent) {
            typeChanged.addAll(((AlterColumnTypeEvent) event).getTypeMapping().keySet());
        }
        Schema keyed = partitioning.keyed(tableId.getSchemaName(), tableId.getTableName(), schema);
        tables.put(tableId, new TableWriter(schema, keyed, typeChanged));
    }

    /**
     * The table's serializer, built at its first row after a schema change on the Doris table's columns, which say
     * how keys are spelled and what fits. Not at the schema change itself: Flink CDC sends every CreateTableEvent
     * to every sink subtask, and a whole database's tables would cost each subtask a query per table, most of them
     * for tables whose rows go to other subtasks.
     */
    private RowSerializer serializer(TableId tableId, TableWriter table) throws IOException {
        if (table.serializer() == null) {
            readAwaitedColumns(DorisTableName.database(tableId));
        }
        if (table.serializer() == null) {
            serializeWith(table, columnsReader.read(tableId));
        }
        return table.serializer();
    }

    /**
     * When {@link #TABLES_READ_TOGETHER} or more tables of {@code db} await their columns (a whole database's first
     * rows), reads the database's columns in one query. Every one of them had its schema change applied before it
     * reached this writer, so what Doris reports now is at least as new as each. Fewer are read one by one: tables
     * created one after the other would otherwise read the whole database at each.
     */
    private void readAwaitedColumns(String db) throws IOException {
        Map<String, TableWriter> awaiting = new HashMap<>();
        for (Map.Entry<TableId, TableWriter> entry : tables.entrySet()) {
            if (entry.getValue().serializer() == null && DorisTableName.database(entry.getKey()).equals(db)) {
                awaiting.put(DorisTableName.table(entry.getKey()), entry.getValue());
            }
        }
        if (awaiting.size() < TABLES_READ_TOGETHER) {
            return;
        }
        for (Map.Entry<String, TargetColumns> columns : columnsReader.readDatabase(db).entrySet()) {
            TableWriter table = awaiting.get(columns.getKey());
            if (table != null) {
                serializeWith(table, columns.getValue());
            }
        }
    }

    private void serializeWith(TableWriter table, TargetColumns columns) {
        TargetColumns target = columns.typedBySource(table.typeChangedColumns());
        table.serializeWith(new RowSerializer(table.keyed(), zoneId, target, nonFiniteFloats));
    }

    private void followAlterJob(SchemaChangeEvent event) throws IOException {
        String db = DorisTableName.database(event.tableId());
        String table = DorisTableName.table(event.tableId());
        List<Doris2pcCommittable> pending = new ArrayList<>();
        for (Doris2pcCommittable txn : preCommitted) {
            if (txn.db().equals(db) && txn.table().equals(table) && !committedEarly.contains(txn.txnId())) {
                pending.add(txn);
            }
        }
        Deque<Doris2pcCommittable> handedOver = handedOverByTable.getOrDefault(db + '.' + table, new ArrayDeque<>());
        for (Doris2pcCommittable txn : alterJobGate.pass(db, table, event, new ArrayList<>(handedOver), pending)) {
            committedEarly.add(txn.txnId());
        }
    }

    /**
     * Begins the table's next load under the next free label. The restore scan normally leaves only free labels
     * ahead; a label found taken anyway (Doris forgot older labels of a namespace shared with an earlier attempt, so
     * the scan stopped early) is aborted and reused when still open, or skipped when finished.
     */
    private StreamLoad beginLoad(TableId tableId, boolean withDeleteSign) throws IOException {
        String db = DorisTableName.database(tableId);
        prepareDatabase(db);
        quota.checkBegin(db, runningIn(db), tablesIn(db));
        for (int attempt = 1; ; attempt++) {
            long sequence = nextSequenceByDb.get(db);
            String label = namespace.label(sequence);
            try {
                StreamLoad load = loader.begin(db, DorisTableName.table(tableId), label, withDeleteSign);
                nextSequenceByDb.put(db, sequence + 1);
                metrics.loadStarted();
                return load;
            } catch (LabelAlreadyExistsException e) {
                if (attempt == MAX_TAKEN_LABELS_SKIPPED) {
                    throw e;
                }
                if ("FINISHED".equalsIgnoreCase(e.existingJobStatus())) {
                    LOG.info("Label {} in {} holds a finished transaction of an earlier attempt; skipping it", label, db);
                    nextSequenceByDb.put(db, sequence + 1);
                } else {
                    LOG.info("Label {} in {} holds an open transaction of an earlier attempt; aborting it", label, db);
                    aborter.abort(db, label);
                }
            } catch (StreamLoadException e) {
                IOException quotaFull = quota.explainRefusal(e, db, tablesIn(db));
                throw quotaFull != null ? quotaFull : e;
            }
        }
    }

    /** This subtask's transactions in {@code db} since its last checkpoint: open loads and pre-committed ones. */
    private int runningIn(String db) {
        int running = 0;
        for (Map.Entry<TableId, TableWriter> table : tables.entrySet()) {
            if (table.getValue().load() != null && DorisTableName.database(table.getKey()).equals(db)) {
                running++;
            }
        }
        for (EndingLoad load : ending) {
            if (DorisTableName.database(load.tableId).equals(db)) {
                running++;
            }
        }
        for (Doris2pcCommittable committable : preCommitted) {
            if (committable.db().equals(db)) {
                running++;
            }
        }
        return running;
    }

    private int tablesIn(String db) {
        int count = 0;
        for (TableId tableId : tables.keySet()) {
            if (DorisTableName.database(tableId).equals(db)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Before this attempt's first label in {@code db}: aborts what earlier attempts left open there after the
     * restored checkpoint, and finds the first free sequence of this attempt's namespace.
     */
    private void prepareDatabase(String db) throws IOException {
        if (!nextSequenceByDb.containsKey(db)) {
            nextSequenceByDb.put(db, scanDatabase(db));
        }
    }

    /**
     * {@link #prepareDatabase} for the databases the restored states name, {@link #RESTORE_SCAN_THREADS} at a
     * time: after a rescale one writer may inherit many states over many databases, each a run of label lookups.
     */
    private void prepareDatabases(Set<String> databases) throws IOException {
        if (databases.size() <= 1) {
            for (String db : databases) {
                prepareDatabase(db);
            }
            return;
        }
        ExecutorService scans = Executors.newFixedThreadPool(Math.min(RESTORE_SCAN_THREADS, databases.size()));
        try {
            Map<String, Future<Long>> nextFree = new TreeMap<>();
            for (String db : databases) {
                nextFree.put(db, scans.submit(() -> scanDatabase(db)));
            }
            for (Map.Entry<String, Future<Long>> scan : nextFree.entrySet()) {
                nextSequenceByDb.put(scan.getKey(), scan.getValue().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while looking for lingering Doris transactions");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            throw (RuntimeException) e.getCause();
        } finally {
            scans.shutdownNow();
        }
    }

    /**
     * Aborts the lingering transactions of every restored namespace in {@code db}; returns the own next free.
     *
     * <p>At-least-once needs this scan as much as exactly-once. Attempts restored from the same checkpoint share a
     * namespace, and a replay batches rows differently, so each attempt must load under labels no earlier attempt
     * used: it starts after every label the scan found taken, and a label still found taken later is skipped or
     * aborted ({@link #beginLoad}), never taken to mean that these rows are in. And a load an earlier attempt left
     * open is aborted before this attempt's first load in the database: committed later, it would put older values
     * over the replay's newer ones. Committed labels in the own namespace are expected here: earlier attempts
     * committed at each flush.
     */
    private long scanDatabase(String db) throws IOException {
        for (Doris2pcWriterState state : recoveredStates) {
            aborter.abortLingering(state.namespace(), db, state.nextSequenceByDb().getOrDefault(db, 0L));
        }
        TransactionAborter.Scan own = aborter.abortLingering(namespace, db, 0);
        if (delivery.twoPhaseCommit() && namespace.restoredFrom() == 0 && own.committed() > 0) {
            throw new IllegalStateException(reusedNamespace(db));
        }
        return own.nextFree();
    }

    /**
     * The namespaces that attempts of an earlier submission used when they restored the checkpoint this attempt
     * restores: {@code {prefix}_{their run id}_{this checkpoint}_{their subtask}}. A job that failed over in place
     * from checkpoint n, pre-committed, and was then cancelled and submitted again from n leaves transactions under
     * them that n's state does not name (it names the attempt that wrote n). Left PRECOMMITTED, they would hold
     * the quota, and every heavy alter job of their tables would wait for them until Doris expires them.
     * Namespaces of this submission's own run id are left out: another subtask of this attempt may be using one.
     */
    private static List<Doris2pcWriterState> earlierRestoresOfThisCheckpoint(
            List<Doris2pcWriterState> recovered, LabelNamespace own, long nowMillis) {
        Set<LabelNamespace> known = new HashSet<>();
        recovered.forEach(state -> known.add(state.namespace()));
        List<Doris2pcWriterState> derived = new ArrayList<>();
        if (own.restoredFrom() == 0) {
            return derived;
        }
        for (Doris2pcWriterState state : recovered) {
            LabelNamespace earlier = state.namespace();
            if (earlier.runId().equals(own.runId())) {
                continue;
            }
            LabelNamespace restoredBefore =
                    new LabelNamespace(earlier.prefix(), earlier.runId(), own.restoredFrom(), earlier.subtask());
            if (known.add(restoredBefore)) {
                derived.add(new Doris2pcWriterState(restoredBefore, Map.of(), nowMillis));
            }
        }
        return derived;
    }

    /** Whether Doris has expired whatever the retired namespace could have left pre-committed. */
    private boolean expired(Doris2pcWriterState retired, long nowMillis) {
        return nowMillis - retired.retiredAtMillis() > retiredKeptFor.toMillis();
    }

    /**
     * Before any checkpoint of this submission completed, none of its transactions can have been committed: a
     * completed checkpoint would have been restored. Committed labels of this fresh namespace belong to another
     * job, which this one would disturb by aborting its open transactions.
     */
    private String reusedNamespace(String db) {
        return "doris2pc found committed transactions with this job's labels " + namespace + " in Doris database "
                + db + " although the job has not completed a checkpoint yet: another job uses the same labels. "
                + "That happens only when two jobs share 'sink.label-prefix' and were built from one job graph "
                + "(the same submission run twice). Give each job its own 'sink.label-prefix' and submit it anew.";
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        List<Map.Entry<TableId, TableWriter>> open = new ArrayList<>();
        for (Map.Entry<TableId, TableWriter> entry : tables.entrySet()) {
            if (entry.getValue().load() != null) {
                entry.getValue().load().endBody();
                open.add(entry);
            }
        }
        awaitEnding();
        for (Map.Entry<TableId, TableWriter> entry : open) {
            preCommit(entry.getKey(), entry.getValue());
        }
    }

    /** Ends the table's load and waits for Doris's answer. */
    private void preCommit(TableId tableId, TableWriter table) throws IOException {
        StreamLoad load = table.load();
        table.open(null);
        openLoads.remove(tableId);
        ended(tableId, load.finish());
    }

    /**
     * Ends the table's load without waiting for Doris's answer (a rollover: the load is past its byte cap, or makes
     * room for another table's): the task thread goes on writing rows while Doris pre-commits. Answers are collected
     * in the order the loads ended, so each table's transactions stay in the order Doris began them; the next
     * {@link #flush}, schema change or answer-less load beyond {@code sink.max-open-loads} waits for the rest.
     */
    private void endLater(TableId tableId, TableWriter table) throws IOException {
        StreamLoad load = table.load();
        table.open(null);
        openLoads.remove(tableId);
        try {
            load.endBody();
        } catch (IOException | RuntimeException e) {
            load.abort();
            throw e;
        }
        ending.addLast(new EndingLoad(tableId, load));
        collectAnswers(false);
    }

    private void awaitEnding() throws IOException {
        collectAnswers(true);
    }

    /**
     * Collects the answers of ended loads, oldest first: all of them, or those already in and, since each ended load
     * holds its sending thread until its answer, those beyond {@code sink.max-open-loads}.
     */
    private void collectAnswers(boolean all) throws IOException {
        while (!ending.isEmpty()
                && (all || ending.peekFirst().load.answerArrived() || ending.size() > maxOpenLoads)) {
            EndingLoad oldest = ending.pollFirst();
            ended(oldest.tableId, oldest.load.awaitAnswer());
        }
    }

    /** A load Doris answered: pre-committed for the committer, or (at-least-once) committed by Doris already. */
    private void ended(TableId tableId, PreCommittedLoad done) {
        if (delivery.twoPhaseCommit()) {
            preCommitted.add(new Doris2pcCommittable(
                            done.db(), done.table(), done.label(), done.txnId(), System.currentTimeMillis()));
        }
        metrics.loadPreCommitted(tableId, done);
    }

    /** A load whose body ended at a rollover, Doris's answer not yet collected. */
    private static final class EndingLoad {
        final TableId tableId;
        final StreamLoad load;

        EndingLoad(TableId tableId, StreamLoad load) {
            this.tableId = tableId;
            this.load = load;
        }
    }

    @Override
    public Collection<Doris2pcCommittable> prepareCommit() {
        List<Doris2pcCommittable> handedOver = new ArrayList<>(preCommitted);
        for (Doris2pcCommittable txn : handedOver) {
            Deque<Doris2pcCommittable> ofTable =
                    handedOverByTable.computeIfAbsent(txn.db() + '.' + txn.table(), t -> new ArrayDeque<>());
            ofTable.addLast(txn);
            if (ofTable.size() > HANDED_OVER_KEPT) {
                ofTable.removeFirst();
            }
        }
        preCommitted.clear();
        committedEarly.clear();
        return handedOver;
    }

    /** The own namespace, and the restored ones until Doris has expired what they may have left open. */
    @Override
    public List<Doris2pcWriterState> snapshotState(long checkpointId) {
        List<Doris2pcWriterState> states = new ArrayList<>();
        states.add(new Doris2pcWriterState(namespace, new HashMap<>(nextSequenceByDb)));
        long now = System.currentTimeMillis();
        for (Doris2pcWriterState retired : recoveredStates) {
            if (!expired(retired, now)) {
                states.add(retired);
            }
        }
        return states;
    }

    /**
     * Aborts what no committer will commit: open loads and pre-committed transactions not yet handed over.
     * Transactions already handed over stay untouched: a later restore (or a stop-with-savepoint) commits them.
     *
     * <p>The aborts run in parallel and {@code close} waits for them at most {@link #CLOSE_DEADLINE}: during a
     * Doris outage each would wait for every FE's timeouts, and Flink kills the TaskManager when a cancelled task
     * does not finish within {@code task.cancellation.timeout} (180 s). Aborts cut short are not needed for
     * correctness: closing a load's connection already makes the BE abort its transaction, the next attempt's
     * restore scan aborts what is left, and Doris expires the rest.
     */
    @Override
    public void close() throws Exception {
        Set<String> failures = ConcurrentHashMap.newKeySet();
        ExecutorService aborts = Executors.newFixedThreadPool(CLOSE_ABORT_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "doris2pc-close-abort");
            thread.setDaemon(true);
            return thread;
        });
        for (TableWriter table : tables.values()) {
            StreamLoad load = table.load();
            if (load != null) {
                table.open(null);
                aborts.execute(load::abort);
            }
        }
        openLoads.clear();
        for (EndingLoad load : ending) {
            aborts.execute(load.load::abort);
        }
        ending.clear();
        for (Doris2pcCommittable committable : preCommitted) {
            if (committedEarly.contains(committable.txnId())) {
                continue;
            }
            aborts.execute(() -> {
                try {
                    client.abort(committable.db(), committable.txnId());
                } catch (IOException e) {
                    failures.add(committable.label() + ": " + e.getMessage());
                }
            });
        }
        preCommitted.clear();
        aborts.shutdown();
        boolean finished;
        try {
            finished = aborts.awaitTermination(CLOSE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        closeQuietly();
        aborts.shutdownNow();
        if (!finished) {
            LOG.warn(
                    "doris2pc stopped waiting for its aborts after {}; the next attempt's restore scan aborts the "
                            + "transactions left open, or Doris when their timeouts pass",
                    CLOSE_DEADLINE);
        }
        if (!failures.isEmpty()) {
            LOG.warn(
                    "doris2pc could not abort pre-committed transactions {}; Doris aborts them after "
                            + "stream_load_default_precommit_timeout_second",
                    failures);
        }
    }

    private void closeQuietly() {
        try {
            loader.close();
        } catch (Exception e) {
            LOG.warn("Closing the doris2pc stream loader failed", e);
        }
        try {
            client.close();
        } catch (Exception e) {
            LOG.warn("Closing the doris2pc HTTP client failed", e);
        }
    }
}
