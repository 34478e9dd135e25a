package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplier;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;
import io.doris2pc.testserver.cluster.SchemaChangeJob;

import org.apache.flink.api.common.JobID;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.data.RecordData;
import org.apache.flink.cdc.common.event.AddColumnEvent;
import org.apache.flink.cdc.common.event.AlterColumnTypeEvent;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.DropColumnEvent;
import org.apache.flink.cdc.common.event.RenameColumnEvent;
import org.apache.flink.cdc.common.event.SchemaChangeEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.schema.Column;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.cdc.common.types.DataTypeRoot;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.cdc.common.types.RowType;
import org.apache.flink.cdc.common.utils.SchemaUtils;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two schema changes of one table with a pre-committed transaction in between, driven as Flink CDC 3.2.0 drives
 * them (flush every writer, apply the change, then send it to the writers, then the rows after it), against the
 * test server's model of Doris's heavy alter jobs ({@code alter/SchemaChangeHandler.processModifyColumn}: a type
 * change is an alter job; {@code alter/SchemaChangeJobV2} waits for every earlier PREPARE, PRECOMMITTED or
 * COMMITTED transaction of the table; {@code OlapTable.checkNormalStateForAlter} refuses any ALTER meanwhile).
 * Each pair must end with Doris equal to the source, row for row, and no transaction left open.
 */
class SchemaChangePairsTest {

    /** Only BIGINT holds it: the rows after a widening must fit. */
    private static final long BEYOND_INT = 3_000_000_000L;

    private DorisTestServer server;
    private Doris2pcSinkConfig config;
    private Doris2pcMetadataApplier applier;
    private Doris2pcWriter writer;
    private final Items items = new Items(TableId.tableId("shop", "items"));

    /** The second change of each pair follows a type change, except the last pair's, which follows an added column. */
    enum Pair {
        TYPE_CHANGE_THEN_RENAME(Items::widenC, items -> items.rename("c", "c2")),
        TYPE_CHANGE_THEN_ADD(Items::widenC, items -> items.add("e")),
        TYPE_CHANGE_THEN_DROP(Items::widenC, items -> items.drop("d")),
        TYPE_CHANGE_THEN_TYPE_CHANGE(Items::widenC, items -> items.widen("d")),
        ADD_THEN_TYPE_CHANGE(items -> items.add("e"), Items::widenC);

        final Function<Items, SchemaChangeEvent> first;
        final Function<Items, SchemaChangeEvent> second;

        Pair(Function<Items, SchemaChangeEvent> first, Function<Items, SchemaChangeEvent> second) {
            this.first = first;
            this.second = second;
        }
    }

    @BeforeEach
    void start() {
        server = DorisTestServer.builder().user("loader").password("s3cr3t-P@ss").alterJobStep(Duration.ofMillis(50))
                .start();
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", server.feAddress());
        options.put("username", "loader");
        options.put("password", "s3cr3t-P@ss");
        options.put("sink.label-prefix", "pairs");
        options.put("sink.retry-backoff", "20 ms");
        options.put("table.create.properties.replication_num", "1");
        options.put("table.schema-change.timeout", "5 s");
        config = Doris2pcSinkConfig.from(Configuration.fromMap(options), ZoneId.of("UTC"));
        applier = new Doris2pcMetadataApplier(config);
        writer = new Doris2pcWriter(config, LabelNamespace.newRunId(), TestInitContext.fresh(new JobID()), List.of());
    }

    @AfterEach
    void stop() throws Exception {
        writer.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Pair.class)
    void twoChangesWithAPrecommittedTransactionBetweenThemEndWithDorisEqualToTheSource(Pair pair) throws Exception {
        runPair(pair);
    }

    @Test
    void aLostAnswerToAModifyIsNotSentAgainAndTheNextChangeFollows() throws Exception {
        server.faults().loseNextModifyAnswers(1);
        runPair(Pair.TYPE_CHANGE_THEN_RENAME);
        assertEquals(1, server.alterJobs().stream().filter(job -> job.description().contains("MODIFY")).count(),
                "one type change, one alter job: " + server.alterJobs());
    }

    /**
     * The committer runs in the writer's task thread: when a heavy change arrives before the committer acted on the
     * last checkpoint, the writer commits that checkpoint's transaction too, first, instead of waiting for it.
     */
    @Test
    void aHeavyChangeBeforeTheCommitterCommittedTheLastCheckpointCommitsItFirst() throws Exception {
        schemaChange(items.create());
        write(items.insert(1), items.insert(2));
        writer.flush(false);
        Collection<Doris2pcCommittable> lastCheckpoint = writer.prepareCommit();
        write(items.update(1), items.insert(3));
        writer.flush(false);

        schemaChange(items.widenC());
        List<Long> commitOrder = server.commits().stream().map(c -> c.txnId()).collect(Collectors.toList());
        assertEquals(2, commitOrder.size(), server.commits().toString());
        assertTrue(commitOrder.get(0) < commitOrder.get(1), "the older transaction first: " + commitOrder);
        write(items.insert(4));
        writer.flush(false);
        commit(lastCheckpoint);
        commit(writer.prepareCommit());

        assertEquals(items.source(), doris());
        assertEquals(List.of(), open(), "transactions left open");
    }

    private void runPair(Pair pair) throws Exception {
        schemaChange(items.create());
        write(items.insert(1), items.insert(2));
        writer.flush(false);
        assertEquals(List.of(TxnState.PRECOMMITTED), states(), "the flush before the first change pre-commits");

        schemaChange(pair.first.apply(items));
        write(items.insert(3), items.update(1));
        writer.flush(false);

        schemaChange(pair.second.apply(items));
        write(items.insert(4), items.update(2), items.delete(3));
        writer.flush(false);
        commit(writer.prepareCommit());

        assertEquals(items.source(), doris());
        assertEquals(List.of(), open(), "transactions left open");
        assertTrue(server.alterJobs().stream().allMatch(job -> job.state() == SchemaChangeJob.State.FINISHED),
                server.alterJobs().toString());
    }

    /** As Flink CDC: the change is applied once every writer flushed, then the writers receive it. */
    private void schemaChange(SchemaChangeEvent event) throws Exception {
        applier.applySchemaChange(event);
        writer.write(event, NoWriteContext.INSTANCE);
    }

    private void write(DataChangeEvent... events) throws Exception {
        for (DataChangeEvent event : events) {
            writer.write(event, NoWriteContext.INSTANCE);
        }
    }

    private void commit(Collection<Doris2pcCommittable> committables) throws Exception {
        try (Doris2pcCommitter committer = new Doris2pcCommitter(config)) {
            RecordingCommitRequest.commitAll(committer, committables);
        }
    }

    private List<TxnState> states() {
        return server.transactions().stream().map(TxnInfo::state).collect(Collectors.toList());
    }

    private List<String> open() {
        return server.transactions().stream()
                .filter(t -> t.state() == TxnState.PREPARE || t.state() == TxnState.PRECOMMITTED)
                .map(TxnInfo::label)
                .collect(Collectors.toList());
    }

    private Map<Long, Map<String, Object>> doris() {
        Map<Long, Map<String, Object>> rows = new TreeMap<>();
        for (Map<String, Object> row : server.rows("shop", "items")) {
            Map<String, Object> values = new TreeMap<>();
            row.forEach((column, value) -> values.put(column, value == null ? null : ((Number) value).longValue()));
            rows.put((Long) values.get("id"), values);
        }
        return rows;
    }

    /**
     * The table {@code items(id INT NOT NULL key, c INT, d INT)} at the source, as MySQL would hold it after the
     * same statements: every column a number derived from the row's id, and c beyond INT once c is a BIGINT.
     */
    static final class Items {
        private final TableId tableId;
        private Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("c", DataTypes.INT())
                .physicalColumn("d", DataTypes.INT())
                .primaryKey("id")
                .build();
        private final Map<Long, Map<String, Object>> source = new TreeMap<>();
        private int version;

        Items(TableId tableId) {
            this.tableId = tableId;
        }

        CreateTableEvent create() {
            return new CreateTableEvent(tableId, schema);
        }

        SchemaChangeEvent widenC() {
            return widen("c");
        }

        SchemaChangeEvent widen(String column) {
            return evolve(new AlterColumnTypeEvent(tableId, Collections.singletonMap(column, DataTypes.BIGINT())));
        }

        SchemaChangeEvent rename(String from, String to) {
            source.values().forEach(row -> row.put(to, row.remove(from)));
            return evolve(new RenameColumnEvent(tableId, Collections.singletonMap(from, to)));
        }

        SchemaChangeEvent add(String column) {
            source.values().forEach(row -> row.put(column, null));
            return evolve(new AddColumnEvent(tableId,
                    Collections.singletonList(AddColumnEvent.last(Column.physicalColumn(column, DataTypes.INT())))));
        }

        SchemaChangeEvent drop(String column) {
            source.values().forEach(row -> row.remove(column));
            return evolve(new DropColumnEvent(tableId, Collections.singletonList(column)));
        }

        private SchemaChangeEvent evolve(SchemaChangeEvent event) {
            schema = SchemaUtils.applySchemaChangeEvent(schema, event);
            return event;
        }

        DataChangeEvent insert(long id) {
            RecordData after = row(id);
            return DataChangeEvent.insertEvent(tableId, after);
        }

        DataChangeEvent update(long id) {
            RecordData before = recordOf(source.get(id));
            version++;
            return DataChangeEvent.updateEvent(tableId, before, row(id));
        }

        DataChangeEvent delete(long id) {
            return DataChangeEvent.deleteEvent(tableId, recordOf(source.remove(id)));
        }

        Map<Long, Map<String, Object>> source() {
            return source;
        }

        /** A row of the current schema, remembered as the source row. */
        private RecordData row(long id) {
            Map<String, Object> values = new TreeMap<>();
            for (Column column : schema.getColumns()) {
                values.put(column.getName(), valueOf(column, id));
            }
            source.put(id, values);
            return recordOf(values);
        }

        private long valueOf(Column column, long id) {
            if (column.getName().equals("id")) {
                return id;
            }
            boolean wide = column.getType().getTypeRoot() == DataTypeRoot.BIGINT;
            return (wide ? BEYOND_INT : 0) + id * 10 + version + column.getName().hashCode() % 7;
        }

        private RecordData recordOf(Map<String, Object> values) {
            RowType rowType = (RowType) schema.toRowDataType();
            Object[] fields = new Object[rowType.getFieldCount()];
            List<Column> columns = schema.getColumns();
            for (int i = 0; i < fields.length; i++) {
                Object value = values.get(columns.get(i).getName());
                DataType type = columns.get(i).getType();
                fields[i] = value == null ? null
                        : type.getTypeRoot() == DataTypeRoot.BIGINT ? (Object) ((Number) value).longValue()
                        : (Object) ((Number) value).intValue();
            }
            return new BinaryRecordDataGenerator(rowType).generate(fields);
        }
    }
}
