package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplier;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnState;
import io.doris2pc.testserver.cluster.SchemaChangeJob;

import org.apache.flink.api.common.JobID;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.data.RecordData;
import org.apache.flink.cdc.common.event.AlterColumnTypeEvent;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.cdc.common.types.DataTypeRoot;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.cdc.common.types.RowType;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job failure at each step of a heavy schema change (see {@link AlterJobGate}), then a restore from the checkpoint
 * before it and a replay of the same events, as the source would replay them, against a UNIQUE KEY and a DUPLICATE
 * KEY table. Doris's alter job waits for the pre-committed transaction (alter/SchemaChangeJobV2); the restored
 * writer aborts what the failed attempt left open.
 */
class HeavySchemaChangeFailuresTest {

    private static final TableId ITEMS = TableId.tableId("shop", "items");
    private static final long BEYOND_INT = 3_000_000_000L;

    /** Where the first attempt dies. */
    enum Step {
        /** The flush pre-committed the table's open load; the ALTER was not sent. */
        BEFORE_THE_ALTER,
        /** Doris runs the ALTER as a job waiting for the pre-committed transaction; the writer has not committed it. */
        AFTER_THE_ALTER,
        /** The writer committed the transaction at the change and saw the job finish; the checkpoint never came. */
        AFTER_THE_EARLY_COMMIT
    }

    private DorisTestServer server;
    private final List<Doris2pcWriter> writers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Doris2pcWriter writer : writers) {
            writer.close();
        }
        server.close();
    }

    /**
     * Rows before the restored checkpoint and rows written after the change are there once. The rows committed at
     * the change are loaded again by the replay: the UNIQUE KEY table holds them once, the DUPLICATE KEY table twice
     * (the documented cost of committing at a heavy change, docs/schema-changes.md).
     */
    @ParameterizedTest(name = "{0}, primary key {1}")
    @CsvSource({
        "BEFORE_THE_ALTER, true", "AFTER_THE_ALTER, true", "AFTER_THE_EARLY_COMMIT, true",
        "BEFORE_THE_ALTER, false", "AFTER_THE_ALTER, false", "AFTER_THE_EARLY_COMMIT, false"
    })
    void aFailureAtEachStepThenARestoreLeavesTheRowsOfTheSource(Step step, boolean primaryKey) throws Exception {
        server = DorisTestServer.builder().user("loader").password("pw").alterJobStep(Duration.ofMillis(50)).start();
        Doris2pcSinkConfig config = config();
        Doris2pcMetadataApplier applier = new Doris2pcMetadataApplier(config);
        Schema before = schema(DataTypes.INT(), primaryKey);
        Schema after = schema(DataTypes.BIGINT(), primaryKey);
        CreateTableEvent create = new CreateTableEvent(ITEMS, before);
        AlterColumnTypeEvent widen = new AlterColumnTypeEvent(ITEMS, Collections.singletonMap("c", DataTypes.BIGINT()));
        applier.applySchemaChange(create);

        JobID job = new JobID();
        Doris2pcWriter first = writer(config, TestInitContext.fresh(job), List.of());
        write(first, create, insert(before, 1, 10), insert(before, 2, 20));
        first.flush(false);
        commit(config, first.prepareCommit());
        List<Doris2pcWriterState> checkpoint = first.snapshotState(1);
        write(first, insert(before, 3, 30), insert(before, 4, 40));
        first.flush(false);
        if (step != Step.BEFORE_THE_ALTER) {
            applier.applySchemaChange(widen);
            awaitJobLeftPending();
        }
        if (step == Step.AFTER_THE_EARLY_COMMIT) {
            write(first, widen);
            assertEquals(List.of(1L, 2L, 3L, 4L), ids(), "rows 3 and 4 became visible at the change");
        }

        Doris2pcWriter restored = writer(config, TestInitContext.fresh(job).restoredFrom(1), checkpoint);
        // the source replays from the checkpoint: the rows before the change, the change, the rows after it
        write(restored, create, insert(before, 3, 30), insert(before, 4, 40));
        restored.flush(false);
        applier.applySchemaChange(widen);
        write(restored, widen, insert(after, 5, BEYOND_INT));
        restored.flush(false);
        commit(config, restored.prepareCommit());

        List<Long> expected = new ArrayList<>(List.of(1L, 2L, 3L, 4L, 5L));
        if (!primaryKey && step == Step.AFTER_THE_EARLY_COMMIT) {
            expected.addAll(List.of(3L, 4L));
        }
        Collections.sort(expected);
        assertEquals(expected, ids());
        assertEquals(BEYOND_INT, ((Number) rowsById().get(5L).get("c")).longValue());
        assertEquals(List.of(), server.transactions().stream()
                .filter(t -> t.state() == TxnState.PREPARE || t.state() == TxnState.PRECOMMITTED)
                .collect(Collectors.toList()), "transactions left open");
    }

    /** A restore takes longer than Doris's scheduler takes to give the job its watershed (the failed attempt's). */
    private void awaitJobLeftPending() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.alterJobs().get(0).state() == SchemaChangeJob.State.PENDING) {
            assertTrue(System.nanoTime() < deadline, "the alter job never left PENDING");
            Thread.sleep(10);
        }
    }

    private Doris2pcSinkConfig config() {
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", server.feAddress());
        options.put("username", "loader");
        options.put("password", "pw");
        options.put("sink.label-prefix", "failures");
        options.put("sink.retry-backoff", "20 ms");
        options.put("table.create.properties.replication_num", "1");
        options.put("table.create.duplicate-key-without-primary-key", "true");
        options.put("table.schema-change.timeout", "10 s");
        return Doris2pcSinkConfig.from(Configuration.fromMap(options), ZoneId.of("UTC"));
    }

    private static Schema schema(DataType c, boolean primaryKey) {
        Schema.Builder builder = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("c", c);
        return (primaryKey ? builder.primaryKey("id") : builder).build();
    }

    private static DataChangeEvent insert(Schema schema, int id, long c) {
        RowType rowType = (RowType) schema.toRowDataType();
        boolean wide = schema.getColumns().get(1).getType().getTypeRoot() == DataTypeRoot.BIGINT;
        RecordData row = new BinaryRecordDataGenerator(rowType).generate(new Object[] {id, wide ? (Object) c : (Object) (int) c});
        return DataChangeEvent.insertEvent(ITEMS, row);
    }

    /** One submission: its attempts share the run id, as the sink in the job graph gives them. */
    private final String runId = LabelNamespace.newRunId();

    private Doris2pcWriter writer(Doris2pcSinkConfig config, TestInitContext context, List<Doris2pcWriterState> state) {
        Doris2pcWriter writer = new Doris2pcWriter(config, runId, context, state);
        writers.add(writer);
        return writer;
    }

    private static void write(Doris2pcWriter writer, Event... events) throws Exception {
        for (Event event : events) {
            writer.write(event, NoWriteContext.INSTANCE);
        }
    }

    private static void commit(Doris2pcSinkConfig config, Collection<Doris2pcCommittable> committables)
            throws Exception {
        try (Doris2pcCommitter committer = new Doris2pcCommitter(config)) {
            RecordingCommitRequest.commitAll(committer, committables);
        }
    }

    private List<Long> ids() {
        return server.rows("shop", "items").stream()
                .map(row -> ((Number) row.get("id")).longValue())
                .sorted()
                .collect(Collectors.toList());
    }

    private Map<Long, Map<String, Object>> rowsById() {
        Map<Long, Map<String, Object>> rows = new TreeMap<>();
        server.rows("shop", "items").forEach(row -> rows.put(((Number) row.get("id")).longValue(), row));
        return rows;
    }
}
