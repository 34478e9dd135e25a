package io.doris2pc.testserver.cluster;

import io.doris2pc.testserver.CommitRecord;
import io.doris2pc.testserver.TestClock;
import io.doris2pc.testserver.TxnState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Doris's transaction manager: labels unique per database among non-aborted transactions, the state machine
 * PREPARE -> PRECOMMITTED -> COMMITTED -> VISIBLE (or ABORTED), timeouts on the test clock, label retention,
 * the running-transaction quota, and publishing (rows become visible in commit order).
 * Every method runs under the cluster lock.
 */
public final class TransactionManager {
    public static final String TIMEOUT_REASON = "timeout by txn manager";
    public static final String USER_ABORT_REASON = "User Abort";
    private static final Pattern LABEL = Pattern.compile("^[-_A-Za-z0-9:]{1,128}$");
    private static final long MAX_LOAD_TIMEOUT_SECONDS = 259200;

    private final Catalog catalog;
    private final TestClock clock;
    private final ClusterSettings settings;
    private final Map<Long, Transaction> txns = new TreeMap<>();
    private final Deque<Transaction> publishQueue = new ArrayDeque<>();
    private final List<CommitRecord> commits = new ArrayList<>();
    /** Database name to the most transactions it had running at once; the count only grows when one begins. */
    private final Map<String, Long> peakRunning = new HashMap<>();
    private final Instant started;
    private long nextTxnId = 1001;

    TransactionManager(Catalog catalog, TestClock clock, ClusterSettings settings) {
        this.catalog = catalog;
        this.clock = clock;
        this.settings = settings;
        this.started = clock.now();
    }

    /** Ids of transactions begun from now on are at least this. */
    long nextTxnId() {
        return nextTxnId;
    }

    /** The FE's loadTxnBegin: database and table, the timeout's range, the label, the running-transaction quota. */
    Transaction begin(String dbName, String tableName, String label, boolean twoPhase, Duration timeout)
            throws TxnException {
        Database db = catalog.database(dbName);
        if (db == null) {
            // FrontendServiceImpl: a MetaNotFoundException, so TStatus NOT_FOUND and errCode 7
            throw TxnException.notFound("unknown database, database=" + dbName);
        }
        Table table = db.table(tableName);
        if (table == null) {
            throw new TxnException("unknown table, tableName=" + tableName);
        }
        long seconds = timeout.getSeconds();
        if (seconds < 1 || seconds > MAX_LOAD_TIMEOUT_SECONDS) {
            // GlobalTransactionMgrIface.checkValidTimeoutSecond (max_stream_load_timeout_second)
            throw new TxnException("Invalid timeout: " + seconds + ". Timeout should between 1 and "
                    + MAX_LOAD_TIMEOUT_SECONDS + " seconds");
        }
        if (!LABEL.matcher(label).matches()) {
            throw new TxnException("Label format error. regex: " + LABEL.pattern() + ", label: " + label);
        }
        for (Transaction t : txns.values()) {
            if (t.db() == db && t.label().equals(label) && t.state() != TxnState.ABORTED) {
                throw new TxnException(
                        "Label [" + label + "] has already been used, relate to txn [" + t.id() + "]",
                        existingJobStatus(t.state()));
            }
        }
        long running = txns.values().stream().filter(t -> t.db() == db && t.state().isRunning()).count();
        if (running >= settings.maxRunningTxnPerDb) {
            throw new TxnException("current running txns on db " + db.id() + " is " + running
                    + ", larger than limit " + settings.maxRunningTxnPerDb);
        }
        Transaction txn = new Transaction(nextTxnId++, db, table, label, twoPhase, clock.now().plus(timeout),
                settings.countingOnly);
        txns.put(txn.id(), txn);
        peakRunning.merge(dbName, running + 1, Math::max);
        return txn;
    }

    /** The most transactions (PREPARE, PRECOMMITTED, COMMITTED) the database had running at once; 0 for none. */
    long peakRunning(String dbName) {
        return peakRunning.getOrDefault(dbName, 0L);
    }

    private static String existingJobStatus(TxnState state) {
        switch (state) {
            case PREPARE:
                return "RUNNING";
            case PRECOMMITTED:
                return "PRECOMMITTED";
            default:
                return "FINISHED";
        }
    }

    /** Ends the loading phase: PRECOMMITTED in 2PC, else committed at once. */
    void finishLoad(Transaction txn, boolean publishTimeout) throws TxnException {
        if (txns.get(txn.id()) != txn) {
            // forgotten by an FE restart while the BE was still reading the body
            throw new TxnException("transaction [" + txn.id() + "] not found");
        }
        requireState(txn, TxnState.PREPARE, "commit");
        if (txn.twoPhase()) {
            txn.precommit(clock.now());
        } else {
            commit(txn, publishTimeout);
        }
    }

    void abortLoad(Transaction txn, String reason) {
        if (txn.state() == TxnState.PREPARE || txn.state() == TxnState.PRECOMMITTED) {
            txn.abort(reason, clock.now());
        }
    }

    Transaction commit2pc(String dbName, Long txnId, String label, String commitFailure, boolean publishTimeout)
            throws TxnException {
        Database db = requireDatabase(dbName);
        Transaction txn = txnId != null ? requireTxn(db, txnId) : requireByLabel(db, label, false);
        // FrontendServiceImpl.loadTxn2PCImpl looks the transaction's tables up before DatabaseTransactionMgr checks
        // its state: a dropped table's transaction answers "unknown table" even once aborted.
        if (catalog.tableById(db, txn.tableId()) == null) {
            throw new TxnException("unknown table, tableId=" + txn.tableId());
        }
        requireState(txn, TxnState.PRECOMMITTED, "commit");
        if (commitFailure != null) {
            throw new TxnException(commitFailure);
        }
        commit(txn, publishTimeout);
        return txn;
    }

    Transaction abort2pc(String dbName, Long txnId, String label) throws TxnException {
        Database db = requireDatabase(dbName);
        Transaction txn = txnId != null ? requireTxn(db, txnId) : requireByLabel(db, label, true);
        switch (txn.state()) {
            case ABORTED:
                throw new TxnException("transaction [" + txn.id() + "] is already aborted, abort reason: " + txn.abortReason());
            case COMMITTED:
            case VISIBLE:
                throw new TxnException("transaction [" + txn.id() + "] is already " + txn.state() + ", could not abort.");
            default:
                txn.abort(USER_ABORT_REASON, clock.now());
                return txn;
        }
    }

    private void requireState(Transaction txn, TxnState expected, String operation) throws TxnException {
        if (txn.state() == expected) {
            return;
        }
        String t = "transaction [" + txn.id() + "] ";
        switch (txn.state()) {
            case ABORTED:
                throw new TxnException(t + "is already aborted. abort reason: " + txn.abortReason());
            case VISIBLE:
                throw new TxnException(t + "is already visible, not pre-committed.");
            case COMMITTED:
                throw new TxnException(t + "is already committed, not pre-committed.");
            case PREPARE:
                throw new TxnException(t + "is prepare, not pre-committed.");
            default:
                throw new TxnException(t + "is " + txn.state().name().toLowerCase() + ", cannot " + operation);
        }
    }

    private Database requireDatabase(String dbName) throws TxnException {
        Database db = catalog.database(dbName);
        if (db == null) {
            throw new TxnException("unknown database, database=" + dbName);
        }
        return db;
    }

    private Transaction requireTxn(Database db, long txnId) throws TxnException {
        Transaction txn = txns.get(txnId);
        if (txn == null || txn.db() != db) {
            throw new TxnException("transaction [" + txnId + "] not found");
        }
        return txn;
    }

    /**
     * Commit by label looks at PRECOMMITTED transactions only; abort also at PREPARE ones
     * ({@code DatabaseTransactionMgr.getTransactionIdByLabel(label, statusList)}): a label never used is "transaction
     * not found", a label whose transactions are in no such state "running transaction not found".
     */
    private Transaction requireByLabel(Database db, String label, boolean forAbort) throws TxnException {
        boolean known = false;
        for (Transaction t : txns.values()) {
            if (t.db() == db && t.label().equals(label)) {
                known = true;
                if (t.state() == TxnState.PRECOMMITTED || (forAbort && t.state() == TxnState.PREPARE)) {
                    return t;
                }
            }
        }
        throw new TxnException((known ? "running transaction not found, label=" : "transaction not found, label=") + label);
    }

    private void commit(Transaction txn, boolean publishTimeout) {
        Duration delay = settings.publishDelay;
        if (publishTimeout && delay.compareTo(Cluster.PUBLISH_TIMEOUT_VISIBILITY) < 0) {
            delay = Cluster.PUBLISH_TIMEOUT_VISIBILITY;
        }
        txn.commit(System.nanoTime() + delay.toNanos());
        commits.add(new CommitRecord(txn.db().name(), txn.tableName(), txn.label(), txn.id(), clock.now(), txn.loadedRows(),
                txn.loadBytes(), Instant.now()));
        publishQueue.add(txn);
        publishDue();
    }

    /** Makes committed transactions visible, in commit order, once their publish time has come. */
    void publishDue() {
        long now = System.nanoTime();
        while (!publishQueue.isEmpty() && publishQueue.peekFirst().visibleAtNanos() - now <= 0) {
            Transaction txn = publishQueue.pollFirst();
            Table table = catalog.tableById(txn.db(), txn.tableId());
            // Doris's TRUNCATE replaces the table's partitions by new ones with new ids
            // (InternalCatalog.truncateTable); a transaction begun before it wrote to the old ones, and publishing
            // skips partitions that no longer exist (DatabaseTransactionMgr: "partition ... is dropped, skip"):
            // it becomes VISIBLE with none of its rows.
            boolean truncatedAway = table != null && txn.id() < table.truncatedBeforeTxnId();
            if (table != null && !truncatedAway) {
                String stamp = Catalog.timestamp(clock.now());
                for (LoadedRow row : txn.rowsSnapshot()) {
                    table.applyRow(row.values(), row.delete(), stamp);
                }
            }
            txn.discardRows();
            txn.makeVisible(clock.now());
        }
    }

    /** Nanos (System.nanoTime) when the next committed transaction is due, or null if none waits. */
    Long nextPublishAtNanos() {
        return publishQueue.isEmpty() ? null : publishQueue.peekFirst().visibleAtNanos();
    }

    /**
     * What the FE's transaction cleaner does: times out PREPARE and PRECOMMITTED transactions and forgets finished
     * ones past label retention, as of its last run ({@link ClusterSettings#transactionCleanInterval}).
     */
    void expire() {
        Instant now = lastCleanerRun();
        for (Transaction t : txns.values()) {
            if (t.state() == TxnState.PREPARE && now.isAfter(t.prepareDeadline())) {
                t.abort(TIMEOUT_REASON, now);
            } else if (t.state() == TxnState.PRECOMMITTED && now.isAfter(t.precommittedAt().plus(settings.precommitTimeout))) {
                t.abort(TIMEOUT_REASON, now);
            }
        }
        txns.values().removeIf(t -> t.state().isFinal() && !now.isBefore(t.finishedAt().plus(settings.labelKeep)));
        forgetBeyondThreshold();
    }

    private void forgetBeyondThreshold() {
        for (Database db : catalog.databases()) {
            List<Transaction> finished = new ArrayList<>();
            for (Transaction t : txns.values()) {
                if (t.db() == db && t.state().isFinal()) {
                    finished.add(t);
                }
            }
            finished.sort((a, b) -> a.finishedAt().compareTo(b.finishedAt()));
            for (int i = 0; i < finished.size() - settings.labelNumThreshold; i++) {
                txns.remove(finished.get(i).id());
            }
        }
    }

    private Instant lastCleanerRun() {
        Instant now = clock.now();
        long interval = settings.transactionCleanInterval.toMillis();
        if (interval <= 0 || now.isBefore(started)) {
            return now;
        }
        long sinceStart = Duration.between(started, now).toMillis();
        return started.plusMillis(sinceStart - sinceStart % interval);
    }

    void expirePrecommitted() {
        for (Transaction t : txns.values()) {
            if (t.state() == TxnState.PRECOMMITTED) {
                t.abort(TIMEOUT_REASON, clock.now());
            }
        }
    }

    /** A BE restart kills the loads in flight; pre-committed and committed transactions survive. */
    void abortRunningLoads(String reason) {
        for (Transaction t : txns.values()) {
            if (t.state() == TxnState.PREPARE) {
                t.abort(reason, clock.now());
            }
        }
    }

    /** An FE restart: PREPARE stream-load transactions were never persisted, so the new FE does not know them. */
    void forgetPrepared() {
        txns.values().removeIf(t -> t.state() == TxnState.PREPARE);
    }

    /** The state get_load_state reports for a label: the newest transaction with it, or null. */
    TxnState labelState(Database db, String label) {
        TxnState state = null;
        for (Transaction t : txns.values()) {
            if (t.db() == db && t.label().equals(label)) {
                state = t.state();
            }
        }
        return state;
    }

    /** Transactions of a table begun before {@code beforeTxnId} that have not finished yet. */
    boolean hasUnfinished(Database db, long tableId, long beforeTxnId) {
        for (Transaction t : txns.values()) {
            if (t.db() == db && t.tableId() == tableId && t.id() < beforeTxnId && t.state().isRunning()) {
                return true;
            }
        }
        return false;
    }

    List<Transaction> all() {
        return new ArrayList<>(txns.values());
    }

    List<CommitRecord> commits() {
        return new ArrayList<>(commits);
    }
}
