package io.doris2pc.testserver;

import io.doris2pc.testserver.cluster.Cluster;
import io.doris2pc.testserver.cluster.FaultPlan;
import java.time.Duration;

/** Faults on demand, from test code. Each counted fault is consumed by the next matching request. */
public final class Faults {
    private final Cluster cluster;
    private final FaultPlan plan;

    Faults(Cluster cluster) {
        this.cluster = cluster;
        this.plan = cluster.faults();
    }

    /** The next n Stream Loads answer Status "Fail" with this Message and TxnId -1, without beginning a txn. */
    public void failNextLoads(int n, String message) {
        plan.failNextLoads(n, message);
    }

    /** The next n 2PC commits answer an error with this detail text; the transaction stays PRECOMMITTED. */
    public void failNextCommits(int n, String message) {
        plan.failNextCommits(n, message);
    }

    /** The BE closes the next load's connection after reading this many body bytes; its txn is ABORTED. */
    public void cutNextLoadBodyAfter(long bytes) {
        plan.cutNextLoadBodyAfter(bytes);
    }

    /**
     * From now on the BE reads each load's whole body, then holds it in PREPARE without answering until
     * {@link #releaseLoadAnswers}: a client that waits for the answer of a load it ended waits until then.
     */
    public void holdLoadAnswers() {
        plan.holdLoadAnswers();
    }

    /** Lets every held load pre-commit (or commit) and answer, and no later one wait. */
    public void releaseLoadAnswers() {
        plan.releaseLoadAnswers();
    }

    /** Loads whose body was read in full and that wait for {@link #releaseLoadAnswers}. */
    public int loadsHeld() {
        return plan.loadsHeld();
    }

    /** The next n 2PC commits are applied, then the connection closes without an answer. */
    public void dropNextCommitResponses(int n) {
        plan.dropNextCommitResponses(n);
    }

    /**
     * The next n ALTER TABLE statements with a MODIFY COLUMN clause sent over HTTP are executed (a heavy one
     * starts its alter job), then the connection closes without an answer.
     */
    public void loseNextModifyAnswers(int n) {
        plan.loseNextModifyAnswers(n);
    }

    /** Every answer of FE and BE waits this long; {@link Duration#ZERO} clears. */
    public void delayResponses(Duration d) {
        plan.delayResponses(d);
    }

    /**
     * The next n commits stay COMMITTED for at least a second (real time) before they become VISIBLE. A Stream
     * Load without 2PC answers Status "Publish Timeout"; a 2PC commit answers Success, as Doris's
     * commitTransaction2PC does when the publish wait times out.
     */
    public void publishTimeoutNextCommits(int n) {
        plan.publishTimeoutNextCommits(n);
    }

    /** The next n FE requests answer HTTP 503 and close the connection. */
    public void feUnavailable(int n) {
        plan.feUnavailable(n);
    }

    /**
     * The next n 2PC commits sent to the FE answer HTTP 503 and close the connection, before anything is applied:
     * their transactions stay PRECOMMITTED until a retry, while loads go on.
     */
    public void commitsUnavailable(int n) {
        plan.commitsUnavailable(n);
    }

    /**
     * From now on, for {@code d} of real time, the FE answers every request (load redirects, 2PC, SQL, load
     * state) with HTTP 503 and closes the connection: an FE outage of a known length, whatever the client does
     * meanwhile. The BE keeps serving loads it already accepted.
     */
    public void feUnavailableFor(Duration d) {
        plan.feUnavailableFor(d);
    }

    /**
     * How many FE requests {@link #feUnavailable}, {@link #feUnavailableFor} and {@link #commitsUnavailable}
     * answered with 503 so far.
     */
    public long feRequestsRefused() {
        return plan.feRequestsRefused();
    }

    /**
     * Whether a fault asked for has yet to happen (a counted fault not consumed, an outage not over), so that a
     * test can wait until the fault it injected really struck.
     */
    public boolean pending() {
        return plan.pending();
    }

    /** Every PRECOMMITTED transaction is aborted now with reason "timeout by txn manager". */
    public void expirePrecommitted() {
        cluster.expirePrecommitted();
    }

    /** {@code max_running_txn_num_per_db}, changed at run time. */
    public void runningTxnLimit(int n) {
        cluster.settings().maxRunningTxnPerDb = n;
    }

    /** Clears every pending fault and the response delay (the running-txn limit stays). */
    public void clear() {
        plan.clear();
    }
}
