package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplier;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.event.AddColumnEvent;
import org.apache.flink.cdc.common.event.Event;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the writer by hand (write, flush, prepareCommit, snapshotState, restore) against the Doris test server. */
class Doris2pcWriterTest {

    private DorisTestServer server;
    private Doris2pcSinkConfig config;
    private final EmployeeEvents employees = new EmployeeEvents("demo", "employees");
    private final List<Doris2pcWriter> writers = new ArrayList<>();
    private final Map<JobID, String> runs = new HashMap<>();

    @BeforeEach
    void startDoris() {
        server = DorisTestServer.builder().user("loader").password("s3cr3t-P@ss").start();
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", server.feAddress());
        options.put("username", "loader");
        options.put("password", "s3cr3t-P@ss");
        options.put("sink.label-prefix", "it");
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
    void rowsBecomeVisibleOnlyWhenTheCommitterCommitsThePreCommittedTransaction() throws Exception {
        Doris2pcWriter writer = newWriter(TestInitContext.fresh(new JobID()), List.of());
        write(writer, employees.create(), employees.insert(1, "Georgi"), employees.insert(2, "Bezalel"));
        writer.flush(false);
        Collection<Doris2pcCommittable> committables = writer.prepareCommit();

        assertEquals(1, committables.size());
        Doris2pcCommittable committable = committables.iterator().next();
        assertEquals(TxnState.PRECOMMITTED, stateOf(committable));
        assertTrue(server.rows("demo", "employees").isEmpty(), "rows visible before the commit");

        commit(committables);
        assertEquals(List.of(1L, 2L), empNos());
        assertEquals(TxnState.VISIBLE, stateOf(committable));
    }

    @Test
    void updatesAndDeletesReachTheUniqueKeyTable() throws Exception {
        Doris2pcWriter writer = newWriter(TestInitContext.fresh(new JobID()), List.of());
        write(writer, employees.create(), employees.insert(1, "Georgi"), employees.insert(2, "Bezalel"));
        write(writer, employees.update(1, "Georgi", "George"), employees.delete(2, "Bezalel"));
        writer.flush(false);
        commit(writer.prepareCommit());

        List<Map<String, Object>> rows = server.rows("demo", "employees");
        assertEquals(1, rows.size());
        assertEquals("George", rows.get(0).get("first_name"));
    }

    @Test
    void aSchemaChangeFlushSeparatesTheTransactionsOfRowsWrittenUnderEachSchema() throws Exception {
        Doris2pcWriter writer = newWriter(TestInitContext.fresh(new JobID()), List.of());
        write(writer, employees.create(), employees.insert(1, "Georgi"));
        // Flink CDC flushes every writer before it applies a schema change, then sends the change downstream.
        writer.flush(false);
        AddColumnEvent addNickname = employees.addColumn("nickname");
        new Doris2pcMetadataApplier(config).applySchemaChange(addNickname);
        write(writer, addNickname, employees.insert(2, "Bezalel", "Bez"));
        writer.flush(false);
        Collection<Doris2pcCommittable> committables = writer.prepareCommit();

        assertEquals(2, committables.size(), "one transaction per schema");
        commit(committables);
        List<Map<String, Object>> rows = server.rows("demo", "employees");
        assertEquals(null, rows.get(0).get("nickname"));
        assertEquals("Bez", rows.get(1).get("nickname"));
    }

    @Test
    void restoreAbortsWhatTheFailedAttemptLeftOpenAndCommitsTheCheckpointedTransactions() throws Exception {
        JobID job = new JobID();
        Doris2pcWriter failed = newWriter(TestInitContext.fresh(job), List.of());
        write(failed, employees.create(), employees.insert(1, "Georgi"));
        failed.flush(false);
        Collection<Doris2pcCommittable> checkpointed = failed.prepareCommit();
        List<Doris2pcWriterState> state = failed.snapshotState(1);
        // After checkpoint 1: a pre-committed transaction for checkpoint 2 and an open load, then the crash.
        write(failed, employees.insert(2, "Bezalel"));
        failed.flush(false);
        failed.prepareCommit();
        write(failed, employees.insert(3, "Parto"));
        writers.remove(failed);

        Doris2pcWriter restored = newWriter(TestInitContext.fresh(job).restoredFrom(1), state);

        assertEquals(
                checkpointed.stream().map(Doris2pcCommittable::label).collect(Collectors.toList()),
                openLabels(),
                "only the checkpoint's own transaction may stay open after the restore");
        commit(checkpointed);
        write(restored, employees.create(), employees.insert(2, "Bezalel"), employees.insert(3, "Parto"));
        restored.flush(false);
        commit(restored.prepareCommit());
        assertEquals(List.of(1L, 2L, 3L), empNos());
        assertTrue(openLabels().isEmpty());
    }

    @Test
    void aTableInADatabaseFirstWrittenAfterTheCheckpointIsCleanedWhenTheRestoredWriterMeetsIt() throws Exception {
        EmployeeEvents other = new EmployeeEvents("hr", "contractors");
        new Doris2pcMetadataApplier(config).applySchemaChange(other.create());
        JobID job = new JobID();
        Doris2pcWriter failed = newWriter(TestInitContext.fresh(job), List.of());
        write(failed, employees.create(), employees.insert(1, "Georgi"));
        failed.flush(false);
        failed.prepareCommit();
        List<Doris2pcWriterState> state = failed.snapshotState(1);
        write(failed, other.create(), other.insert(7, "Kyoichi"));
        failed.flush(false);
        writers.remove(failed);

        Doris2pcWriter restored = newWriter(TestInitContext.fresh(job).restoredFrom(1), state);
        write(restored, other.create(), other.insert(7, "Kyoichi"));

        List<TxnInfo> hrOpen =
                server.transactions("hr").stream()
                        .filter(t -> t.state() == TxnState.PRECOMMITTED)
                        .collect(Collectors.toList());
        assertTrue(hrOpen.isEmpty(), "the failed attempt's transaction in hr must be aborted: " + hrOpen);
        restored.flush(false);
        commit(restored.prepareCommit());
        assertEquals(1, server.rows("hr", "contractors").size());
    }

    /**
     * Issue 13, point 10: the failed attempt first wrote database hr after the checkpoint. The restored writer does
     * not meet hr before its own checkpoint; that checkpoint must still name the failed attempt's namespace, so
     * that the attempt restored from it aborts the transaction left in hr.
     */
    @Test
    void aNamespaceOfAFailedAttemptIsKeptInTheStateUntilItsDatabasesAreScanned() throws Exception {
        EmployeeEvents other = new EmployeeEvents("hr", "contractors");
        new Doris2pcMetadataApplier(config).applySchemaChange(other.create());
        JobID job = new JobID();
        Doris2pcWriter failed = newWriter(TestInitContext.fresh(job), List.of());
        write(failed, employees.create(), employees.insert(1, "Georgi"));
        failed.flush(false);
        commit(failed.prepareCommit());
        List<Doris2pcWriterState> checkpoint1 = failed.snapshotState(1);
        write(failed, other.create(), other.insert(7, "Kyoichi"));
        failed.flush(false);
        writers.remove(failed);

        Doris2pcWriter restored = newWriter(TestInitContext.fresh(job).restoredFrom(1), checkpoint1);
        write(restored, employees.create(), employees.insert(2, "Bezalel"));
        restored.flush(false);
        commit(restored.prepareCommit());
        List<Doris2pcWriterState> checkpoint2 = restored.snapshotState(2);
        writers.remove(restored);
        assertEquals(1, server.transactions("hr").stream().filter(t -> t.state() == TxnState.PRECOMMITTED).count());

        Doris2pcWriter again = newWriter(TestInitContext.fresh(job).restoredFrom(2), checkpoint2);
        write(again, other.create(), other.insert(8, "Sumant"));

        assertEquals(List.of(), server.transactions("hr").stream()
                .filter(t -> t.state() == TxnState.PRECOMMITTED).map(TxnInfo::label).collect(Collectors.toList()));
        assertEquals(2, checkpoint2.size(), "own namespace and the failed attempt's: " + checkpoint2);
    }

    /**
     * A restored namespace older than Doris's pre-commit timeout has nothing open left; it is not carried on. The
     * live one is, with the one its submission would have used had it restored checkpoint 5 itself.
     */
    @Test
    void aNamespaceRetiredLongerAgoThanThePreCommitTimeoutIsDropped() throws Exception {
        Doris2pcWriterState ancient =
                new Doris2pcWriterState(new LabelNamespace("it", LabelNamespace.newRunId(), 3, 0), Map.of(), 1L);
        Doris2pcWriterState own =
                new Doris2pcWriterState(new LabelNamespace("it", LabelNamespace.newRunId(), 4, 0), Map.of());

        Doris2pcWriter restored = newWriter(TestInitContext.fresh(new JobID()).restoredFrom(5), List.of(ancient, own));

        List<Doris2pcWriterState> snapshot = restored.snapshotState(6);
        assertEquals(List.of(own.namespace(), new LabelNamespace("it", own.namespace().runId(), 5, 0)),
                snapshot.subList(1, snapshot.size()).stream().map(Doris2pcWriterState::namespace)
                        .collect(Collectors.toList()));
        assertTrue(snapshot.get(1).retiredAtMillis() > 1L);
    }

    @Test
    void twoAttemptsRestoredFromTheSameCheckpointDoNotCollide() throws Exception {
        JobID job = new JobID();
        Doris2pcWriter first = newWriter(TestInitContext.fresh(job), List.of());
        write(first, employees.create(), employees.insert(1, "Georgi"));
        first.flush(false);
        commit(first.prepareCommit());
        List<Doris2pcWriterState> state = first.snapshotState(1);
        writers.remove(first);

        Doris2pcWriter second = newWriter(TestInitContext.fresh(job).restoredFrom(1), state);
        write(second, employees.create(), employees.insert(2, "Bezalel"));
        second.flush(false);
        Collection<Doris2pcCommittable> secondsCommittables = second.prepareCommit();
        commit(secondsCommittables);
        write(second, employees.insert(3, "Parto"));
        writers.remove(second);

        Doris2pcWriter third = newWriter(TestInitContext.fresh(job).restoredFrom(1), state);
        write(third, employees.create(), employees.insert(3, "Parto"));
        third.flush(false);
        Collection<Doris2pcCommittable> thirdsCommittables = third.prepareCommit();
        commit(thirdsCommittables);

        assertNotEquals(
                secondsCommittables.iterator().next().label(), thirdsCommittables.iterator().next().label());
        assertEquals(List.of(1L, 2L, 3L), empNos());
        assertTrue(openLabels().isEmpty(), "left open: " + openLabels());
    }

    @Test
    void labelsTheRestoreScanCouldNotSeeAreSkippedWhenFinishedAndAbortedWhenOpen() throws Exception {
        JobID job = new JobID();
        String run = LabelNamespace.newRunId();
        LabelNamespace shared = LabelNamespace.forAttempt("it", run, OptionalLong.of(1), 0);
        int beyondScan = Doris2pcWriter.MAX_UNKNOWN_LABELS_IN_A_ROW;
        try (RawStreamLoads raw = new RawStreamLoads(server)) {
            // An earlier attempt restored from the same checkpoint, whose older labels Doris has forgotten.
            raw.loadVisible("demo", "employees", shared.label(beyondScan), "{\"emp_no\":9,\"first_name\":\"Old\"}\n");
            raw.preCommit("demo", "employees", shared.label(beyondScan + 1), "{\"emp_no\":8,\"first_name\":\"Open\"}\n");

            Doris2pcWriter writer = newWriter(run, TestInitContext.fresh(job).restoredFrom(1), List.of());
            List<Doris2pcCommittable> committables = new ArrayList<>();
            for (int i = 0; i < beyondScan + 2; i++) {
                write(writer, employees.create(), employees.insert(100 + i, "Row" + i));
                writer.flush(false);
                committables.addAll(writer.prepareCommit());
            }
            commit(committables);

            List<String> labels = committables.stream().map(Doris2pcCommittable::label).collect(Collectors.toList());
            assertFalse(labels.contains(shared.label(beyondScan)), "a finished label must be skipped");
            assertTrue(labels.contains(shared.label(beyondScan + 1)), "an open label is aborted, then reused");
            assertEquals(beyondScan + 3, empNos().size(), "the planted row 9 and every written row");
            assertTrue(openLabels().isEmpty(), "left open: " + openLabels());
        }
    }

    @Test
    void aFreshStartWithTheSameLabelPrefixNeedsNoHandWork() throws Exception {
        Doris2pcWriter firstRun = newWriter(TestInitContext.fresh(new JobID()), List.of());
        write(firstRun, employees.create(), employees.insert(1, "Georgi"));
        firstRun.flush(false);
        commit(firstRun.prepareCommit());

        Doris2pcWriter secondRun = newWriter(TestInitContext.fresh(new JobID()), List.of());
        write(secondRun, employees.create(), employees.insert(2, "Bezalel"));
        secondRun.flush(false);
        commit(secondRun.prepareCommit());

        assertEquals(List.of(1L, 2L), empNos());
    }

    /**
     * Issue 13, point 6: HA application mode fixes the JobID, so a stateless redeploy runs under the JobID of the
     * first run. Derived from the JobID, the run id made the second run walk into the first run's labels.
     */
    @Test
    void aStatelessRedeployUnderTheSameJobIdUsesLabelsOfItsOwn() throws Exception {
        JobID fixed = new JobID(0, 0);
        Doris2pcWriter firstRun = newWriter(LabelNamespace.newRunId(), TestInitContext.fresh(fixed), List.of());
        write(firstRun, employees.create(), employees.insert(1, "Georgi"));
        firstRun.flush(false);
        Collection<Doris2pcCommittable> first = firstRun.prepareCommit();
        commit(first);

        Doris2pcWriter secondRun = newWriter(LabelNamespace.newRunId(), TestInitContext.fresh(fixed), List.of());
        write(secondRun, employees.create(), employees.insert(2, "Bezalel"));
        secondRun.flush(false);
        Collection<Doris2pcCommittable> second = secondRun.prepareCommit();
        commit(second);

        assertNotEquals(namespaceOf(first), namespaceOf(second));
        assertEquals(List.of(1L, 2L), empNos());
    }

    /**
     * Found by the soak: a job failed over in place to checkpoint 4, pre-committed for checkpoint 5, which never
     * completed, and was then cancelled and submitted again from checkpoint 4. Checkpoint 4's state names only the
     * attempt that wrote it, and the new submission has a run id of its own: the in-place attempt's transaction
     * stayed PRECOMMITTED, and the alter job of the next type change of its table waited for it.
     */
    @Test
    void aNewSubmissionFromACheckpointAbortsWhatAnEarlierRestoreOfItLeft() throws Exception {
        JobID job = new JobID();
        String firstRun = LabelNamespace.newRunId();
        Doris2pcWriter first = newWriter(firstRun, TestInitContext.fresh(job), List.of());
        write(first, employees.create(), employees.insert(1, "Georgi"));
        first.flush(false);
        commit(first.prepareCommit());
        List<Doris2pcWriterState> checkpoint4 = first.snapshotState(4);

        Doris2pcWriter inPlace = newWriter(firstRun, TestInitContext.fresh(job).restoredFrom(4), checkpoint4);
        write(inPlace, employees.create(), employees.insert(2, "Bezalel"));
        inPlace.flush(false);
        Doris2pcCommittable ofCheckpoint5 = inPlace.prepareCommit().iterator().next();
        inPlace.close();
        assertEquals(TxnState.PRECOMMITTED, stateOf(ofCheckpoint5));

        Doris2pcWriter resubmitted = newWriter(
                LabelNamespace.newRunId(), TestInitContext.fresh(new JobID()).restoredFrom(4), checkpoint4);
        assertEquals(TxnState.ABORTED, stateOf(ofCheckpoint5));
        write(resubmitted, employees.create(), employees.insert(2, "Bezalel"));
        resubmitted.flush(false);
        commit(resubmitted.prepareCommit());
        assertEquals(List.of(1L, 2L), empNos());
    }

    private static String namespaceOf(Collection<Doris2pcCommittable> committables) {
        String label = committables.iterator().next().label();
        return label.substring(0, label.lastIndexOf('_'));
    }

    /**
     * Issue 13, point 6: two pipelines with the default label prefix and one (fixed) JobID. The second one's start
     * must not abort the transaction the first one handed to its committer.
     */
    @Test
    void aSecondPipelineWithTheSamePrefixAndJobIdLeavesTheFirstOnesTransactionsAlone() throws Exception {
        JobID fixed = new JobID(0, 0);
        Doris2pcWriter pipelineA = newWriter(LabelNamespace.newRunId(), TestInitContext.fresh(fixed), List.of());
        write(pipelineA, employees.create(), employees.insert(1, "Georgi"));
        pipelineA.flush(false);
        Collection<Doris2pcCommittable> handedOver = pipelineA.prepareCommit();

        Doris2pcWriter pipelineB = newWriter(LabelNamespace.newRunId(), TestInitContext.fresh(fixed), List.of());
        write(pipelineB, employees.create(), employees.insert(2, "Bezalel"));

        assertEquals(TxnState.PRECOMMITTED, stateOf(handedOver.iterator().next()));
        commit(handedOver);
        assertEquals(List.of(1L), empNos());
    }

    /** A fresh start that meets committed labels of its own namespace refuses to go on: another job uses them. */
    @Test
    void aFreshStartMeetingCommittedLabelsOfItsOwnNamespaceFailsWithAdvice() throws Exception {
        String run = LabelNamespace.newRunId();
        Doris2pcWriter firstRun = newWriter(run, TestInitContext.fresh(new JobID()), List.of());
        write(firstRun, employees.create(), employees.insert(1, "Georgi"));
        firstRun.flush(false);
        commit(firstRun.prepareCommit());

        Doris2pcWriter rerun = newWriter(run, TestInitContext.fresh(new JobID()), List.of());
        write(rerun, employees.create());
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> write(rerun, employees.insert(2, "Bezalel")));

        assertEquals("doris2pc found committed transactions with this job's labels it_" + run + "_0_0_{sequence} in"
                + " Doris database demo although the job has not completed a checkpoint yet: another job uses the"
                + " same labels. That happens only when two jobs share 'sink.label-prefix' and were built from one"
                + " job graph (the same submission run twice). Give each job its own 'sink.label-prefix' and submit"
                + " it anew.", refused.getMessage());
    }

    /**
     * Issue 13, point 2: a transform's primary-keys on an updatable column. The insert of key 1 went to subtask 0;
     * the update of key 1 to 2 goes to the subtask of key 2, as delete 1 + upsert 2. Committed before subtask 0's
     * transaction (independent committers), it would leave row 1 behind. The writer refuses it at parallelism 2.
     */
    @Test
    void anUpdateThatChangesTheKeyIsRefusedAtParallelismAboveOne() throws Exception {
        Doris2pcWriter subtask1 = newWriter(new TestInitContext(new JobID(), 1, 2, OptionalLong.empty()), List.of());
        write(subtask1, employees.create());

        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> write(subtask1, employees.updateKey(1, 2, "Georgi")));

        assertTrue(refused.getMessage().startsWith("doris2pc received an UPDATE that changes the primary key of"
                + " demo.employees at sink parallelism 2."), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("set primary-keys to the source table's primary key, or run the"
                + " pipeline at parallelism 1."), refused.getMessage());
        assertTrue(openLabels().isEmpty(), "nothing of the refused update was sent: " + openLabels());
    }

    /** At parallelism 1 one committer commits in transaction order, so a key change is applied as written. */
    @Test
    void anUpdateThatChangesTheKeyIsAppliedAtParallelismOne() throws Exception {
        Doris2pcWriter writer = newWriter(TestInitContext.fresh(new JobID()), List.of());
        write(writer, employees.create(), employees.insert(1, "Georgi"));
        writer.flush(false);
        commit(writer.prepareCommit());

        write(writer, employees.updateKey(1, 2, "Georgi"));
        writer.flush(false);
        commit(writer.prepareCommit());

        assertEquals(List.of(2L), empNos());
    }

    /**
     * Issue 13, point 9: during a Doris outage whose FE accepts connections and never answers, each abort would
     * wait for the socket timeout on every FE and retry; close() must return well within Flink's
     * task.cancellation.timeout (180 s), or the TaskManager is killed. The guard only catches a hang.
     */
    @Test
    void closeGivesUpOnAbortsThatDorisNeverAnswers() throws Exception {
        Doris2pcWriter writer = newWriter(TestInitContext.fresh(new JobID()), List.of());
        write(writer, employees.create(), employees.insert(1, "Georgi"));
        writer.flush(false);
        write(writer, employees.insert(2, "Bezalel"));
        writers.remove(writer);
        server.faults().delayResponses(Duration.ofHours(1));

        assertTimeoutPreemptively(Doris2pcWriter.CLOSE_DEADLINE.plusSeconds(60), writer::close);
        server.faults().delayResponses(Duration.ZERO);
    }

    @Test
    void closeAbortsOpenLoadsAndTransactionsNotYetHandedToTheCommitter() throws Exception {
        Doris2pcWriter writer = newWriter(TestInitContext.fresh(new JobID()), List.of());
        write(writer, employees.create(), employees.insert(1, "Georgi"));
        writer.flush(false);
        Collection<Doris2pcCommittable> handedOver = writer.prepareCommit();
        write(writer, employees.insert(2, "Bezalel"));
        writer.flush(false);
        write(writer, employees.insert(3, "Parto"));

        writer.close();
        writers.remove(writer);

        assertEquals(
                handedOver.stream().map(Doris2pcCommittable::label).collect(Collectors.toList()),
                openLabels(),
                "a transaction handed to the committer must survive close (stop-with-savepoint commits it)");
    }

    /** A writer of the submission the context's JobID stands for. */
    private Doris2pcWriter newWriter(TestInitContext context, List<Doris2pcWriterState> state) {
        return newWriter(runs.computeIfAbsent(context.getJobId(), job -> LabelNamespace.newRunId()), context, state);
    }

    private Doris2pcWriter newWriter(String runId, TestInitContext context, List<Doris2pcWriterState> state) {
        Doris2pcWriter writer = new Doris2pcWriter(config, runId, context, state);
        writers.add(writer);
        return writer;
    }

    private static void write(Doris2pcWriter writer, Event... events) throws Exception {
        for (Event event : events) {
            writer.write(event, NoWriteContext.INSTANCE);
        }
    }

    private void commit(Collection<Doris2pcCommittable> committables) throws Exception {
        try (Doris2pcCommitter committer = new Doris2pcCommitter(config)) {
            List<Committer.CommitRequest<Doris2pcCommittable>> requests = new ArrayList<>();
            for (Doris2pcCommittable committable : committables) {
                requests.add(new SucceedingRequest(committable));
            }
            committer.commit(requests);
        }
    }

    private TxnState stateOf(Doris2pcCommittable committable) {
        return server.transaction(committable.db(), committable.label()).orElseThrow().state();
    }

    private List<String> openLabels() {
        return server.transactions().stream()
                .filter(t -> t.state() == TxnState.PREPARE || t.state() == TxnState.PRECOMMITTED)
                .map(TxnInfo::label)
                .collect(Collectors.toList());
    }

    private List<Long> empNos() {
        return server.rows("demo", "employees").stream()
                .map(row -> ((Number) row.get("emp_no")).longValue())
                .collect(Collectors.toList());
    }

    /** A commit request that fails the test on any outcome other than success. */
    private static final class SucceedingRequest implements Committer.CommitRequest<Doris2pcCommittable> {
        private final Doris2pcCommittable committable;

        SucceedingRequest(Doris2pcCommittable committable) {
            this.committable = committable;
        }

        @Override
        public Doris2pcCommittable getCommittable() {
            return committable;
        }

        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            throw new AssertionError("commit of " + committable + " failed", t);
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            throw new AssertionError("commit of " + committable + " failed", t);
        }

        @Override
        public void retryLater() {
            throw new AssertionError("commit of " + committable + " asked for a retry");
        }

        @Override
        public void updateAndRetryLater(Doris2pcCommittable committable) {
            throw new AssertionError("commit of " + committable + " asked for a retry");
        }

        @Override
        public void signalAlreadyCommitted() {}
    }
}
