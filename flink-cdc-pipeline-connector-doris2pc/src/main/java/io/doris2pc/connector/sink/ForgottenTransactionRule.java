package io.doris2pc.connector.sink;

import java.time.Duration;

/**
 * What a re-committed transaction that Doris no longer knows (neither its id nor its label) is taken to be.
 *
 * <p>Doris never forgets an open transaction, and expires a pre-committed one only after the FE's
 * {@code stream_load_default_precommit_timeout_second}, counted from its pre-commit ({@code TransactionState
 * .isTimeout}); it forgets finished ones after {@code streaming_label_keep_max_second} or beyond
 * {@code label_num_threshold} ({@code DatabaseTransactionMgr.unprotectedRemoveUselessTxns}). So a forgotten
 * transaction younger than that timeout was committed. The age is measured on two machines' clocks (the writer's
 * at pre-commit, the committer's now), so the allowance for their skew is taken off the timeout.
 *
 * <p>An older forgotten transaction cannot be told apart from one Doris expired: nothing about it is left in
 * Doris. That happens on every restore of a savepoint older than the label retention, although the job that took
 * the savepoint committed those transactions right after taking it. Recording commits in state cannot help:
 * Flink snapshots the committer's state before the checkpoint's transactions are committed and drops committed
 * ones from it, so the only transactions a restored state holds are those whose commit was not yet confirmed. The
 * user decides, with {@code sink.forgotten-transactions}.
 */
final class ForgottenTransactionRule {

    private final Duration precommitTimeout;
    private final Duration clockSkewAllowance;
    private final boolean assumeCommittedWhenOld;

    ForgottenTransactionRule(Duration precommitTimeout, Duration clockSkewAllowance, boolean assumeCommittedWhenOld) {
        this.precommitTimeout = precommitTimeout;
        this.clockSkewAllowance = clockSkewAllowance;
        this.assumeCommittedWhenOld = assumeCommittedWhenOld;
    }

    /** Whether a forgotten transaction of this age was certainly committed. */
    boolean certainlyCommitted(Duration age) {
        return age.plus(clockSkewAllowance).compareTo(precommitTimeout) < 0;
    }

    /** Whether an older forgotten transaction is to be taken as committed, as the user chose. */
    boolean assumeCommittedWhenOld() {
        return assumeCommittedWhenOld;
    }

    Duration precommitTimeout() {
        return precommitTimeout;
    }

    Duration clockSkewAllowance() {
        return clockSkewAllowance;
    }
}
