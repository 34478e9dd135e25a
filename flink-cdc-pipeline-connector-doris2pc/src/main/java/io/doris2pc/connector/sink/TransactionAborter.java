package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.DorisTransactions;
import io.doris2pc.connector.client.LoadState;
import io.doris2pc.connector.client.TwoPhaseCommitAnswer;
import io.doris2pc.connector.client.UnknownDatabaseException;

import org.apache.flink.metrics.Counter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Aborts the transactions an earlier attempt left open in one database: it walks the labels of a namespace from
 * a sequence on, asking Doris for each label's state, and stops after a run of never-used labels.
 *
 * <p>Only PREPARE and PRECOMMITTED transactions are aborted; finished and aborted ones are left as they are.
 * Callers must start at or above a restored checkpoint's next sequence: the transactions below it belong to the
 * checkpoint and are committed by the committer.
 */
public class TransactionAborter {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionAborter.class);

    private static final int ABORT_ATTEMPTS = 3;
    private static final Duration ABORT_RETRY_BACKOFF = Duration.ofSeconds(1);

    private final DorisTransactions client;
    private final DorisRetries loadStateRetries;
    private final int maxUnknownInARow;
    private final Duration retryBackoff;
    /** Transactions this aborter found open and aborted. */
    private final Counter aborted;

    /** @param loadStateRetries how often a label's state is asked again after a transport error */
    public TransactionAborter(
            DorisTransactions client, DorisRetries loadStateRetries, int maxUnknownInARow, Counter aborted) {
        this(client, loadStateRetries, maxUnknownInARow, ABORT_RETRY_BACKOFF, aborted);
    }

    TransactionAborter(
            DorisTransactions client,
            DorisRetries loadStateRetries,
            int maxUnknownInARow,
            Duration retryBackoff,
            Counter aborted) {
        if (maxUnknownInARow < 1) {
            throw new IllegalArgumentException("maxUnknownInARow must be at least 1: " + maxUnknownInARow);
        }
        this.client = client;
        this.loadStateRetries = loadStateRetries;
        this.maxUnknownInARow = maxUnknownInARow;
        this.retryBackoff = retryBackoff;
        this.aborted = aborted;
    }

    /**
     * Aborts every open transaction of {@code namespace} in {@code db} from {@code fromSequence} on.
     *
     * @return what the scan found, the next free sequence of the namespace in the database among it
     * @throws IOException when Doris could not be asked, or refused to abort a transaction
     */
    public Scan abortLingering(LabelNamespace namespace, String db, long fromSequence) throws IOException {
        long nextFree = fromSequence;
        int abortedHere = 0;
        int committed = 0;
        for (long sequence = fromSequence; sequence - nextFree < maxUnknownInARow; sequence++) {
            String label = namespace.label(sequence);
            LoadState state;
            try {
                state = loadStateRetries.call(
                        "Reading the load state of label " + label + " in database " + db,
                        () -> client.loadState(db, label),
                        answer -> false);
            } catch (UnknownDatabaseException e) {
                // a dropped or renamed database, or one not created yet: its labels went with it
                LOG.info("Doris has no database {}: no transaction of {} can be open there; its labels start at {} "
                        + "({})", db, namespace, nextFree, e.getMessage());
                return new Scan(nextFree, committed);
            }
            if (state == LoadState.UNKNOWN) {
                continue;
            }
            nextFree = sequence + 1;
            if (state.isOpen()) {
                abort(db, label);
                abortedHere++;
            } else if (state.isFinished()) {
                committed++;
            }
        }
        LOG.info(
                "Aborted {} lingering transactions of {} in database {}; checked sequences {} to {}, next free {}",
                abortedHere,
                namespace,
                db,
                fromSequence,
                nextFree + maxUnknownInARow - 1,
                nextFree);
        return new Scan(nextFree, committed);
    }

    /** What {@link #abortLingering} found. */
    public static final class Scan {
        private final long nextFree;
        private final int committed;

        Scan(long nextFree, int committed) {
            this.nextFree = nextFree;
            this.committed = committed;
        }

        /** The first sequence after the last label Doris knows (at least the scan's start). */
        public long nextFree() {
            return nextFree;
        }

        /** How many of the labels scanned hold committed (COMMITTED or VISIBLE) transactions. */
        public int committed() {
            return committed;
        }
    }

    /** Aborts the open transaction holding {@code label}; a transaction no longer open is fine. */
    void abort(String db, String label) throws IOException {
        String lastAnswer = null;
        for (int attempt = 1; attempt <= ABORT_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                pause(attempt - 1);
            }
            TwoPhaseCommitAnswer answer;
            try {
                answer = client.abortByLabel(db, label);
            } catch (IOException e) {
                lastAnswer = e.getMessage();
                LOG.warn("Aborting transaction {} in database {} failed (attempt {}): {}",
                        label, db, attempt, lastAnswer);
                continue;
            }
            switch (TwoPhaseCommitOutcome.of(answer)) {
                case SUCCESS:
                    LOG.info("Aborted lingering transaction {} in database {}", label, db);
                    aborted.inc();
                    return;
                case NOT_FOUND:
                case ALREADY_ABORTED:
                case ALREADY_FINISHED:
                    LOG.info("Transaction {} in database {} is no longer open: {}", label, db, answer.message());
                    return;
                default:
                    lastAnswer = answer.toString();
                    LOG.warn("Doris refused to abort transaction {} in database {} (attempt {}): {}",
                            label, db, attempt, lastAnswer);
            }
        }
        throw new IOException(
                "Could not abort lingering transaction " + label + " in Doris database " + db + " after "
                        + ABORT_ATTEMPTS + " attempts; Doris answered " + lastAnswer);
    }

    private void pause(int retry) throws InterruptedIOException {
        try {
            Thread.sleep(retryBackoff.toMillis() << (retry - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while aborting lingering Doris transactions");
        }
    }
}
