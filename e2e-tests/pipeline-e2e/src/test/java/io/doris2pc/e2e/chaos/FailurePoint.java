package io.doris2pc.e2e.chaos;

/** Where a {@code doris2pc-chaos} sink fails, once per chaos directory, after it was armed. */
public enum FailurePoint {
    /** Never fails; the sink only keeps its ledger. */
    NONE,
    /**
     * In the writer's {@code write}, at the N-th data change written since the writer's last flush
     * ({@code chaos.write.after-records}): the open loads then hold N rows.
     */
    WRITE,
    /**
     * In the writer's {@code prepareCommit}, after the real writer pre-committed its transactions and handed them
     * over: they stay PRECOMMITTED in Doris with no committer to commit them, so a restore must abort them.
     */
    PREPARE_COMMIT,
    /** In the committer, after the checkpoint completed, before the real committer commits anything. */
    COMMIT_BEFORE,
    /** In the committer, after the real committer committed the checkpoint's transactions. */
    COMMIT_AFTER,
    /** In the metadata applier, before the real applier runs a schema change (other than a create table). */
    SCHEMA_CHANGE_BEFORE,
    /** In the metadata applier, after the real applier ran a schema change (other than a create table). */
    SCHEMA_CHANGE_AFTER
}
