package io.doris2pc.testserver.cluster;

import java.time.Duration;

/** FE/BE configuration the test server honours; the switchable *unverified* behaviours live here too. */
public final class ClusterSettings {
    /** {@code stream_load_default_precommit_timeout_second}. */
    public volatile Duration precommitTimeout = Duration.ofSeconds(3600);
    /** {@code streaming_label_keep_max_second}. */
    public volatile Duration labelKeep = Duration.ofSeconds(43200);
    /** {@code label_num_threshold}: finished transactions kept per database before the oldest are forgotten. */
    public volatile int labelNumThreshold = 2000;
    /** {@code max_running_txn_num_per_db}; the builder sets the version's default unless given. */
    public volatile int maxRunningTxnPerDb = DorisVersion.V2_1.maxRunningTxnPerDb();
    /** {@code stream_load_default_timeout_second}, used when a load has no {@code timeout} header. */
    public volatile Duration defaultLoadTimeout = Duration.ofSeconds(259200);
    /**
     * {@code default_schema_change_scheduler_interval_millisecond}: the real time between two steps of a heavy
     * schema change job (PENDING, WAITING_TXN, RUNNING, FINISHED), so that a job never finishes within its ALTER.
     */
    public volatile Duration alterJobStep = Duration.ofMillis(500);
    /** Real time between COMMITTED and VISIBLE. */
    public volatile Duration publishDelay = Duration.ZERO;
    /** 1.x/2.0 error form of {@code _stream_load_2pc} (status "Fail", no "TStatus: "). */
    public volatile boolean legacyErrorStyle;
    /** Refuse tables whose replication_num exceeds the one backend (Doris does; default replication is 3). */
    public volatile boolean enforceReplication = true;
    /**
     * {@code enable_unicode_name_support}: false (Doris's default) allows only ASCII letters, digits, '-' and '_' in
     * database and table names; true allows letters of any language too.
     */
    public volatile boolean unicodeNames;
    /**
     * Check every row as a load would, but keep only counts: nothing becomes queryable, so a benchmark's
     * millions of rows cost the server neither memory nor merge work.
     */
    public volatile boolean countingOnly;
    /**
     * {@code transaction_clean_interval_second}: timed-out transactions abort, and finished ones past label
     * retention are forgotten, only when the FE's cleaner runs ({@code DatabaseTransactionMgr.removeExpiredAndTimeoutTxns}),
     * every this long from the server's start. Zero: at the exact deadline, on every request.
     */
    public volatile Duration transactionCleanInterval = Duration.ofSeconds(30);
    /**
     * An FE restart forgets PREPARE stream-load transactions, as Doris does (it does not persist them:
     * {@code DatabaseTransactionMgr.unprotectUpsertTransactionState}); false aborts them instead.
     */
    public volatile boolean frontendRestartForgetsPrepare = true;
    /**
     * A value beyond a DECIMAL's precision loads clamped to the type's limit, as Doris's {@code string_to_decimal}
     * does (apache/doris #39864); true filters the row instead.
     */
    public volatile boolean decimalOverflowFiltered;
    /**
     * {@code group_commit} in sync/async mode with a chunked body drops the load's label, 2PC loads included
     * ({@code stream_load.cpp _handle_group_commit}, since 2024-03); false: as 2.1.0, where a chunked body turns
     * group commit off.
     */
    public volatile boolean groupCommitChunkedDropsLabel = true;
    /**
     * The Doris release modelled where releases differ (major.minor.patch): what {@code SELECT @@version_comment}
     * answers, whether the BE reads compressed JSON loads (from 3.0.5), and the {@link #version()} line.
     */
    public volatile String release = DorisVersion.V2_1.release();
    /**
     * Storage-compute separated ("cloud") mode: the BE refuses two-phase-commit Stream Loads into merge-on-write
     * UNIQUE tables after beginning their transaction (be/src/http/action/stream_load.cpp
     * {@code StreamLoadAction::_process_put}, apache/doris#36816; Doris 3.0+).
     */
    public volatile boolean cloudMode;

    /** The release line that decides type spellings, name rules and limits. */
    public DorisVersion version() {
        return DorisVersion.of(release);
    }

    /** Whether {@link #release} is {@code major.minor.patch} or newer. */
    public boolean versionAtLeast(int major, int minor, int patch) {
        String[] parts = release.split("\\.");
        int[] have = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        int[] want = {major, minor, patch};
        for (int i = 0; i < 3; i++) {
            if (have[i] != want[i]) {
                return have[i] > want[i];
            }
        }
        return true;
    }
}
