package io.doris2pc.connector.config;

/**
 * How the sink finishes a Stream Load ({@code sink.delivery-guarantee}). Flink matches an option's value against
 * {@link #toString()} ignoring case, so YAML spells them {@code exactly-once} and {@code at-least-once}.
 */
public enum DeliveryGuarantee {
    /**
     * Two-phase commit: a load ends pre-committed at a checkpoint barrier or a schema change, and the committer
     * commits it once the checkpoint completed.
     */
    EXACTLY_ONCE("exactly-once"),
    /**
     * Plain Stream Load: Doris commits and publishes each load when the writer ends it (checkpoint barrier, byte cap,
     * schema change). A failover replays the rows since the last checkpoint.
     */
    AT_LEAST_ONCE("at-least-once");

    private final String value;

    DeliveryGuarantee(String value) {
        this.value = value;
    }

    /** Whether loads carry {@code two_phase_commit: true} and end pre-committed, for the committer to commit. */
    public boolean twoPhaseCommit() {
        return this == EXACTLY_ONCE;
    }

    @Override
    public String toString() {
        return value;
    }
}
