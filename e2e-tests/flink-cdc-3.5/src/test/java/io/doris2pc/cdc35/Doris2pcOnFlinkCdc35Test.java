package io.doris2pc.cdc35;

import io.doris2pc.connector.factory.Doris2pcDataSinkFactory;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.data.DateData;
import org.apache.flink.cdc.common.data.TimeData;
import org.apache.flink.cdc.common.data.binary.BinaryStringData;
import org.apache.flink.cdc.common.event.AddColumnEvent;
import org.apache.flink.cdc.common.event.AlterColumnTypeEvent;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.DropColumnEvent;
import org.apache.flink.cdc.common.event.DropTableEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.RenameColumnEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.event.TruncateTableEvent;
import org.apache.flink.cdc.common.factories.FactoryHelper;
import org.apache.flink.cdc.common.schema.Column;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.sink.DataSink;
import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;
import org.apache.flink.core.execution.JobClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connector jar, built against Flink CDC 3.2.0, as Flink CDC 3.5.0 on Flink 1.20 drives it: its schema operator
 * and coordinator apply each change through doris2pc's metadata applier after flushing the sink, and its sink writer
 * operator feeds doris2pc's writer, whose transactions Flink's committer commits at checkpoints (wiring in {@link
 * Cdc35Pipeline}). Each step waits until Doris shows what a checkpoint's commit makes visible.
 */
class Doris2pcOnFlinkCdc35Test {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String DB = "shop";
    private static final TableId ORDERS = TableId.tableId(DB, "orders");
    private static final LocalDate DAY = LocalDate.of(2025, 9, 26);
    private static final LocalTime AT = LocalTime.of(10, 30, 15);

    private DorisTestServer doris;
    private JobClient job;

    @AfterEach
    void stop() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        if (doris != null) {
            doris.close();
        }
    }

    @Test
    void everySchemaChangeTruncateAndDropReachDorisThroughTheSchemaOperatorOf35() throws Exception {
        Schema v1 = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("name", DataTypes.VARCHAR(20))
                .physicalColumn("day", DataTypes.DATE())
                .physicalColumn("at", DataTypes.TIME())
                .primaryKey("id")
                .build();
        Column age = Column.physicalColumn("age", DataTypes.INT());
        Schema v2 = withColumns(v1, "id", "name", "day", "at", "age");
        List<List<Event>> steps = List.of(
                List.of(new CreateTableEvent(ORDERS, v1), row(v1, 1, "a", DAY, AT), row(v1, 2, "b", DAY, AT)),
                List.of(new AddColumnEvent(ORDERS, List.of(AddColumnEvent.last(age))),
                        row(v2, 3, "c", DAY, AT, 30)),
                List.of(new RenameColumnEvent(ORDERS, Map.of("name", "full_name")),
                        row(v2, 4, "d", DAY, AT, 40)),
                List.of(new AlterColumnTypeEvent(ORDERS, Map.of("age", DataTypes.BIGINT())),
                        row(types(v2, DataTypes.BIGINT()), 5, "e", DAY, AT, 5_000_000_000L)),
                List.of(new DropColumnEvent(ORDERS, List.of("at")),
                        rowOf(new DataType[] {DataTypes.INT(), DataTypes.VARCHAR(20), DataTypes.DATE(), DataTypes.BIGINT()},
                                6, "f", DAY, 60L)),
                // Row 7 is pre-committed by the flush before the TRUNCATE and committed after it: Doris publishes
                // it into the partitions the TRUNCATE replaced, so it is gone, as it is from the source.
                List.of(afterDrop(7), new TruncateTableEvent(ORDERS), afterDrop(8)),
                // Row 9 is pre-committed by the flush before the DROP; its commit finds no table, and the
                // committer aborts it instead of failing the job.
                List.of(afterDrop(9), new DropTableEvent(ORDERS)));
        Script script = Script.register("schema-changes", steps);
        start(script);

        script.release(0);
        awaitIds("the first rows", 1, 2);
        Map<String, Object> first = rowWithId(1);
        assertEquals("2025-09-26", String.valueOf(first.get("day")), "DATE, a DateData value since 3.5");
        assertEquals("10:30:15", String.valueOf(first.get("at")), "TIME, a TimeData value since 3.5");

        script.release(1);
        awaitIds("an added column", 1, 2, 3);
        assertEquals("30", String.valueOf(rowWithId(3).get("age")));

        script.release(2);
        awaitIds("a renamed column", 1, 2, 3, 4);
        assertTrue(doris.columns(DB, "orders").contains("full_name"), "columns: " + doris.columns(DB, "orders"));
        assertFalse(doris.columns(DB, "orders").contains("name"));
        assertEquals("d", rowWithId(4).get("full_name"));

        script.release(3);
        awaitIds("a widened column type", 1, 2, 3, 4, 5);
        assertEquals("5000000000", String.valueOf(rowWithId(5).get("age")));

        script.release(4);
        awaitIds("a dropped column", 1, 2, 3, 4, 5, 6);
        assertFalse(doris.columns(DB, "orders").contains("at"), "columns: " + doris.columns(DB, "orders"));

        script.release(5);
        awaitIds("a truncate between two rows", 8);

        script.release(6);
        Script.awaitUntil("the table is dropped and no transaction of it is left open", WAIT,
                () -> !doris.tableExists(DB, "orders") && openTransactions().isEmpty());
        TxnInfo ofRow9 = lastTransaction();
        assertEquals(TxnState.ABORTED, ofRow9.state(), "the transaction pre-committed before the drop: " + ofRow9);
        assertEquals(1, ofRow9.loadedRows());
        assertEquals(JobStatus.RUNNING, job.getJobStatus().get(10, TimeUnit.SECONDS));
        assertEquals(1, script.starts(), "no failover happened");
    }

    @Test
    void aRestoreReplaysAnAddedColumnAndATruncateAndCommitsEveryRowOnce() throws Exception {
        Schema v1 = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("name", DataTypes.VARCHAR(20))
                .primaryKey("id")
                .build();
        Schema v2 = withColumns(v1, "id", "name", "age");
        List<List<Event>> steps = List.of(
                List.of(new CreateTableEvent(ORDERS, v1), row(v1, 1, "a"), row(v1, 2, "b"), row(v1, 3, "c")),
                List.of(row(v1, 4, "d"), row(v1, 5, "e"),
                        new AddColumnEvent(ORDERS, List.of(AddColumnEvent.last(Column.physicalColumn("age", DataTypes.INT())))),
                        row(v2, 6, "f", 60), new TruncateTableEvent(ORDERS), row(v2, 7, "g", 70), row(v2, 8, "h", 80)),
                List.of(row(v2, 9, "i", 90)));
        Script script = Script.register("restore", steps);
        start(script);

        script.release(0);
        awaitIds("a checkpoint's commit", 1, 2, 3);

        script.failOnceAfter(1);
        script.release(1);
        // The column is added and the table truncated while no checkpoint completes: rows 4 to 8 are pre-committed
        // or open when the job fails. The restore goes back to the checkpoint before step 1 and replays it all.
        Script.awaitUntil("the first attempt added the column and truncated the table", WAIT,
                () -> doris.columns(DB, "orders").contains("age") && doris.rows(DB, "orders").isEmpty());
        script.releaseFailure();
        Script.awaitUntil("the job restored", WAIT, () -> script.starts() == 2);
        awaitIds("the replay of the column, the truncate and the rows around it", 7, 8);

        script.release(2);
        awaitIds("a row after the restore", 7, 8, 9);
        assertEquals("70", String.valueOf(rowWithId(7).get("age")));
        Script.awaitUntil("no transaction but the current checkpoint's is open", WAIT,
                () -> openTransactions().size() <= 1);
        assertTrue(doris.transactions().stream().anyMatch(t -> t.state() == TxnState.ABORTED),
                "the restored writer aborted what the failed attempt left open: " + doris.transactions());
    }

    /**
     * The documented limit of a drop: a restore to a checkpoint before it replays rows of the table, which 3.5 still
     * knows (its coordinator keeps the schema, so the re-announced CreateTableEvent is skipped), into a table Doris
     * no longer has. The job fails with Doris's refusal, and nothing of it stays open in Doris.
     */
    @Test
    void aRestoreThatReplaysADropFailsWithDorisRefusingTheDroppedTable() throws Exception {
        Schema v1 = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("name", DataTypes.VARCHAR(20))
                .primaryKey("id")
                .build();
        List<List<Event>> steps = List.of(
                List.of(new CreateTableEvent(ORDERS, v1), row(v1, 1, "a")),
                List.of(row(v1, 2, "b"), new DropTableEvent(ORDERS)));
        Script script = Script.register("restore-after-drop", steps);
        start(script);

        script.release(0);
        awaitIds("a checkpoint's commit", 1);
        script.failOnceAfter(1);
        script.release(1);
        Script.awaitUntil("the first attempt dropped the table", WAIT, () -> !doris.tableExists(DB, "orders"));
        script.releaseFailure();

        Throwable failure = assertThrows(ExecutionException.class,
                () -> job.getJobExecutionResult().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        job = null;
        assertTrue(chain(failure).contains("unknown table, tableName=orders"), chain(failure));
        assertTrue(script.starts() > 1, "the job restored before it failed");
        assertTrue(openTransactions().isEmpty(), "open: " + openTransactions());
    }

    private static String chain(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        return messages.toString();
    }

    private void start(Script script) throws Exception {
        doris = DorisTestServer.builder().start();
        job = Cdc35Pipeline.start(script, dataSink(), Duration.ofMillis(500));
    }

    /** The sink as the pipeline's YAML would configure it, through the connector's factory. */
    private DataSink dataSink() {
        return new Doris2pcDataSinkFactory().createDataSink(new FactoryHelper.DefaultContext(
                Configuration.fromMap(Map.of(
                        "fenodes", doris.feAddress(),
                        "username", doris.user(),
                        "password", doris.password(),
                        "sink.label-prefix", "cdc35",
                        "table.create.properties.replication_num", "1")),
                Configuration.fromMap(Map.of("local-time-zone", "UTC")),
                getClass().getClassLoader()));
    }

    private void awaitIds(String step, Integer... ids) {
        Set<Integer> expected = new TreeSet<>(Arrays.asList(ids));
        Script.awaitUntil("Doris holds rows " + expected + " after " + step, WAIT, () -> {
            assertFalse(job.getJobStatus().join().isGloballyTerminalState(), "the job ended");
            return doris.tableExists(DB, "orders") && expected.equals(ids());
        });
    }

    private Set<Integer> ids() {
        return doris.rows(DB, "orders").stream()
                .map(row -> ((Number) row.get("id")).intValue())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Map<String, Object> rowWithId(int id) {
        return doris.rows(DB, "orders").stream()
                .filter(row -> ((Number) row.get("id")).intValue() == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + id + " in Doris"));
    }

    private List<TxnInfo> openTransactions() {
        return doris.transactions().stream()
                .filter(t -> t.state() == TxnState.PREPARE || t.state() == TxnState.PRECOMMITTED)
                .collect(Collectors.toList());
    }

    private TxnInfo lastTransaction() {
        List<TxnInfo> all = new ArrayList<>(doris.transactions());
        all.sort((a, b) -> Long.compare(a.txnId(), b.txnId()));
        return all.get(all.size() - 1);
    }

    private static Schema withColumns(Schema base, String... names) {
        Schema.Builder builder = Schema.newBuilder();
        for (String name : names) {
            builder.physicalColumn(name, base.getColumn(name).map(Column::getType).orElse(DataTypes.INT()));
        }
        return builder.primaryKey(base.primaryKeys()).build();
    }

    /** The types of {@code schema} with the last one replaced. */
    private static DataType[] types(Schema schema, DataType last) {
        DataType[] types = schema.getColumnDataTypes().toArray(new DataType[0]);
        types[types.length - 1] = last;
        return types;
    }

    /** A row of the table after step 4 (id, full_name, day, age BIGINT). */
    private static Event afterDrop(int id) {
        return rowOf(new DataType[] {DataTypes.INT(), DataTypes.VARCHAR(20), DataTypes.DATE(), DataTypes.BIGINT()},
                id, String.valueOf((char) ('a' + id - 1)), DAY, (long) id * 10);
    }

    private static Event row(Schema schema, Object... values) {
        return rowOf(schema.getColumnDataTypes().toArray(new DataType[0]), values);
    }

    private static Event row(DataType[] types, Object... values) {
        return rowOf(types, values);
    }

    private static Event rowOf(DataType[] types, Object... values) {
        Object[] fields = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value instanceof String) {
                fields[i] = BinaryStringData.fromString((String) value);
            } else if (value instanceof LocalDate) {
                fields[i] = DateData.fromLocalDate((LocalDate) value);
            } else if (value instanceof LocalTime) {
                fields[i] = TimeData.fromLocalTime((LocalTime) value);
            } else {
                fields[i] = value;
            }
        }
        return DataChangeEvent.insertEvent(ORDERS, new BinaryRecordDataGenerator(types).generate(fields));
    }
}
