package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.CapturedLogs;
import io.doris2pc.connector.client.DorisTransactions;
import io.doris2pc.connector.client.LoadState;
import io.doris2pc.connector.client.TwoPhaseCommitAnswer;
import io.doris2pc.connector.sink.RecordingCommitRequest.Signal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Every answer Doris gives to a commit (FE LoadAction, GlobalTransactionMgr.commitTransaction2PC), in its exact
 * text, and the signal it leads to.
 */
class Doris2pcCommitterTest {

    private static final long TXN = 1001;
    private static final String LABEL = "job_k3x9_5_0_3";
    private static final Instant PRE_COMMITTED_AT = Instant.parse("2026-11-25T08:00:00Z");
    private static final Duration DORIS_PRECOMMIT_TIMEOUT = Duration.ofHours(1);
    private static final Doris2pcCommittable COMMITTABLE =
            new Doris2pcCommittable("sales", "orders", LABEL, TXN, PRE_COMMITTED_AT.toEpochMilli());
    private static final String DESCRIBED = "transaction 1001 (label job_k3x9_5_0_3) of table sales.orders";
    private static final int MAX_RETRIES = 2;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final ScriptedTransactions doris = new ScriptedTransactions();
    /** Committing later than the pre-commit timeout: Doris may have expired the transaction meanwhile. */
    private Doris2pcCommitter committer = committingAfter(Duration.ofHours(2));
    private final RecordingCommitRequest<Doris2pcCommittable> request = new RecordingCommitRequest<>(COMMITTABLE);

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Success|transaction [1001] commit successfully.",
                "Success|label [job_k3x9_5_0_3] transaction [1001] commit successfully.",
                "Publish Timeout|transaction commit successfully, BUT data will be visible later",
                "PUBLISH_TIMEOUT|transaction commit successfully, BUT data will be visible later",
                "ANALYSIS_ERROR|TStatus: errCode = 2, detailMessage = transaction commit successfully, BUT data will"
                        + " be visible later",
            })
    void committedAnswersLeaveTheRequestDone(String status, String msg) throws Exception {
        commitOnce(new TwoPhaseCommitAnswer(status, msg));

        assertEquals(Signal.NONE, request.signal());
        assertEquals(List.of("commit sales 1001"), doris.calls);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ANALYSIS_ERROR|TStatus: errCode = 2, detailMessage = transaction [1001] is already visible, not"
                        + " pre-committed.",
                "ANALYSIS_ERROR|TStatus: errCode = 2, detailMessage = transaction [1001] is already committed, not"
                        + " pre-committed.",
                "Fail|transaction [1001] is already visible, not pre-committed.",
                "Fail|transaction [1001] is already committed, not pre-committed.",
                "ANALYSIS_ERROR|label [job_k3x9_5_0_3] transaction [1001] is already visible, not pre-committed.",
            })
    void alreadyCommittedIsSignalled(String status, String msg) throws Exception {
        commitOnce(new TwoPhaseCommitAnswer(status, msg));

        assertEquals(Signal.ALREADY_COMMITTED, request.signal());
    }

    @Test
    void transportErrorsAreRetriedUpToTheLimitThenFail() throws Exception {
        IOException last = new IOException("FE 127.0.0.1:8030 answered HTTP 503");
        doris.commitAnswers(new IOException("Connection refused"), new IOException("Read timed out"), last);

        commitOnce();

        assertEquals(Signal.FAILED_UNKNOWN, request.signal());
        assertEquals(
                "Could not commit " + DESCRIBED + " after 2 retries (sink.max-retries): FE 127.0.0.1:8030 answered"
                        + " HTTP 503",
                request.failure().getMessage());
        assertSame(last, request.failure().getCause());
        assertEquals(3, doris.calls.size());
    }

    @Test
    void transportRetriesWaitTheBackoffDoubledEachTimeWithinTheCall() throws Exception {
        List<Duration> pauses = new ArrayList<>();
        committer = new Doris2pcCommitter(
                doris, new DorisRetries(MAX_RETRIES, Duration.ofSeconds(1), pauses::add), rule(false),
                Clock.fixed(PRE_COMMITTED_AT.plusSeconds(60), ZoneOffset.UTC));
        doris.commitAnswers(
                new IOException("Connection refused"),
                new IOException("Connection refused"),
                new TwoPhaseCommitAnswer("Success", "transaction [1001] commit successfully."));

        commitOnce();

        assertEquals(Signal.NONE, request.signal());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), pauses);
        assertEquals(3, doris.calls.size());
    }

    /** GlobalTransactionMgr.commitTransaction2PC's lock wait, FrontendServiceImpl.loadTxn2PC's NOT_MASTER. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ANALYSIS_ERROR|TStatus: errCode = 2, detailMessage = get tableList write lock timeout,"
                        + " tableList=(sales.orders)",
                "NOT_MASTER|FE is not master",
            })
    void transientRefusalsAreRetried(String status, String msg) throws Exception {
        doris.commitAnswers(
                new TwoPhaseCommitAnswer(status, msg),
                new TwoPhaseCommitAnswer("Success", "transaction [1001] commit successfully."));

        commitOnce();

        assertEquals(Signal.NONE, request.signal());
        assertEquals(List.of("commit sales 1001", "commit sales 1001"), doris.calls);
    }

    @Test
    void aTransientRefusalBeyondTheRetriesFails() throws Exception {
        TwoPhaseCommitAnswer lockTimeout = new TwoPhaseCommitAnswer(
                "ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = get tableList write lock timeout,"
                        + " tableList=(sales.orders)");
        doris.commitAnswers(lockTimeout, lockTimeout, lockTimeout);

        commitOnce();

        assertFailed("Doris refused to commit " + DESCRIBED + " 3 times (sink.max-retries is 2), last with: "
                + lockTimeout + ". Doris refuses commits this way while another operation holds the table's lock or"
                + " while its master FE changes; the restored job commits it again.");
    }

    @ParameterizedTest
    @EnumSource(value = LoadState.class, names = {"COMMITTED", "VISIBLE"})
    void notFoundButLabelFinishedIsAlreadyCommitted(LoadState state) throws Exception {
        doris.loadState(LABEL, state);

        commitOnce(new TwoPhaseCommitAnswer(
                "ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = transaction [1001] not found"));

        assertEquals(Signal.ALREADY_COMMITTED, request.signal());
        assertEquals(List.of("commit sales 1001", "state sales " + LABEL), doris.calls);
    }

    @ParameterizedTest
    @EnumSource(value = LoadState.class, names = {"ABORTED", "PREPARE", "PRECOMMITTED"})
    void notFoundAndLabelNotFinishedFails(LoadState state) throws Exception {
        doris.loadState(LABEL, state);

        commitOnce(new TwoPhaseCommitAnswer("Fail", "transaction [1001] not found"));

        assertFailed(
                "Doris does not know " + DESCRIBED + " any more (transaction [1001] not found; the label's load state"
                        + " is " + state + "): whether its rows were committed cannot be told. Doris may have aborted it"
                        + " (pre-committed transactions are aborted after the FE setting"
                        + " stream_load_default_precommit_timeout_second, 3600 s by default), or forgotten it after"
                        + " it was committed or aborted (after streaming_label_keep_max_second, 43200 s by default,"
                        + " or beyond label_num_threshold finished transactions), for example because the job"
                        + " stayed down too long. Check the table and replay the missing rows from the source.");
    }

    @Test
    void forgottenAndOlderThanThePreCommitTimeoutFailsNamingTheOptionForOldSavepoints() throws Exception {
        commitOnce(new TwoPhaseCommitAnswer("Fail", "transaction [1001] not found"));

        assertFailed(
                "Doris no longer knows " + DESCRIBED + " (transaction [1001] not found; its label is unknown too), and"
                        + " at 7200 s old it may have been aborted rather than committed: only a transaction younger"
                        + " than sink.doris-precommit-timeout (3600 s) less sink.clock-skew-allowance (60 s) is"
                        + " certainly committed. Doris forgets committed and aborted transactions after"
                        + " streaming_label_keep_max_second (43200 s by default) or beyond label_num_threshold. If"
                        + " this restores a savepoint or checkpoint whose job ran on after taking it, or was stopped"
                        + " with it, that job committed the transaction: set 'sink.forgotten-transactions' to"
                        + " 'assume-committed' for this restore. If the job was down longer than the FE's"
                        + " stream_load_default_precommit_timeout_second instead, Doris aborted it and its rows are"
                        + " lost: check the table and replay them from the source.");
    }

    @Test
    void forgottenAndOldIsCommittedWhenTheUserSaysSo() throws Exception {
        committer = new Doris2pcCommitter(doris, new DorisRetries(MAX_RETRIES, Duration.ZERO), rule(true),
                Clock.fixed(PRE_COMMITTED_AT.plus(Duration.ofDays(3)), ZoneOffset.UTC));

        commitOnce(new TwoPhaseCommitAnswer("Fail", "transaction [1001] not found"));

        assertEquals(Signal.ALREADY_COMMITTED, request.signal());
    }

    @Test
    void assumeCommittedNeverOverridesALabelDorisStillKnowsAsAborted() throws Exception {
        committer = new Doris2pcCommitter(doris, new DorisRetries(MAX_RETRIES, Duration.ZERO), rule(true),
                Clock.fixed(PRE_COMMITTED_AT.plus(Duration.ofDays(3)), ZoneOffset.UTC));
        doris.loadState(LABEL, LoadState.ABORTED);

        commitOnce(new TwoPhaseCommitAnswer("Fail", "transaction [1001] not found"));

        assertEquals(Signal.FAILED_UNKNOWN, request.signal());
    }

    /** The writer's clock may run ahead of the committer's: an age within the allowance of the timeout is unsure. */
    @Test
    void forgottenWithinTheClockSkewAllowanceOfTheTimeoutIsNotTakenAsCommitted() throws Exception {
        committer = committingAfter(DORIS_PRECOMMIT_TIMEOUT.minusSeconds(30));

        commitOnce(new TwoPhaseCommitAnswer("Fail", "transaction [1001] not found"));

        assertEquals(Signal.FAILED_UNKNOWN, request.signal());
    }

    @Test
    void notFoundAndLabelForgottenWithinThePreCommitTimeoutWasCommitted() throws Exception {
        committer = committingAfter(Duration.ofMinutes(10));
        doris.loadState(LABEL, LoadState.UNKNOWN);

        commitOnce(new TwoPhaseCommitAnswer("Fail", "transaction [1001] not found"));

        assertEquals(Signal.ALREADY_COMMITTED, request.signal());
    }

    @Test
    void notFoundAndLabelAbortedWithinThePreCommitTimeoutStillFails() throws Exception {
        committer = committingAfter(Duration.ofMinutes(10));
        doris.loadState(LABEL, LoadState.ABORTED);

        commitOnce(new TwoPhaseCommitAnswer("Fail", "transaction [1001] not found"));

        assertEquals(Signal.FAILED_UNKNOWN, request.signal());
    }

    private Doris2pcCommitter committingAfter(Duration sincePreCommit) {
        Clock clock = Clock.fixed(PRE_COMMITTED_AT.plus(sincePreCommit), ZoneOffset.UTC);
        return new Doris2pcCommitter(doris, new DorisRetries(MAX_RETRIES, Duration.ZERO), rule(false), clock);
    }

    private static ForgottenTransactionRule rule(boolean assumeCommittedWhenOld) {
        return new ForgottenTransactionRule(DORIS_PRECOMMIT_TIMEOUT, CLOCK_SKEW, assumeCommittedWhenOld);
    }

    @Test
    void notFoundWhileLoadStateIsUnreachableFailsAfterTheRetries() throws Exception {
        doris.loadState(LABEL, new IOException("Connection refused"));

        commitOnce(new TwoPhaseCommitAnswer("Fail", "transaction [1001] not found"));

        assertEquals(Signal.FAILED_UNKNOWN, request.signal());
        assertEquals("Could not commit " + DESCRIBED + " after 2 retries (sink.max-retries): Connection refused",
                request.failure().getMessage());
        assertEquals(List.of("commit sales 1001", "state sales " + LABEL, "state sales " + LABEL,
                "state sales " + LABEL), doris.calls);
    }

    @Test
    void abortedByTheTransactionManagerTimeoutFailsWithAdvice() throws Exception {
        commitOnce(new TwoPhaseCommitAnswer(
                "ANALYSIS_ERROR",
                "TStatus: errCode = 2, detailMessage = transaction [1001] is already aborted. abort reason: timeout"
                        + " by txn manager"));

        assertFailed(
                "The pre-committed " + DESCRIBED + " was aborted by Doris (abort reason: timeout by txn manager);"
                        + " its rows are lost. Doris aborts pre-committed transactions that stay uncommitted longer"
                        + " than the FE setting stream_load_default_precommit_timeout_second (3600 s by default):"
                        + " the job was down, or could not complete a checkpoint, for longer than that. Raise that"
                        + " setting above the longest outage the job must survive, and replay the lost rows from"
                        + " the source.");
    }

    @Test
    void abortedForAnotherReasonFails() throws Exception {
        commitOnce(new TwoPhaseCommitAnswer(
                "Fail", "transaction [1001] is already aborted. abort reason: User Abort"));

        assertFailed("The pre-committed " + DESCRIBED + " was aborted by Doris (abort reason: User Abort); its rows"
                + " are lost.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ANALYSIS_ERROR|TStatus: errCode = 2, detailMessage = transaction [1001] is prepare, not"
                        + " pre-committed.",
                "ANALYSIS_ERROR|TStatus: errCode = 2, detailMessage = unknown database, database=sales",
                "Fail|unknown database, database=sales",
                "INTERNAL_ERROR|transaction operation should be 'commit' or 'abort'",
                "Fail|",
            })
    void otherAnswersFailNamingDorisAnswer(String status, String msg) throws Exception {
        TwoPhaseCommitAnswer answer = new TwoPhaseCommitAnswer(status, msg);

        commitOnce(answer);

        assertFailed("Doris refused to commit " + DESCRIBED + ": " + answer);
    }

    @Test
    void eachRequestOfABatchIsDecidedOnItsOwn() throws Exception {
        RecordingCommitRequest<Doris2pcCommittable> visible =
                new RecordingCommitRequest<>(
                        new Doris2pcCommittable(
                                "sales", "orders", "job_k3x9_5_0_4", 1002, PRE_COMMITTED_AT.toEpochMilli()));
        doris.commitAnswers(
                new TwoPhaseCommitAnswer("Success", "transaction [1001] commit successfully."),
                new TwoPhaseCommitAnswer("Fail", "transaction [1002] is already visible, not pre-committed."));

        try (CapturedLogs logs = new CapturedLogs()) {
            committer.commit(List.of(request, visible));

            assertEquals(Signal.NONE, request.signal());
            assertEquals(Signal.ALREADY_COMMITTED, visible.signal());
            assertEquals(List.of("commit sales 1001", "commit sales 1002"), doris.calls);
            // the one this call committed, two hours after its pre-commit (the committer's clock)
            assertTrue(logs.lines().contains("INFO Committed 1 Doris transactions in 1 tables, 7200000 ms after the "
                    + "oldest of them was pre-committed"), logs.lines().toString());
        }
    }

    @Test
    void theTransactionsOfOneCallAreCommittedInTheOrderDorisBeganThem() throws Exception {
        RecordingCommitRequest<Doris2pcCommittable> earlier = requestFor("orders", 999);
        doris.commitAnswers(
                new TwoPhaseCommitAnswer("Success", "transaction [999] commit successfully."),
                new TwoPhaseCommitAnswer("Success", "transaction [1001] commit successfully."));

        committer.commit(List.of(request, earlier));

        assertEquals(List.of("commit sales 999", "commit sales 1001"), doris.calls);
    }

    /** A transaction being retried is decided before the next one of the call is tried: none can overtake it. */
    @Test
    void aRetriedTransactionIsCommittedBeforeTheNextOneIsTried() throws Exception {
        RecordingCommitRequest<Doris2pcCommittable> sameTable = requestFor("orders", 1002);
        doris.commitAnswers(
                new IOException("Connection refused"),
                new TwoPhaseCommitAnswer("Success", "transaction [1001] commit successfully."),
                new TwoPhaseCommitAnswer("Success", "transaction [1002] commit successfully."));

        committer.commit(List.of(sameTable, request));

        assertEquals(Signal.NONE, request.signal());
        assertEquals(Signal.NONE, sameTable.signal());
        assertEquals(List.of("commit sales 1001", "commit sales 1001", "commit sales 1002"), doris.calls);
    }

    /**
     * Two tables' commits overlap (each table's first commit waits until the other table's has begun), and each
     * table's transactions are still committed in the order Doris began them.
     */
    @Test
    void theTablesOfACallAreCommittedAtOnceEachInTheOrderDorisBeganItsTransactions() throws Exception {
        CountDownLatch bothTablesBegun = new CountDownLatch(2);
        List<String> commits = Collections.synchronizedList(new ArrayList<>());
        List<String> overlapMissed = Collections.synchronizedList(new ArrayList<>());
        DorisTransactions overlapping = new DorisTransactions() {
            @Override
            public TwoPhaseCommitAnswer abort(String db, long txnId) {
                throw new UnsupportedOperationException("abort");
            }

            @Override
            public TwoPhaseCommitAnswer abortByLabel(String db, String label) {
                throw new UnsupportedOperationException("abort");
            }

            @Override
            public LoadState loadState(String db, String label) {
                throw new UnsupportedOperationException("load state");
            }

            @Override
            public TwoPhaseCommitAnswer commit(String db, long txnId) throws IOException {
                String table = txnId % 2 == 0 ? "items" : "orders";
                commits.add(table + " " + txnId);
                if (txnId <= 2) {
                    bothTablesBegun.countDown();
                    try {
                        if (!bothTablesBegun.await(10, TimeUnit.SECONDS)) {
                            overlapMissed.add(table);
                        }
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException();
                    }
                }
                return new TwoPhaseCommitAnswer("Success", "transaction [" + txnId + "] commit successfully.");
            }
        };
        committer = new Doris2pcCommitter(
                overlapping, new DorisRetries(MAX_RETRIES, Duration.ofSeconds(1)), rule(false),
                Clock.fixed(PRE_COMMITTED_AT, ZoneOffset.UTC));
        List<RecordingCommitRequest<Doris2pcCommittable>> requests = new ArrayList<>();
        for (long txnId : new long[] {6, 3, 2, 5, 1, 4}) {
            requests.add(requestFor(txnId % 2 == 0 ? "items" : "orders", txnId));
        }

        committer.commit(new ArrayList<>(requests));

        assertEquals(List.of(), overlapMissed);
        for (RecordingCommitRequest<Doris2pcCommittable> request : requests) {
            assertEquals(Signal.NONE, request.signal());
        }
        assertEquals(List.of("orders 1", "orders 3", "orders 5"), ofTable(commits, "orders"));
        assertEquals(List.of("items 2", "items 4", "items 6"), ofTable(commits, "items"));
        committer.close();
    }

    private static List<String> ofTable(List<String> commits, String table) {
        List<String> ofTable = new ArrayList<>();
        for (String commit : commits) {
            if (commit.startsWith(table + ' ')) {
                ofTable.add(commit);
            }
        }
        return ofTable;
    }

    private static RecordingCommitRequest<Doris2pcCommittable> requestFor(String table, long txnId) {
        return new RecordingCommitRequest<>(
                new Doris2pcCommittable(
                        "sales", table, "job_k3x9_5_0_" + txnId, txnId, PRE_COMMITTED_AT.toEpochMilli()));
    }

    private void commitOnce(TwoPhaseCommitAnswer answer) throws Exception {
        doris.commitAnswers(answer);
        commitOnce();
    }

    private void commitOnce() throws Exception {
        request.select();
        committer.commit(List.of(request));
    }

    private void assertFailed(String message) {
        assertEquals(Signal.FAILED_UNKNOWN, request.signal());
        assertEquals(message, request.failure().getMessage());
        assertNull(request.failure().getCause());
    }
}
