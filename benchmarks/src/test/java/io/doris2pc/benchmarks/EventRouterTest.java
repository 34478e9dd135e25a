package io.doris2pc.benchmarks;

import org.apache.flink.cdc.common.data.binary.BinaryStringData;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.sink.DataSink;
import org.apache.flink.cdc.common.sink.DefaultDataChangeEventHashFunctionProvider;
import org.apache.flink.cdc.common.types.RowType;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;
import io.doris2pc.testserver.DorisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventRouterTest {
    private static final int PARALLELISM = 4;
    private static final TableId TABLE = TableId.tableId("app_db", "t_0");
    private static DorisTestServer doris;

    @BeforeAll
    static void startDoris() {
        // doris2pc's factory checks the FE at start
        doris = DorisTestServer.builder().start();
    }

    @AfterAll
    static void stopDoris() {
        doris.close();
    }

    @Test
    void aCreateTableEventGoesToEverySubtask() {
        EventRouter router = new EventRouter(new DefaultDataChangeEventHashFunctionProvider(), PARALLELISM);
        List<Integer> subtasks = new ArrayList<>();
        router.route(new CreateTableEvent(TABLE, SkewedChangeSource.SCHEMA), (event, subtask) -> subtasks.add(subtask));
        assertEquals(List.of(0, 1, 2, 3), subtasks);
    }

    @Test
    void flinkCdcsDefaultHashSpreadsOneTableOverEverySubtask() {
        assertEquals(Set.of(0, 1, 2, 3), subtasksOfOneTable(
                new EventRouter(new DefaultDataChangeEventHashFunctionProvider(), PARALLELISM)));
    }

    @Test
    void doris2pcsHashKeepsOneTableOnOneSubtask() {
        DataSink doris2pc = SinkUnderTest.DORIS2PC.dataSink(variables());
        assertEquals(1, subtasksOfOneTable(new EventRouter(
                doris2pc.getDataChangeEventHashFunctionProvider(PARALLELISM), PARALLELISM)).size());
    }

    @Test
    void theOfficialConnectorKeepsFlinkCdcsDefaultHash() {
        DataSink official = SinkUnderTest.OFFICIAL_2PC.dataSink(variables());
        assertEquals(Set.of(0, 1, 2, 3), subtasksOfOneTable(new EventRouter(
                official.getDataChangeEventHashFunctionProvider(PARALLELISM), PARALLELISM)));
    }

    @Test
    void aChangeBeforeItsTableIsRefused() {
        EventRouter router = new EventRouter(new DefaultDataChangeEventHashFunctionProvider(), PARALLELISM);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> router.route(change(1), (event, subtask) -> {}));
        assertEquals("A change of app_db.t_0 before its CreateTableEvent", e.getMessage());
    }

    /** Subtasks that 200 changes of different keys of one table go to, after its CreateTableEvent. */
    private static Set<Integer> subtasksOfOneTable(EventRouter router) {
        router.route(new CreateTableEvent(TABLE, SkewedChangeSource.SCHEMA), (event, subtask) -> {});
        Set<Integer> subtasks = new TreeSet<>();
        for (int key = 0; key < 200; key++) {
            router.route(change(key), (event, subtask) -> {
                assertTrue(event instanceof DataChangeEvent);
                subtasks.add(subtask);
            });
        }
        return subtasks;
    }

    private static Event change(int key) {
        BinaryRecordDataGenerator rows =
                new BinaryRecordDataGenerator((RowType) SkewedChangeSource.SCHEMA.toRowDataType());
        return DataChangeEvent.insertEvent(TABLE, rows.generate(new Object[] {key,
                BinaryStringData.fromString("n"), (long) key, BinaryStringData.fromString("note")}));
    }

    private static Map<String, String> variables() {
        return Map.of("DORIS_FENODES", doris.feAddress(), "DORIS_USER", doris.user(),
                "DORIS_PASSWORD", doris.password(), "LABEL_PREFIX", "p");
    }
}
