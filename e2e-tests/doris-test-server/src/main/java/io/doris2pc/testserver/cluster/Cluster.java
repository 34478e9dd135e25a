package io.doris2pc.testserver.cluster;

import io.doris2pc.testserver.CommitRecord;
import io.doris2pc.testserver.TestClock;
import io.doris2pc.testserver.TxnState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One Doris cluster: catalog, transaction manager and alter jobs behind one lock. Before every operation
 * the cluster catches up with time: expired transactions abort, due commits publish, alter jobs progress.
 */
public final class Cluster implements AutoCloseable {
    /** How long a commit answered "Publish Timeout" stays COMMITTED before it becomes visible. */
    public static final Duration PUBLISH_TIMEOUT_VISIBILITY = Duration.ofSeconds(1);
    public static final String BE_RESTART_REASON = "coordinate BE is down";

    private final TestClock clock;
    private final ClusterSettings settings;
    private final FaultPlan faults = new FaultPlan();
    private final Catalog catalog;
    private final TransactionManager txns;
    private final ScheduledExecutorService publisher;
    private final List<String> refusedLoads = new ArrayList<>();
    /** When the next alter job step is scheduled (System.nanoTime), null when none is. */
    private Long jobStepScheduledAt;

    public Cluster(TestClock clock, ClusterSettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.catalog = new Catalog(clock, settings);
        this.txns = new TransactionManager(catalog, clock, settings);
        this.publisher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "doris-test-server-publisher");
            t.setDaemon(true);
            return t;
        });
    }

    public TestClock clock() {
        return clock;
    }

    public ClusterSettings settings() {
        return settings;
    }

    public FaultPlan faults() {
        return faults;
    }

    /** Runs an operation on the catalog under the lock, after catching up with time. */
    public synchronized <T> T withCatalog(Function<Catalog, T> operation) {
        catchUp();
        T result = operation.apply(catalog);
        progressJobs();
        return result;
    }

    /** The id the next transaction will get; heavy alter jobs wait for every id below it. */
    public synchronized long nextTxnId() {
        return txns.nextTxnId();
    }

    public synchronized Transaction begin(String db, String table, String label, boolean twoPhase, Duration timeout)
            throws TxnException {
        catchUp();
        return txns.begin(db, table, label, twoPhase, timeout);
    }

    public synchronized void finishLoad(Transaction txn, boolean publishTimeout) throws TxnException {
        catchUp();
        txns.finishLoad(txn, publishTimeout);
        afterChange();
    }

    public synchronized void abortLoad(Transaction txn, String reason) {
        txns.abortLoad(txn, reason);
        afterChange();
    }

    public synchronized Transaction commit2pc(String db, Long txnId, String label, String commitFailure,
            boolean publishTimeout) throws TxnException {
        catchUp();
        Transaction txn = txns.commit2pc(db, txnId, label, commitFailure, publishTimeout);
        afterChange();
        return txn;
    }

    public synchronized Transaction abort2pc(String db, Long txnId, String label) throws TxnException {
        catchUp();
        Transaction txn = txns.abort2pc(db, txnId, label);
        afterChange();
        return txn;
    }

    /** Null when Doris accepts the label of a load, else its refusal ({@code Label format error...}). */
    public String labelRefusal(String label) {
        return NameRules.labelRefusal(label);
    }

    /** get_load_state: null when the label is unknown or forgotten. */
    public synchronized TxnState labelState(Database db, String label) {
        catchUp();
        return txns.labelState(db, label);
    }

    public synchronized Database database(String name) {
        return catalog.database(name);
    }

    public synchronized List<Transaction> transactions() {
        catchUp();
        return txns.all();
    }

    public synchronized long peakRunningTransactions(String db) {
        return txns.peakRunning(db);
    }

    public synchronized List<CommitRecord> commits() {
        catchUp();
        return txns.commits();
    }

    /** Remembers a Stream Load the BE answered with a status other than success. */
    public synchronized void recordRefusedLoad(String label, String status, String message) {
        refusedLoads.add("label " + label + ": " + status + ": " + message);
    }

    /** Every Stream Load answered with a status other than success, as {@code label L: Status: Message}. */
    public synchronized List<String> refusedLoads() {
        return new ArrayList<>(refusedLoads);
    }

    public synchronized List<SchemaChangeJob> alterJobs() {
        catchUp();
        return catalog.jobs();
    }

    public synchronized void expirePrecommitted() {
        txns.expirePrecommitted();
        afterChange();
    }

    public synchronized void abortRunningLoads() {
        txns.abortRunningLoads(BE_RESTART_REASON);
        afterChange();
    }

    /** An FE restart: PREPARE transactions are forgotten, or aborted as a BE restart does (setting). */
    public synchronized void restartFrontend() {
        if (settings.frontendRestartForgetsPrepare) {
            txns.forgetPrepared();
        } else {
            txns.abortRunningLoads(BE_RESTART_REASON);
        }
        afterChange();
    }

    /** Expiry on the test clock, publishing in real time, alter jobs after both. */
    public synchronized void catchUp() {
        txns.expire();
        txns.publishDue();
        progressJobs();
    }

    private void afterChange() {
        progressJobs();
        scheduleCatchUp(txns.nextPublishAtNanos());
    }

    /** Alter jobs move on by themselves, as Doris's schema change scheduler moves them, without a client asking. */
    private void progressJobs() {
        Long due = catalog.progressJobs(txns);
        if (due != null && (jobStepScheduledAt == null || due - jobStepScheduledAt < 0)) {
            jobStepScheduledAt = due;
            publisher.schedule(this::jobStep, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void jobStep() {
        jobStepScheduledAt = null;
        catchUp();
    }

    private void scheduleCatchUp(Long dueNanos) {
        if (dueNanos != null) {
            long wait = Math.max(0, dueNanos - System.nanoTime());
            publisher.schedule(this::catchUp, wait, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        publisher.shutdownNow();
    }
}
