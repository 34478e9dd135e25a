package io.doris2pc.testserver;

/** Doris transaction states, as {@code get_load_state} names them. */
public enum TxnState {
    PREPARE,
    PRECOMMITTED,
    COMMITTED,
    VISIBLE,
    ABORTED;

    /** PREPARE, PRECOMMITTED and COMMITTED count against {@code max_running_txn_num_per_db}. */
    public boolean isRunning() {
        return this == PREPARE || this == PRECOMMITTED || this == COMMITTED;
    }

    public boolean isFinal() {
        return this == VISIBLE || this == ABORTED;
    }
}
