package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.sink.RecordingCommitRequest.Signal;
import io.doris2pc.testserver.CommitRecord;
import io.doris2pc.testserver.TestClock;
import io.doris2pc.testserver.TxnState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.doris2pc.connector.sink.DorisFixture.DB;
import static io.doris2pc.connector.sink.DorisFixture.TABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committer with the real HTTP client against the Doris test server, with injected faults. */
class Doris2pcCommitterServerTest {

    private static final String LABEL = "job_r1_0_0_0";
    private static final String ROWS = "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n";

    private static final Duration PRECOMMIT_TIMEOUT = Duration.ofHours(1);

    private DorisFixture doris;
    private RawStreamLoads loads;
    private DorisHttpClient client;
    private Doris2pcCommitter committer;
    private RecordingCommitRequest<Doris2pcCommittable> request;

    @BeforeEach
    void start() throws IOException {
        doris = new DorisFixture();
        loads = new RawStreamLoads(doris.server);
        client = new DorisHttpClient(doris.config);
        committer = committer(Clock.systemUTC());
        long txnId = loads.preCommit(DB, TABLE, LABEL, ROWS);
        request = new RecordingCommitRequest<>(committable(txnId));
    }

    private Doris2pcCommitter committer(Clock clock) {
        return committer(clock, false);
    }

    private Doris2pcCommitter committer(Clock clock, boolean assumeForgottenCommitted) {
        return new Doris2pcCommitter(client, new DorisRetries(3, Duration.ZERO),
                new ForgottenTransactionRule(PRECOMMIT_TIMEOUT, Duration.ofMinutes(1), assumeForgottenCommitted),
                clock);
    }

    private static Doris2pcCommittable committable(long txnId) {
        return new Doris2pcCommittable(DB, TABLE, LABEL, txnId, System.currentTimeMillis());
    }

    @AfterEach
    void stop() throws Exception {
        committer.close();
        client.close();
        loads.close();
        doris.close();
    }

    @Test
    void commitMakesTheRowsVisible() throws Exception {
        commitOnce();

        assertEquals(Signal.NONE, request.signal());
        assertRowsVisibleOnce();
    }

    @Test
    void lostCommitResponseIsRetriedAndFoundAlreadyCommitted() throws Exception {
        doris.server.faults().dropNextCommitResponses(1);

        commitOnce();

        assertEquals(Signal.ALREADY_COMMITTED, request.signal());
        assertRowsVisibleOnce();
    }

    @Test
    void unavailableFeIsRetriedUntilItAnswers() throws Exception {
        doris.server.faults().feUnavailable(2);

        commitOnce();

        assertEquals(Signal.NONE, request.signal());
        assertRowsVisibleOnce();
    }

    @Test
    void expiredPreCommittedTransactionFailsWithTheTimeoutExplained() throws Exception {
        doris.server.faults().expirePrecommitted();

        commitOnce();

        assertEquals(Signal.FAILED_UNKNOWN, request.signal());
        assertEquals(
                "The pre-committed transaction " + request.getCommittable().txnId() + " (label " + LABEL + ") of"
                        + " table sales.orders was aborted by Doris (abort reason: timeout by txn manager); its rows"
                        + " are lost. Doris aborts pre-committed transactions that stay uncommitted longer than the"
                        + " FE setting stream_load_default_precommit_timeout_second (3600 s by default): the job was"
                        + " down, or could not complete a checkpoint, for longer than that. Raise that setting above"
                        + " the longest outage the job must survive, and replay the lost rows from the source.",
                request.failure().getMessage());
        assertEquals(List.of(), doris.server.rows(DB, TABLE));
    }

    /** Flink CDC 3.3+'s DropTableEvent (or an operator) dropped the table between pre-commit and commit. */
    @Test
    void aTransactionOfADroppedTableIsAbortedAndTheJobGoesOn() throws Exception {
        doris.server.sql(DB, "DROP TABLE " + TABLE);

        commitOnce();

        assertEquals(Signal.NONE, request.signal());
        assertEquals(TxnState.ABORTED, doris.server.transaction(DB, LABEL).orElseThrow().state());
    }

    @Test
    void feUnavailableLongerThanTheRetriesFailsWithoutShowingThePassword() throws Exception {
        doris.server.faults().feUnavailable(10);

        commitOnce();

        assertEquals(Signal.FAILED_UNKNOWN, request.signal());
        String message = request.failure().getMessage();
        assertTrue(message.startsWith("Could not commit transaction " + request.getCommittable().txnId() + " (label "
                + LABEL + ") of table sales.orders after 3 retries (sink.max-retries): "), message);
        assertTrue(message.contains("HTTP 503"), message);
        assertFalse(message.contains("s3cr3t"), message);
        assertEquals(TxnState.PRECOMMITTED, doris.server.transaction(DB, LABEL).orElseThrow().state());
    }

    /**
     * Issue 13, point 1: a checkpoint of parallelism 1 restored at parallelism 2. Flink splits the committer state
     * round-robin, so committer 0 re-commits the restored transaction (key 1 = "a") in initializeState, while key 1
     * now belongs to subtask 1, whose committer commits its newer value after the first checkpoint after the
     * restore. Committer 0's first attempt fails (FE 503). Left for Flink's retry a second later, the restored
     * transaction would be committed after the newer one, and Doris would keep its older value.
     */
    @Test
    void aRestoredTransactionWhoseFirstCommitFailsIsCommittedBeforeAnotherSubtaskCommitsNewerRows()
            throws Exception {
        long newerTxnId = loads.preCommit(DB, TABLE, "job_r1_5_1_0", "{\"id\":1,\"name\":\"newer\"}\n");
        RecordingCommitRequest<Doris2pcCommittable> newer =
                new RecordingCommitRequest<>(
                        new Doris2pcCommittable(DB, TABLE, "job_r1_5_1_0", newerTxnId, System.currentTimeMillis()));
        doris.server.faults().feUnavailable(1);

        try (Doris2pcCommitter subtask1 = committer(Clock.systemUTC())) {
            commitOnce();
            newer.select();
            subtask1.commit(List.of(newer));
            if (request.signal() == Signal.RETRY_LATER) {
                commitOnce();
            }
        }

        assertEquals(Signal.NONE, request.signal());
        assertEquals(Signal.NONE, newer.signal());
        loads.awaitState(DB, "job_r1_5_1_0", TxnState.VISIBLE);
        assertEquals(List.of("1=newer", "2=b"), names());
    }

    /** Issue 13, point 7: Doris could not take the table's write lock in time; the commit is tried again. */
    @Test
    void aCommitRefusedForALockTimeoutIsRetried() throws Exception {
        doris.server.faults().failNextCommits(1, "get tableList write lock timeout, tableList=(sales.orders)");

        commitOnce();

        assertEquals(Signal.NONE, request.signal());
        assertRowsVisibleOnce();
    }

    @Test
    void publishTimeoutCountsAsCommitted() throws Exception {
        doris.server.faults().publishTimeoutNextCommits(1);

        commitOnce();

        assertEquals(Signal.NONE, request.signal());
        assertRowsVisibleOnce();
    }

    /**
     * Issue 13, point 5: a savepoint restored after Doris forgot its committed transactions (labels kept 12 h).
     * Nothing in Doris tells committed from expired any more, so the restore fails and names the option.
     */
    @Test
    void anOldSavepointsTransactionDorisForgotFailsNamingTheOption() throws Exception {
        long txnId = commitThenForget(Duration.ofHours(12), Duration.ofHours(13), false);

        commitOnce();

        assertEquals(Signal.FAILED_UNKNOWN, request.signal());
        String message = request.failure().getMessage();
        assertTrue(message.startsWith("Doris no longer knows transaction " + txnId + " (label " + LABEL + ") of"
                + " table sales.orders (TStatus: errCode = 2, detailMessage = transaction [" + txnId + "] not found;"
                + " its label is unknown too), and at 46800 s old"), message);
        assertTrue(message.contains("set 'sink.forgotten-transactions' to 'assume-committed' for this restore"),
                message);
    }

    /** The same restore with {@code sink.forgotten-transactions: assume-committed} goes on, rows committed once. */
    @Test
    void anOldSavepointsTransactionDorisForgotCountsAsCommittedWhenTheUserSaysSo() throws Exception {
        commitThenForget(Duration.ofHours(12), Duration.ofHours(13), true);

        commitOnce();

        assertEquals(Signal.ALREADY_COMMITTED, request.signal());
        assertRowsCommittedOnce();
    }

    @Test
    void aRecommitAfterRestoreOfATransactionDorisForgotSinceIsAlreadyCommitted() throws Exception {
        commitThenForget(Duration.ofMinutes(1), Duration.ofMinutes(2), false);

        commitOnce();

        assertEquals(Signal.ALREADY_COMMITTED, request.signal());
        assertTrue(doris.server.transaction(DB, LABEL).isEmpty(), "Doris must have forgotten the label");
        assertRowsCommittedOnce();
    }

    /**
     * Commits a transaction, then lets Doris forget its label (kept for {@code labelKeep}); the committer's clock
     * runs {@code later} ahead, as for a re-commit that long after the pre-commit.
     */
    private long commitThenForget(Duration labelKeep, Duration later, boolean assumeForgottenCommitted)
            throws Exception {
        TestClock clock = TestClock.startingNow();
        stop();
        doris = new DorisFixture(settings -> settings.clock(clock).labelKeep(labelKeep));
        loads = new RawStreamLoads(doris.server);
        client = new DorisHttpClient(doris.config);
        committer = committer(Clock.offset(Clock.systemUTC(), later), assumeForgottenCommitted);
        long txnId = loads.preCommit(DB, TABLE, LABEL, ROWS);
        request = new RecordingCommitRequest<>(committable(txnId));
        commitOnce();
        loads.awaitState(DB, LABEL, TxnState.VISIBLE);
        clock.advance(later);
        return txnId;
    }

    private void commitOnce() throws Exception {
        request.select();
        committer.commit(List.of(request));
    }

    private void assertRowsVisibleOnce() {
        loads.awaitState(DB, LABEL, TxnState.VISIBLE);
        assertRowsCommittedOnce();
    }

    private void assertRowsCommittedOnce() {
        assertEquals(List.of("1=a", "2=b"), names());
        List<CommitRecord> commits = doris.server.commits();
        assertEquals(1, commits.size(), commits.toString());
    }

    private List<String> names() {
        return doris.server.rows(DB, TABLE).stream()
                .map(row -> row.get("id") + "=" + row.get("name"))
                .sorted()
                .collect(Collectors.toList());
    }
}
