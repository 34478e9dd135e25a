package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.client.DorisTransactions;
import io.doris2pc.connector.client.LoadState;
import io.doris2pc.connector.client.TwoPhaseCommitAnswer;
import io.doris2pc.connector.config.Doris2pcSinkConfig;

import org.apache.flink.api.connector.sink2.Committer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Commits the transactions of completed checkpoints and sorts every answer of Doris into done, already committed
 * (a retry after a lost response, or a re-commit after a restore), or fatal.
 *
 * <p>Transport errors and answers that only say "not now" ({@link TwoPhaseCommitOutcome#TRANSIENT}) are retried
 * inside the call, up to {@code sink.max-retries} times with a doubling {@code sink.retry-backoff}; a transaction
 * is never left for Flink to retry later. That keeps every commit in the order Doris began the transactions, which
 * is the order their rows must win in: Doris gives a key the value of the transaction committed last.
 * <ul>
 *   <li>Within one subtask: a table's transactions of one call are committed in transaction id order, and a call
 *       returns only when each of its transactions is decided, so the next checkpoint's cannot overtake them.
 *       Different tables share no rows, so their commits run at once ({@link #TABLES_COMMITTED_AT_ONCE}).
 *   <li>Across subtasks, after a restore with another parallelism: Flink 1.18's {@code CommitterOperator
 *       .initializeState} commits the restored transactions (state split round-robin, so one subtask may hold
 *       transactions of keys that now belong to another) before the subtask runs, and no checkpoint can complete
 *       (so no other subtask can commit newer rows of those keys) until every subtask runs. Left for a later retry,
 *       a restored transaction could be committed after a newer one of another subtask, and its older rows would
 *       win.
 * </ul>
 *
 * <p>Fatal outcomes use {@code signalFailedWithUnknownReason}, which fails the job: in Flink 1.18
 * {@code signalFailedWithKnownReason} only drops the committable and lets the job go on, which would lose the
 * transaction's rows silently.
 */
public class Doris2pcCommitter implements Committer<Doris2pcCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(Doris2pcCommitter.class);

    private static final String TXN_MANAGER_TIMEOUT = "timeout by txn manager";

    /**
     * Tables whose commits run at once. A commit is one FE round trip (an edit log write on the master), and a
     * checkpoint of a whole database holds one transaction per table written: one after the other, a thousand
     * took seconds of the sink task, during which it writes no rows.
     */
    static final int TABLES_COMMITTED_AT_ONCE = 8;

    private final DorisTransactions client;
    private final DorisRetries retries;
    private final ForgottenTransactionRule forgotten;
    private final Clock clock;
    private final AutoCloseable ownedClient;
    /** Created at the first call that commits more than one table. */
    private ExecutorService tableCommitThreads;

    public Doris2pcCommitter(Doris2pcSinkConfig config) {
        this(new DorisHttpClient(config), config);
    }

    private Doris2pcCommitter(DorisHttpClient client, Doris2pcSinkConfig config) {
        this(
                client,
                new DorisRetries(config.maxRetries(), config.retryBackoff()),
                new ForgottenTransactionRule(
                        config.dorisPrecommitTimeout(),
                        config.clockSkewAllowance(),
                        config.assumeForgottenTransactionsCommitted()),
                Clock.systemUTC(),
                client);
    }

    /** A committer on a client the caller owns and closes. */
    Doris2pcCommitter(
            DorisTransactions client, DorisRetries retries, ForgottenTransactionRule forgotten, Clock clock) {
        this(client, retries, forgotten, clock, null);
    }

    private Doris2pcCommitter(
            DorisTransactions client,
            DorisRetries retries,
            ForgottenTransactionRule forgotten,
            Clock clock,
            AutoCloseable ownedClient) {
        this.client = client;
        this.retries = retries;
        this.forgotten = forgotten;
        this.clock = clock;
        this.ownedClient = ownedClient;
    }

    @Override
    public void commit(Collection<CommitRequest<Doris2pcCommittable>> requests) throws InterruptedException {
        List<TableCommits> tables = byTable(requests);
        if (tables.size() == 1) {
            tables.get(0).call();
        } else if (!tables.isEmpty()) {
            for (Future<TableCommits> done : tableCommitThreads().invokeAll(tables)) {
                try {
                    done.get();
                } catch (ExecutionException e) {
                    // as from a single table's commits: Flink's failed request throws, and that fails the job
                    if (e.getCause() instanceof RuntimeException) {
                        throw (RuntimeException) e.getCause();
                    }
                    if (e.getCause() instanceof Error) {
                        throw (Error) e.getCause();
                    }
                    throw new IllegalStateException("Committing Doris transactions failed", e.getCause());
                }
            }
        }
        int committed = 0;
        long oldestPreCommit = Long.MAX_VALUE;
        for (TableCommits table : tables) {
            committed += table.committed;
            oldestPreCommit = Math.min(oldestPreCommit, table.oldestPreCommit);
        }
        // Flink 1.18 gives a committer no metric group, so commits and their latency are reported here.
        if (committed > 0) {
            LOG.info("Committed {} Doris transactions in {} tables, {} ms after the oldest of them was pre-committed",
                    committed, tables.size(), clock.millis() - oldestPreCommit);
        }
    }

    /** The requests grouped by Doris table, each group in transaction id order. */
    private List<TableCommits> byTable(Collection<CommitRequest<Doris2pcCommittable>> requests) {
        List<CommitRequest<Doris2pcCommittable>> sorted = new ArrayList<>(requests);
        sorted.sort(Comparator.comparingLong(request -> request.getCommittable().txnId()));
        Map<String, TableCommits> byTable = new LinkedHashMap<>();
        for (CommitRequest<Doris2pcCommittable> request : sorted) {
            Doris2pcCommittable txn = request.getCommittable();
            byTable.computeIfAbsent(txn.db() + '.' + txn.table(), t -> new TableCommits()).inTxnOrder.add(request);
        }
        return new ArrayList<>(byTable.values());
    }

    private ExecutorService tableCommitThreads() {
        if (tableCommitThreads == null) {
            AtomicInteger threads = new AtomicInteger();
            tableCommitThreads = Executors.newFixedThreadPool(TABLES_COMMITTED_AT_ONCE, task -> {
                Thread thread = new Thread(task, "doris2pc-commit-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return tableCommitThreads;
    }

    /** One table's transactions of a call, committed one after the other in transaction id order. */
    private final class TableCommits implements Callable<TableCommits> {
        private final List<CommitRequest<Doris2pcCommittable>> inTxnOrder = new ArrayList<>();
        private int committed;
        private long oldestPreCommit = Long.MAX_VALUE;

        @Override
        public TableCommits call() {
            for (CommitRequest<Doris2pcCommittable> request : inTxnOrder) {
                if (commit(request)) {
                    committed++;
                    oldestPreCommit = Math.min(oldestPreCommit, request.getCommittable().preCommittedAtMillis());
                }
            }
            return this;
        }
    }

    /** Returns whether this call committed the transaction. */
    private boolean commit(CommitRequest<Doris2pcCommittable> request) {
        Doris2pcCommittable txn = request.getCommittable();
        TwoPhaseCommitAnswer answer;
        try {
            answer = retries.call(
                    "Committing " + txn,
                    () -> client.commit(txn.db(), txn.txnId()),
                    a -> TwoPhaseCommitOutcome.of(a) == TwoPhaseCommitOutcome.TRANSIENT);
        } catch (IOException e) {
            failAfterRetries(request, e);
            return false;
        }
        switch (TwoPhaseCommitOutcome.of(answer)) {
            case SUCCESS:
                LOG.debug("Committed {}", txn);
                return true;
            case PUBLISH_TIMEOUT:
                LOG.debug("Committed {}; Doris publishes it later: {}", txn, answer);
                return true;
            case ALREADY_FINISHED:
                LOG.debug("{} was already committed: {}", txn, answer.message());
                request.signalAlreadyCommitted();
                return false;
            case NOT_FOUND:
                commitForgotten(request, answer);
                return false;
            case ALREADY_ABORTED:
                fail(request, abortedMessage(txn, TwoPhaseCommitOutcome.abortReason(answer)), null);
                return false;
            case TABLE_DROPPED:
                abortOfDroppedTable(request);
                return false;
            case TRANSIENT:
                fail(request, "Doris refused to commit " + describe(txn) + " " + (retries.maxRetries() + 1)
                        + " times (sink.max-retries is " + retries.maxRetries() + "), last with: " + answer
                        + ". Doris refuses commits this way while another operation holds the table's lock or "
                        + "while its master FE changes; the restored job commits it again.", null);
                return false;
            default:
                fail(request, "Doris refused to commit " + describe(txn) + ": " + answer, null);
                return false;
        }
    }

    /**
     * Doris no longer knows the transaction id; the label's state tells whether its rows were committed, and when
     * Doris forgot the label too, {@link ForgottenTransactionRule} decides.
     */
    private void commitForgotten(CommitRequest<Doris2pcCommittable> request, TwoPhaseCommitAnswer answer) {
        Doris2pcCommittable txn = request.getCommittable();
        LoadState state;
        try {
            state = retries.call("Reading the load state of " + txn,
                    () -> client.loadState(txn.db(), txn.label()), s -> false);
        } catch (IOException e) {
            failAfterRetries(request, e);
            return;
        }
        if (state.isFinished()) {
            LOG.debug("{} was already committed: its label is {}", txn, state);
            request.signalAlreadyCommitted();
            return;
        }
        Duration age = Duration.ofMillis(clock.millis() - txn.preCommittedAtMillis());
        if (state == LoadState.UNKNOWN && forgotten.certainlyCommitted(age)) {
            LOG.info(
                    "{} was committed and since forgotten by Doris: it is {} s old, younger than the pre-commit "
                            + "timeout (sink.doris-precommit-timeout) less the clock skew allowance "
                            + "(sink.clock-skew-allowance), and Doris no longer knows its label",
                    txn,
                    age.getSeconds());
            request.signalAlreadyCommitted();
            return;
        }
        if (state == LoadState.UNKNOWN && forgotten.assumeCommittedWhenOld()) {
            LOG.warn(
                    "Doris no longer knows {} ({} s old); taken as committed because sink.forgotten-transactions "
                            + "is assume-committed",
                    txn,
                    age.getSeconds());
            request.signalAlreadyCommitted();
            return;
        }
        if (state != LoadState.UNKNOWN) {
            fail(
                    request,
                    "Doris does not know " + describe(txn) + " any more (" + answer.message() + "; the label's "
                            + "load state is " + state + "): whether its rows were committed cannot be told. Doris "
                            + "may have aborted it (pre-committed transactions are aborted after the FE setting "
                            + "stream_load_default_precommit_timeout_second, 3600 s by default), or forgotten it "
                            + "after it was committed or aborted (after streaming_label_keep_max_second, 43200 s by "
                            + "default, or beyond label_num_threshold finished transactions), for example because "
                            + "the job stayed down too long. Check the table and replay the missing rows from the "
                            + "source.",
                    null);
            return;
        }
        fail(
                request,
                "Doris no longer knows " + describe(txn) + " (" + answer.message() + "; its label is unknown too), "
                        + "and at " + age.getSeconds() + " s old it may have been aborted rather than committed: "
                        + "only a transaction younger than sink.doris-precommit-timeout ("
                        + forgotten.precommitTimeout().getSeconds() + " s) less sink.clock-skew-allowance ("
                        + forgotten.clockSkewAllowance().getSeconds() + " s) is certainly committed. Doris forgets "
                        + "committed and aborted transactions after streaming_label_keep_max_second (43200 s by "
                        + "default) or beyond label_num_threshold. If this restores a savepoint or checkpoint whose "
                        + "job ran on after taking it, or was stopped with it, that job committed the transaction: "
                        + "set 'sink.forgotten-transactions' to 'assume-committed' for this restore. If the job was "
                        + "down longer than the FE's stream_load_default_precommit_timeout_second instead, Doris "
                        + "aborted it and its rows are lost: check the table and replay them from the source.",
                null);
    }

    /**
     * The table was dropped (a DropTableEvent of Flink CDC 3.3+, or by hand) after the transaction was pre-committed:
     * its rows belong to a table that is gone, as they would be had they been committed before the drop. The
     * transaction is aborted rather than left to Doris's pre-commit timeout, and the job goes on.
     */
    private void abortOfDroppedTable(CommitRequest<Doris2pcCommittable> request) {
        Doris2pcCommittable txn = request.getCommittable();
        TwoPhaseCommitAnswer answer;
        try {
            answer = retries.call("Aborting " + txn, () -> client.abort(txn.db(), txn.txnId()), a -> false);
        } catch (IOException e) {
            failAfterRetries(request, e);
            return;
        }
        LOG.warn("The table of {} was dropped after the transaction was pre-committed: its rows go with the table; "
                + "the transaction was aborted ({})", describe(txn), answer.isSuccess() ? "ok" : answer);
    }

    private void failAfterRetries(CommitRequest<Doris2pcCommittable> request, IOException error) {
        fail(
                request,
                "Could not commit " + describe(request.getCommittable()) + " after " + retries.maxRetries()
                        + " retries (sink.max-retries): " + error.getMessage(),
                error);
    }

    private static String abortedMessage(Doris2pcCommittable txn, String reason) {
        String message =
                "The pre-committed " + describe(txn) + " was aborted by Doris (abort reason: " + reason
                        + "); its rows are lost.";
        if (reason.toLowerCase(Locale.ROOT).contains(TXN_MANAGER_TIMEOUT)) {
            message +=
                    " Doris aborts pre-committed transactions that stay uncommitted longer than the FE setting "
                            + "stream_load_default_precommit_timeout_second (3600 s by default): the job was down, "
                            + "or could not complete a checkpoint, for longer than that. Raise that setting above "
                            + "the longest outage the job must survive, and replay the lost rows from the source.";
        }
        return message;
    }

    private static String describe(Doris2pcCommittable txn) {
        return "transaction " + txn.txnId() + " (label " + txn.label() + ") of table " + txn.db() + '.'
                + txn.table();
    }

    private static void fail(CommitRequest<Doris2pcCommittable> request, String message, IOException cause) {
        LOG.error(message);
        request.signalFailedWithUnknownReason(new IOException(message, cause));
    }

    @Override
    public void close() throws Exception {
        if (tableCommitThreads != null) {
            tableCommitThreads.shutdownNow();
        }
        if (ownedClient != null) {
            ownedClient.close();
        }
    }
}
