package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplier;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.cdc.common.configuration.Configuration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer of a whole database. {@code sink.max-open-loads}: each open Stream Load holds a sending thread
 * ({@code doris2pc-load-N}) and a connection until it is pre-committed, so a writer with a thousand active tables
 * must not keep a thousand open. And Flink CDC sends every table's CreateTableEvent to every writer, so a table
 * whose rows go to other writers must cost this one no request to Doris.
 */
class OpenLoadsBoundTest {

    private static final int TABLES = 1000;
    private static final int MAX_OPEN_LOADS = 32;

    private DorisTestServer server;
    private Doris2pcSinkConfig config;
    private Doris2pcWriter writer;
    private final List<EmployeeEvents> tables = new ArrayList<>();

    @BeforeEach
    void start() {
        // Two rounds over a thousand tables: up to 2,000 transactions pre-committed before the checkpoint.
        server = DorisTestServer.builder().maxRunningTxnPerDb(3 * TABLES).start();
        config = config(Map.of());
        Doris2pcMetadataApplier applier = new Doris2pcMetadataApplier(config);
        for (int t = 0; t < TABLES; t++) {
            EmployeeEvents table = new EmployeeEvents("many", "t_" + t);
            applier.applySchemaChange(table.create());
            tables.add(table);
        }
        writer = new Doris2pcWriter(config, LabelNamespace.newRunId(), TestInitContext.fresh(new JobID()), List.of());
    }

    private Doris2pcSinkConfig config(Map<String, String> more) {
        Map<String, String> options = new HashMap<>(Map.of(
                "fenodes", server.feAddress(),
                "username", server.user(),
                "password", server.password(),
                "sink.label-prefix", "open",
                "table.create.properties.replication_num", "1",
                "sink.max-open-loads", String.valueOf(MAX_OPEN_LOADS)));
        options.putAll(more);
        return Doris2pcSinkConfig.from(Configuration.fromMap(options), ZoneId.of("UTC"));
    }

    @AfterEach
    void stop() throws Exception {
        writer.close();
        server.close();
    }

    @Test
    void aThousandActiveTablesKeepAtMostMaxOpenLoadsSendingThreadsAndEveryRowCommits() throws Exception {
        for (EmployeeEvents table : tables) {
            writer.write(table.create(), NoWriteContext.INSTANCE);
        }
        int mostLoadThreads = 0;
        for (int round = 1; round <= 2; round++) {
            for (EmployeeEvents table : tables) {
                writer.write(round == 1 ? table.insert(1, "One") : table.update(1, "One", "Two"), NoWriteContext.INSTANCE);
                writer.write(table.insert(round + 1, "Row" + round), NoWriteContext.INSTANCE);
                mostLoadThreads = Math.max(mostLoadThreads, liveLoadThreads());
            }
        }
        writer.flush(false);
        List<Doris2pcCommittable> committables = new ArrayList<>(writer.prepareCommit());

        // A thread still returning from a pre-committed load may be alive when the next load starts another.
        assertTrue(mostLoadThreads < 2 * MAX_OPEN_LOADS, "about " + MAX_OPEN_LOADS + " sending threads for "
                + TABLES + " active tables, saw " + mostLoadThreads);
        assertEquals(2 * TABLES, committables.size(), "each table's load ended once per round to make room");
        commit(committables);
        for (EmployeeEvents table : tables) {
            Map<Object, Object> rows = server.rows("many", table.tableId.getTableName()).stream()
                    .collect(Collectors.toMap(r -> r.get("emp_no"), r -> r.get("first_name")));
            assertEquals(Map.of(1L, "Two", 2L, "Row1", 3L, "Row2"), normalized(rows), table.tableId.toString());
        }
    }

    @Test
    void theCreateTableEventsOfTablesWithoutRowsHereCostNoRequestToDoris() throws Exception {
        server.faults().feUnavailable(Integer.MAX_VALUE);
        for (EmployeeEvents table : tables) {
            writer.write(table.create(), NoWriteContext.INSTANCE);
        }
        assertEquals(0, server.faults().feRequestsRefused(), "requests to the FE for " + TABLES + " tables");

        server.faults().clear();
        EmployeeEvents written = tables.get(7);
        writer.write(written.insert(1, "One"), NoWriteContext.INSTANCE);
        writer.flush(false);
        commit(new ArrayList<>(writer.prepareCommit()));
        List<Object> firstNames = server.rows("many", written.tableId.getTableName()).stream()
                .map(row -> row.get("first_name")).collect(Collectors.toList());
        assertEquals(List.of("One"), firstNames);
    }

    /**
     * Once one table's first row read the database's columns, the first rows of the other 999 need no query: with
     * the loads sent straight to the BE ({@code benodes}), the FE refusing everything does not disturb them.
     */
    @Test
    void theFirstRowsOfAWholeDatabaseReadItsColumnsInOneQuery() throws Exception {
        writer.close();
        writer = new Doris2pcWriter(config(Map.of("benodes", server.beAddress())), LabelNamespace.newRunId(),
                TestInitContext.fresh(new JobID()), List.of());
        for (EmployeeEvents table : tables) {
            writer.write(table.create(), NoWriteContext.INSTANCE);
        }
        writer.write(tables.get(0).insert(1, "One"), NoWriteContext.INSTANCE);

        server.faults().feUnavailable(Integer.MAX_VALUE);
        for (EmployeeEvents table : tables.subList(1, TABLES)) {
            writer.write(table.insert(1, "One"), NoWriteContext.INSTANCE);
        }
        assertEquals(0, server.faults().feRequestsRefused(), "requests to the FE for the first rows of 999 tables");

        server.faults().clear();
        writer.flush(false);
        commit(new ArrayList<>(writer.prepareCommit()));
        for (EmployeeEvents table : tables) {
            assertEquals(List.of("One"), server.rows("many", table.tableId.getTableName()).stream()
                    .map(row -> row.get("first_name")).collect(Collectors.toList()), table.tableId.toString());
        }
    }

    private static Map<Long, Object> normalized(Map<Object, Object> rows) {
        return rows.entrySet().stream()
                .collect(Collectors.toMap(e -> ((Number) e.getKey()).longValue(), Map.Entry::getValue));
    }

    private static int liveLoadThreads() {
        int count = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("doris2pc-load-")) {
                count++;
            }
        }
        return count;
    }

    private void commit(List<Doris2pcCommittable> committables) throws Exception {
        List<RecordingCommitRequest<Doris2pcCommittable>> requests =
                committables.stream().map(RecordingCommitRequest::new).collect(Collectors.toList());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Doris2pcCommitter committer = new Doris2pcCommitter(config)) {
            List<RecordingCommitRequest<Doris2pcCommittable>> pending = requests;
            // As Flink's CommitterOperator does: requests the committer asked to retry come back later.
            while (!pending.isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "still retrying " + pending.get(0).getCommittable());
                pending.forEach(RecordingCommitRequest::select);
                committer.commit(new ArrayList<CommitRequest<Doris2pcCommittable>>(pending));
                pending = pending.stream()
                        .filter(r -> r.signal() == RecordingCommitRequest.Signal.RETRY_LATER)
                        .collect(Collectors.toList());
                if (!pending.isEmpty()) {
                    Thread.sleep(100);
                }
            }
        }
        for (RecordingCommitRequest<Doris2pcCommittable> request : requests) {
            assertEquals(RecordingCommitRequest.Signal.NONE, request.signal(), request.getCommittable().label());
        }
    }
}
