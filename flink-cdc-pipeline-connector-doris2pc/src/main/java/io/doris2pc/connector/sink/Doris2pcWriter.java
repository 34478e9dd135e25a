package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.load.LabelAlreadyExistsException;
import io.doris2pc.connector.load.PreCommittedLoad;
import io.doris2pc.connector.load.StreamLoad;
import io.doris2pc.connector.load.StreamLoader;
import io.doris2pc.connector.serialize.RowBuffer;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSink.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.TwoPhaseCommittingSink.PrecommittingSinkWriter;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.SchemaChangeEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.utils.SchemaUtils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams the rows of each table into one open two-phase-commit Stream Load, and ends (pre-commits) every open
 * load on {@link #flush}: Flink calls it before each checkpoint, and Flink CDC before each schema change, so rows
 * written under different schemas never share a transaction. {@link #prepareCommit} hands the pre-committed
 * transactions to the committer.
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

    static final int HANDED_OVER_KEPT = 16;

    /** Bounds the labels {@link #beginLoad} tries before it gives up on finding a free one. */
    private static final int MAX_TAKEN_LABELS_SKIPPED = 1000;

    private final LabelNamespace namespace;
    private final List<Doris2pcWriterState> recoveredStates;
    private final Map<String, Long> nextSequenceByDb = new HashMap<>();
    private final Map<TableId, TableWriter> tables = new HashMap<>();
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
    private final ZoneId zoneId;

    public Doris2pcWriter(
            Doris2pcSinkConfig config, Sink.InitContext context, Collection<Doris2pcWriterState> recovered) {
        this.recoveredStates = new ArrayList<>(recovered);
        String runId =
                recoveredStates.isEmpty()
                        ? LabelNamespace.runIdOf(context.getJobId())
                        : recoveredStates.get(0).namespace().runId();
        this.namespace =
                LabelNamespace.forAttempt(
                        config.labelPrefix(), runId, context.getRestoredCheckpointId(), context.getSubtaskId());
        this.zoneId = config.zoneId();
        this.client = new DorisHttpClient(config);
        this.loader = new StreamLoader(config);
        this.metrics = new WriterMetrics(context.metricGroup());
        this.aborter = new TransactionAborter(client, MAX_UNKNOWN_LABELS_IN_A_ROW, metrics.lingeringTransactionsAborted());
        this.alterJobGate = new AlterJobGate(client, config);
        LOG.info("doris2pc writer {} uses labels {}", context.getSubtaskId(), namespace);
        try {
            for (Doris2pcWriterState state : recoveredStates) {
                for (String db : state.nextSequenceByDb().keySet()) {
                    prepareDatabase(db);
                }
            }
        } catch (IOException e) {
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
        rowBuffer.reset();
        int lines = table.serializer().serialize(event, rowBuffer);
        if (lines == 0) {
            metrics.deleteSkipped(event.tableId());
            return;
        }
        if (table.load() == null) {
            table.open(beginLoad(event.tableId(), table.hasPrimaryKey()));
        }
        table.load().write(rowBuffer.array(), 0, rowBuffer.length());
        metrics.rowsWritten(lines, rowBuffer.length());
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
        if (existing != null && existing.load() != null) {
            preCommit(tableId, existing);
        }
        if (event instanceof CreateTableEvent) {
            tables.put(tableId, new TableWriter(((CreateTableEvent) event).getSchema(), zoneId));
        } else if (existing != null) {
            tables.put(tableId, new TableWriter(SchemaUtils.applySchemaChangeEvent(existing.schema(), event), zoneId));
            followAlterJob(event);
        } else {
            throw new IllegalStateException(
                    "doris2pc received " + event + " for " + tableId + " before its CreateTableEvent");
        }
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
            }
        }
    }

    /**
     * Before this attempt's first label in {@code db}: aborts what earlier attempts left open there after the
     * restored checkpoint, and finds the first free sequence of this attempt's namespace.
     */
    private void prepareDatabase(String db) throws IOException {
        if (nextSequenceByDb.containsKey(db)) {
            return;
        }
        for (Doris2pcWriterState state : recoveredStates) {
            aborter.abortLingering(state.namespace(), db, state.nextSequenceByDb().getOrDefault(db, 0L));
        }
        nextSequenceByDb.put(db, aborter.abortLingering(namespace, db, 0));
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
        for (Map.Entry<TableId, TableWriter> entry : open) {
            preCommit(entry.getKey(), entry.getValue());
        }
    }

    private void preCommit(TableId tableId, TableWriter table) throws IOException {
        StreamLoad load = table.load();
        table.open(null);
        PreCommittedLoad done = load.finish();
        preCommitted.add(new Doris2pcCommittable(
                        done.db(), done.table(), done.label(), done.txnId(), System.currentTimeMillis()));
        metrics.loadPreCommitted(tableId, done);
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

    @Override
    public List<Doris2pcWriterState> snapshotState(long checkpointId) {
        return Collections.singletonList(new Doris2pcWriterState(namespace, new HashMap<>(nextSequenceByDb)));
    }

    /**
     * Aborts what no committer will commit: open loads and pre-committed transactions not yet handed over.
     * Transactions already handed over stay untouched: a later restore (or a stop-with-savepoint) commits them.
     */
    @Override
    public void close() throws Exception {
        Set<String> failures = new HashSet<>();
        for (TableWriter table : tables.values()) {
            if (table.load() != null) {
                table.load().abort();
                table.open(null);
            }
        }
        for (Doris2pcCommittable committable : preCommitted) {
            if (committedEarly.contains(committable.txnId())) {
                continue;
            }
            try {
                client.abort(committable.db(), committable.txnId());
            } catch (IOException e) {
                failures.add(committable.label() + ": " + e.getMessage());
            }
        }
        preCommitted.clear();
        closeQuietly();
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
