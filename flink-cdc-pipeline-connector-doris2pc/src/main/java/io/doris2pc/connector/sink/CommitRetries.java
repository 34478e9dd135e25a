package io.doris2pc.connector.sink;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * When the commit of a transaction may be attempted: not before its backoff after transport failures
 * ({@code backoff} after the first, doubled after each further one), and not while an earlier transaction of the
 * same table waits for its own retry. Committing a table's transactions out of order would let an older
 * transaction's rows, committed late, overwrite newer rows of the same UNIQUE KEY. Counts failures per transaction
 * id; Flink's own retry count grows with every call, attempted or not.
 */
final class CommitRetries {

    private final Duration backoff;
    private final Map<Long, Retry> byTxnId = new HashMap<>();

    CommitRetries(Duration backoff) {
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative: " + backoff);
        }
        this.backoff = backoff;
    }

    /** Whether the transaction's backoff has passed (always, for a transaction that has not failed). */
    boolean mayAttempt(Doris2pcCommittable txn, long nowMillis) {
        Retry retry = byTxnId.get(txn.txnId());
        return retry == null || nowMillis >= retry.notBeforeMillis;
    }

    /** The earliest transaction of the same table that waits for a retry, if it is earlier than {@code txn}. */
    Doris2pcCommittable earlierRetrying(Doris2pcCommittable txn) {
        Doris2pcCommittable earliest = null;
        for (Retry retry : byTxnId.values()) {
            Doris2pcCommittable other = retry.txn;
            if (other.txnId() < txn.txnId()
                    && other.db().equals(txn.db())
                    && other.table().equals(txn.table())
                    && (earliest == null || other.txnId() < earliest.txnId())) {
                earliest = other;
            }
        }
        return earliest;
    }

    /** Records a failed attempt; returns the transaction's failures so far. */
    int failed(Doris2pcCommittable txn, long nowMillis) {
        Retry previous = byTxnId.get(txn.txnId());
        int failures = previous == null ? 1 : previous.failures + 1;
        byTxnId.put(txn.txnId(), new Retry(txn, failures, nowMillis + backoffAfter(failures).toMillis()));
        return failures;
    }

    /** The wait after the {@code failures}-th failure. */
    Duration backoffAfter(int failures) {
        return backoff.multipliedBy(1L << Math.min(failures - 1, 30));
    }

    /** The transaction got an answer: its failures no longer count, and it holds back no later transaction. */
    void forget(Doris2pcCommittable txn) {
        byTxnId.remove(txn.txnId());
    }

    private static final class Retry {
        final Doris2pcCommittable txn;
        final int failures;
        final long notBeforeMillis;

        Retry(Doris2pcCommittable txn, int failures, long notBeforeMillis) {
            this.txn = txn;
            this.failures = failures;
            this.notBeforeMillis = notBeforeMillis;
        }
    }
}
