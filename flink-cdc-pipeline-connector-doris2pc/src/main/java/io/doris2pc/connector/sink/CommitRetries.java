package io.doris2pc.connector.sink;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * When the commit of a transaction may be attempted again after transport failures: {@code backoff} after the
 * first, doubled after each further one. Counts failures per transaction id; Flink's own retry count grows with
 * every call, attempted or not.
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
    boolean mayAttempt(long txnId, long nowMillis) {
        Retry retry = byTxnId.get(txnId);
        return retry == null || nowMillis >= retry.notBeforeMillis;
    }

    /** Records a failed attempt; returns the transaction's failures so far. */
    int failed(long txnId, long nowMillis) {
        Retry previous = byTxnId.get(txnId);
        int failures = previous == null ? 1 : previous.failures + 1;
        byTxnId.put(txnId, new Retry(failures, nowMillis + backoffAfter(failures).toMillis()));
        return failures;
    }

    /** The wait after the {@code failures}-th failure. */
    Duration backoffAfter(int failures) {
        return backoff.multipliedBy(1L << Math.min(failures - 1, 30));
    }

    /** The transaction got an answer: its failures no longer count. */
    void forget(long txnId) {
        byTxnId.remove(txnId);
    }

    private static final class Retry {
        final int failures;
        final long notBeforeMillis;

        Retry(int failures, long notBeforeMillis) {
            this.failures = failures;
            this.notBeforeMillis = notBeforeMillis;
        }
    }
}
