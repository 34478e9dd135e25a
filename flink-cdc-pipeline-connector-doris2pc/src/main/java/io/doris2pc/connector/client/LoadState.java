package io.doris2pc.connector.client;

/** What {@code get_load_state} says of a label. */
public enum LoadState {
    /** Never used, or forgotten by Doris (label retention passed). */
    UNKNOWN,
    PREPARE,
    PRECOMMITTED,
    COMMITTED,
    VISIBLE,
    ABORTED;

    /** A transaction in this state can still be committed or aborted, and holds quota until it is. */
    public boolean isOpen() {
        return this == PREPARE || this == PRECOMMITTED;
    }

    /** The data of the transaction is (or will become, without further action) visible. */
    public boolean isFinished() {
        return this == COMMITTED || this == VISIBLE;
    }
}
