package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplier;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;

import org.apache.flink.api.common.JobID;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.event.Event;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sink.delivery-guarantee: at-least-once} on a Doris in cloud mode, into the merge-on-write UNIQUE table doris2pc
 * creates by default (which refuses two-phase commit there, {@code CloudModeLoadTest}): plain loads that Doris commits
 * when the writer ends them, and labels that no attempt shares with another.
 */
class AtLeastOnceWriterTest {

    private static final String PREFIX = "alo";

    private DorisTestServer server;
    private Doris2pcSinkConfig config;
    private final EmployeeEvents employees = new EmployeeEvents("demo", "employees");
    private final List<Doris2pcWriter> writers = new ArrayList<>();
    private final String runId = LabelNamespace.newRunId();

    @BeforeEach
    void startDoris() {
        server = DorisTestServer.builder().user("loader").password("s3cr3t-P@ss").dorisVersion("3.0.5")
                .cloudMode(true).start();
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", server.feAddress());
        options.put("username", "loader");
        options.put("password", "s3cr3t-P@ss");
        options.put("sink.label-prefix", PREFIX);
        options.put("sink.delivery-guarantee", "at-least-once");
        options.put("table.create.properties.replication_num", "1");
        config = Doris2pcSinkConfig.from(Configuration.fromMap(options), ZoneId.of("UTC"));
        new Doris2pcMetadataApplier(config).applySchemaChange(employees.create());
    }

    @AfterEach
    void stopDoris() throws Exception {
        for (Doris2pcWriter writer : writers) {
            writer.close();
        }
        server.close();
    }

    @Test
    void loadsArePlainVisibleRightAfterTheFlushAndLeaveNoCommittable() throws Exception {
        Doris2pcWriter writer = newWriter(TestInitContext.fresh(new JobID()));
        write(writer, employees.create(), employees.insert(1, "Georgi"), employees.insert(2, "Bezalel"));
        write(writer, employees.update(1, "Georgi", "George"), employees.delete(2, "Bezalel"));
        writer.flush(false);

        assertEquals(Map.of(1L, "George"), rows(), "visible without any commit");
        assertTrue(writer.prepareCommit().isEmpty(), "nothing for the committer");
        List<TxnInfo> loads = server.transactions("demo");
        assertEquals(1, loads.size());
        assertEquals(TxnState.VISIBLE, loads.get(0).state());
        assertEquals(namespace(OptionalLong.empty()).label(0), loads.get(0).label());
    }

    @Test
    void aReplayAfterAFailoverLoadsUnderLabelsNoEarlierAttemptUsed() throws Exception {
        JobID job = new JobID();
        Doris2pcWriter failed = newWriter(TestInitContext.fresh(job));
        write(failed, employees.create(), employees.insert(1, "Georgi"), employees.insert(2, "Bezalel"));
        failed.flush(false);
        String committedByFailed = namespace(OptionalLong.empty()).label(0);
        write(failed, employees.insert(3, "Parto"));
        // the crash before any checkpoint completed: the open load's transaction stays PREPARE
        writers.remove(failed);
        String openOfFailed = namespace(OptionalLong.empty()).label(1);
        assertEquals(TxnState.PREPARE, server.transaction("demo", openOfFailed).orElseThrow().state());

        // same submission, same (unrestored) namespace; the replay batches rows 1 to 3 and a later update together
        Doris2pcWriter replay = newWriter(TestInitContext.fresh(job));
        write(replay, employees.create(), employees.insert(1, "Georgi"), employees.insert(2, "Bezalel"),
                employees.insert(3, "Parto"), employees.update(1, "Georgi", "George"));
        replay.flush(false);
        failed.close();

        assertEquals(Map.of(1L, "George", 2L, "Bezalel", 3L, "Parto"), rows());
        assertEquals(TxnState.ABORTED, server.transaction("demo", openOfFailed).orElseThrow().state(),
                "the failed attempt's open load is aborted before the replay loads, so it cannot commit after it");
        List<String> visible = labels(TxnState.VISIBLE);
        assertEquals(List.of(committedByFailed, namespace(OptionalLong.empty()).label(2)), visible);
    }

    @Test
    void aLabelFoundTakenIsSkippedNeverTakenToMeanTheRowsAreIn() throws Exception {
        Doris2pcWriter writer = newWriter(TestInitContext.fresh(new JobID()));
        write(writer, employees.create(), employees.insert(1, "Georgi"));
        writer.flush(false);
        // another load takes the writer's next label after its restore scan, with other rows
        String next = namespace(OptionalLong.empty()).label(1);
        try (RawStreamLoads raw = new RawStreamLoads(server)) {
            raw.loadVisible("demo", "employees", next, "{\"emp_no\":9,\"first_name\":\"Other\"}\n");
        }

        write(writer, employees.insert(2, "Bezalel"));
        writer.flush(false);

        assertEquals(Map.of(1L, "Georgi", 2L, "Bezalel", 9L, "Other"), rows());
        assertEquals(namespace(OptionalLong.empty()).label(2), labels(TxnState.VISIBLE).get(2));
    }

    @Test
    void aRestoredAttemptLoadsUnderItsOwnNamespace() throws Exception {
        JobID job = new JobID();
        Doris2pcWriter first = newWriter(TestInitContext.fresh(job));
        write(first, employees.create(), employees.insert(1, "Georgi"));
        first.flush(false);
        assertTrue(first.prepareCommit().isEmpty());
        List<Doris2pcWriterState> state = first.snapshotState(1);
        write(first, employees.insert(2, "Bezalel"));
        first.flush(false);
        writers.remove(first);
        first.close();

        Doris2pcWriter restored = newWriter(TestInitContext.fresh(job).restoredFrom(1), state);
        write(restored, employees.create(), employees.insert(2, "Bezalel"));
        restored.flush(false);

        assertEquals(Map.of(1L, "Georgi", 2L, "Bezalel"), rows());
        assertEquals(List.of(namespace(OptionalLong.empty()).label(0), namespace(OptionalLong.empty()).label(1),
                namespace(OptionalLong.of(1)).label(0)), labels(TxnState.VISIBLE));
        assertFalse(server.transactions().stream().anyMatch(t -> t.state() == TxnState.PREPARE));
    }

    private LabelNamespace namespace(OptionalLong restoredFrom) {
        return LabelNamespace.forAttempt(PREFIX, runId, restoredFrom, 0);
    }

    private Doris2pcWriter newWriter(TestInitContext context) {
        return newWriter(context, List.of());
    }

    private Doris2pcWriter newWriter(TestInitContext context, List<Doris2pcWriterState> state) {
        Doris2pcWriter writer = new Doris2pcWriter(config, runId, context, state);
        writers.add(writer);
        return writer;
    }

    private static void write(Doris2pcWriter writer, Event... events) throws Exception {
        for (Event event : events) {
            writer.write(event, NoWriteContext.INSTANCE);
        }
    }

    /** The labels of the database's transactions in {@code state}, in the order they began. */
    private List<String> labels(TxnState state) {
        return server.transactions("demo").stream()
                .filter(t -> t.state() == state)
                .map(TxnInfo::label)
                .collect(Collectors.toList());
    }

    private Map<Long, String> rows() {
        Map<Long, String> rows = new HashMap<>();
        for (Map<String, Object> row : server.rows("demo", "employees")) {
            rows.put(((Number) row.get("emp_no")).longValue(), (String) row.get("first_name"));
        }
        return rows;
    }
}
