package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplier;
import io.doris2pc.testserver.CommitRecord;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnState;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.cdc.common.configuration.Configuration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sink.max-bytes-per-load}: a table's load that reaches the cap is pre-committed and its next rows go to a
 * new load under the next label; the checkpoint commits them all, in the order Doris began them. Doris breaks off a
 * Stream Load past the BE's {@code streaming_load_max_mb} (be/src/common/config.cpp, 10240 MB by default).
 */
class LoadRolloverTest {

    private static final int CAP = 4096;
    private static final int ROWS = 200;

    private final EmployeeEvents employees = new EmployeeEvents("demo", "employees");
    private DorisTestServer server;
    private Doris2pcSinkConfig config;
    private final JobID job = new JobID();
    private final String runId = LabelNamespace.newRunId();
    private Doris2pcWriter writer;

    @BeforeEach
    void start() {
        server = DorisTestServer.builder().start();
        config = Doris2pcSinkConfig.from(Configuration.fromMap(Map.of(
                "fenodes", server.feAddress(),
                "username", server.user(),
                "password", server.password(),
                "sink.label-prefix", "cap",
                "table.create.properties.replication_num", "1",
                "sink.buffer-size", String.valueOf(CAP),
                "sink.max-bytes-per-load", String.valueOf(CAP))), ZoneId.of("UTC"));
        new Doris2pcMetadataApplier(config).applySchemaChange(employees.create());
        writer = new Doris2pcWriter(config, runId, TestInitContext.fresh(job), List.of());
    }

    @AfterEach
    void stop() throws Exception {
        server.faults().releaseLoadAnswers();
        writer.close();
        server.close();
    }

    @Test
    void aLoadPastTheCapIsPreCommittedAndTheCheckpointCommitsEveryLoadInOrder() throws Exception {
        writer.write(employees.create(), NoWriteContext.INSTANCE);
        writer.write(employees.insert(1, "First"), NoWriteContext.INSTANCE);
        for (int empNo = 2; empNo <= ROWS; empNo++) {
            writer.write(employees.insert(empNo, "Employee" + empNo), NoWriteContext.INSTANCE);
        }
        // The last change of key 1 lands in the last load: committed out of order, the first load's row would win.
        writer.write(employees.update(1, "First", "Last"), NoWriteContext.INSTANCE);
        writer.flush(false);
        List<Doris2pcCommittable> committables = new ArrayList<>(writer.prepareCommit());

        assertTrue(committables.size() >= 3, "the rows of one checkpoint went to several loads: " + committables);
        List<String> labels = committables.stream().map(Doris2pcCommittable::label).collect(Collectors.toList());
        LabelNamespace namespace = LabelNamespace.forAttempt("cap", runId, OptionalLong.empty(), 0);
        assertEquals(LongStream.range(0, labels.size()).mapToObj(namespace::label).collect(Collectors.toList()),
                labels, "one label after the other, densely numbered");
        for (Doris2pcCommittable committable : committables) {
            assertEquals(TxnState.PRECOMMITTED, server.transaction("demo", committable.label()).orElseThrow().state());
        }
        assertTrue(server.rows("demo", "employees").isEmpty(), "nothing visible before the checkpoint commits");

        Collections.reverse(committables);
        commit(committables);

        List<CommitRecord> commits = server.commits();
        assertEquals(labels, commits.stream().map(CommitRecord::label).collect(Collectors.toList()),
                "committed in the order the loads began");
        for (CommitRecord commit : commits) {
            assertTrue(commit.bytes() <= CAP + 100, "a load stops within one row of the cap: " + commit);
        }
        List<Map<String, Object>> rows = server.rows("demo", "employees");
        assertEquals(ROWS, rows.size());
        assertEquals("Last", rows.stream().filter(r -> ((Number) r.get("emp_no")).intValue() == 1)
                .findFirst().orElseThrow().get("first_name"));
    }

    /**
     * The task thread does not wait while Doris pre-commits a load ended at the cap: it writes on into the next load,
     * and the checkpoint's flush collects the answer. The test server holds every load's answer after its body.
     */
    @Test
    void theWriterGoesOnWhileDorisPreCommitsALoadEndedAtTheCap() throws Exception {
        writer.write(employees.create(), NoWriteContext.INSTANCE);
        server.faults().holdLoadAnswers();
        int empNo = 0;
        while (server.faults().loadsHeld() == 0) {
            assertTrue(empNo < 100 * ROWS, "no load reached the cap and ended");
            empNo++;
            writer.write(employees.insert(empNo, "Employee" + empNo), NoWriteContext.INSTANCE);
        }
        String endedLabel = server.transactions("demo").get(0).label();
        for (int more = 0; more < ROWS; more++) {
            empNo++;
            writer.write(employees.insert(empNo, "Employee" + empNo), NoWriteContext.INSTANCE);
        }
        assertEquals(TxnState.PREPARE, server.transaction("demo", endedLabel).orElseThrow().state(),
                "Doris has not answered the ended load while the writer wrote on");

        server.faults().releaseLoadAnswers();
        writer.flush(false);
        List<Doris2pcCommittable> committables = new ArrayList<>(writer.prepareCommit());
        assertEquals(endedLabel, committables.get(0).label());
        commit(committables);

        assertEquals(empNo, server.rows("demo", "employees").size());
    }

    private void commit(List<Doris2pcCommittable> committables) throws Exception {
        List<RecordingCommitRequest<Doris2pcCommittable>> requests =
                committables.stream().map(RecordingCommitRequest::new).collect(Collectors.toList());
        try (Doris2pcCommitter committer = new Doris2pcCommitter(config)) {
            List<CommitRequest<Doris2pcCommittable>> pending = new ArrayList<>(requests);
            committer.commit(pending);
        }
        for (RecordingCommitRequest<Doris2pcCommittable> request : requests) {
            assertEquals(RecordingCommitRequest.Signal.NONE, request.signal(), request.getCommittable().label());
        }
    }
}
