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
    /** {@code max_running_txn_num_per_db}. */
    public volatile int maxRunningTxnPerDb = 1000;
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
     * Unverified in Doris: whether a transaction begun before a TRUNCATE and committed after it lands its rows
     * (false, the default) or loses them silently (true).
     */
    public volatile boolean truncateDiscardsEarlierTransactions;
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
}
