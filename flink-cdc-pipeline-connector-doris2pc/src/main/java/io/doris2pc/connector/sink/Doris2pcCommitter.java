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
import java.util.List;
import java.util.Locale;

/**
 * Commits the transactions of completed checkpoints and sorts every answer of Doris into done, already committed
 * (a retry after a lost response, or a re-commit after a restore), retry later, or fatal.
 *
 * <p>Flink 1.18 calls a committer with pending retries again after a second and after every completed checkpoint;
 * {@link CommitRetries} spaces the attempts by {@code sink.retry-backoff}, so that {@code sink.max-retries} spans
 * the outage the user configured and not however many calls Flink makes meanwhile.
 *
 * <p>A table's transactions are committed in the order Doris began them (transaction id order): Flink hands over
 * each checkpoint's transactions in its own call, and a transaction retried later must not be overtaken by the
 * next checkpoint's transaction of the same table, whose newer rows it would overwrite once committed.
 *
 * <p>Fatal outcomes use {@code signalFailedWithUnknownReason}, which fails the job: in Flink 1.18
 * {@code signalFailedWithKnownReason} only drops the committable and lets the job go on, which would lose the
 * transaction's rows silently.
 */
public class Doris2pcCommitter implements Committer<Doris2pcCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(Doris2pcCommitter.class);

    private static final String TXN_MANAGER_TIMEOUT = "timeout by txn manager";

    private final DorisTransactions client;
    private final int maxRetries;
    private final CommitRetries retries;
    private final Duration dorisPrecommitTimeout;
    private final Clock clock;
    private final AutoCloseable ownedClient;

    public Doris2pcCommitter(Doris2pcSinkConfig config) {
        this(new DorisHttpClient(config), config);
    }

    private Doris2pcCommitter(DorisHttpClient client, Doris2pcSinkConfig config) {
        this(
                client,
                config.maxRetries(),
                config.retryBackoff(),
                config.dorisPrecommitTimeout(),
                Clock.systemUTC(),
                client);
    }

    /** A committer on a client the caller owns and closes. */
    public Doris2pcCommitter(
            DorisTransactions client,
            int maxRetries,
            Duration retryBackoff,
            Duration dorisPrecommitTimeout,
            Clock clock) {
        this(client, maxRetries, retryBackoff, dorisPrecommitTimeout, clock, null);
    }

    private Doris2pcCommitter(
            DorisTransactions client,
            int maxRetries,
            Duration retryBackoff,
            Duration dorisPrecommitTimeout,
            Clock clock,
            AutoCloseable ownedClient) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        this.client = client;
        this.maxRetries = maxRetries;
        this.retries = new CommitRetries(retryBackoff);
        this.dorisPrecommitTimeout = dorisPrecommitTimeout;
        this.clock = clock;
        this.ownedClient = ownedClient;
    }

    @Override
    public void commit(Collection<CommitRequest<Doris2pcCommittable>> requests) {
        int committed = 0;
        long oldestPreCommit = Long.MAX_VALUE;
        List<CommitRequest<Doris2pcCommittable>> inTxnOrder = new ArrayList<>(requests);
        inTxnOrder.sort(Comparator.comparingLong(request -> request.getCommittable().txnId()));
        for (CommitRequest<Doris2pcCommittable> request : inTxnOrder) {
            if (commit(request)) {
                committed++;
                oldestPreCommit = Math.min(oldestPreCommit, request.getCommittable().preCommittedAtMillis());
            }
        }
        // Flink 1.18 gives a committer no metric group, so commits and their latency are reported here.
        if (committed > 0) {
            LOG.info("Committed {} Doris transactions, {} ms after the oldest of them was pre-committed",
                    committed, clock.millis() - oldestPreCommit);
        }
    }

    /** Returns whether this call committed the transaction. */
    private boolean commit(CommitRequest<Doris2pcCommittable> request) {
        Doris2pcCommittable txn = request.getCommittable();
        Doris2pcCommittable earlier = retries.earlierRetrying(txn);
        if (earlier != null) {
            LOG.debug("{} waits until the earlier {} is committed", txn, earlier);
            request.retryLater();
            return false;
        }
        if (!retries.mayAttempt(txn, clock.millis())) {
            request.retryLater();
            return false;
        }
        TwoPhaseCommitAnswer answer;
        try {
            answer = client.commit(txn.db(), txn.txnId());
        } catch (IOException e) {
            retryOrFail(request, e);
            return false;
        }
        retries.forget(txn);
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
            default:
                fail(request, "Doris refused to commit " + describe(txn) + ": " + answer, null);
                return false;
        }
    }

    /**
     * Doris no longer knows the transaction id; the label's state tells whether its rows were committed. An UNKNOWN
     * label is ambiguous: Doris forgets finished transactions (committed or aborted) after a while or beyond a count.
     * But it never forgets an open one, nor expires it before its pre-commit timeout, and doris2pc aborts a
     * handed-over transaction only once its table is gone: a transaction younger than that timeout that Doris forgot
     * was committed (or went with its dropped table), typically by this job just before the failure that makes Flink
     * commit the restored checkpoint's transactions again.
     */
    private void commitForgotten(CommitRequest<Doris2pcCommittable> request, TwoPhaseCommitAnswer answer) {
        Doris2pcCommittable txn = request.getCommittable();
        LoadState state;
        try {
            state = client.loadState(txn.db(), txn.label());
        } catch (IOException e) {
            retryOrFail(request, e);
            return;
        }
        retries.forget(txn);
        if (state.isFinished()) {
            LOG.debug("{} was already committed: its label is {}", txn, state);
            request.signalAlreadyCommitted();
            return;
        }
        Duration age = Duration.ofMillis(clock.millis() - txn.preCommittedAtMillis());
        if (state == LoadState.UNKNOWN && age.compareTo(dorisPrecommitTimeout) < 0) {
            LOG.info(
                    "{} was committed and since forgotten by Doris: it is {} s old, younger than the pre-commit "
                            + "timeout (sink.doris-precommit-timeout), and Doris no longer knows its label",
                    txn,
                    age.getSeconds());
            request.signalAlreadyCommitted();
            return;
        }
        fail(
                request,
                "Doris does not know " + describe(txn) + " any more (" + answer.message() + "; the label's load "
                        + "state is " + state + "): whether its rows were committed cannot be told. Doris may have "
                        + "aborted it (pre-committed transactions are aborted after the FE setting "
                        + "stream_load_default_precommit_timeout_second, 3600 s by default), or forgotten it after "
                        + "it was committed or aborted (after streaming_label_keep_max_second, 43200 s by default, "
                        + "or beyond label_num_threshold finished transactions), for example because the job "
                        + "stayed down too long. Check the table and replay the missing rows from the source.",
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
            answer = client.abort(txn.db(), txn.txnId());
        } catch (IOException e) {
            retryOrFail(request, e);
            return;
        }
        retries.forget(txn);
        LOG.warn("The table of {} was dropped after the transaction was pre-committed: its rows go with the table; "
                + "the transaction was aborted ({})", describe(txn), answer.isSuccess() ? "ok" : answer);
    }

    private void retryOrFail(CommitRequest<Doris2pcCommittable> request, IOException error) {
        Doris2pcCommittable txn = request.getCommittable();
        int failures = retries.failed(txn, clock.millis());
        if (failures <= maxRetries) {
            LOG.warn("Committing {} failed, retrying in {} (retry {} of {}): {}",
                    txn, retries.backoffAfter(failures), failures, maxRetries, error.getMessage());
            request.retryLater();
            return;
        }
        retries.forget(txn);
        fail(
                request,
                "Could not commit " + describe(txn) + " after " + maxRetries + " retries (sink.max-retries): "
                        + error.getMessage(),
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
        if (ownedClient != null) {
            ownedClient.close();
        }
    }
}
