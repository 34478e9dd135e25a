package io.doris2pc.testserver.cluster;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Faults a test asked for, consumed by the request handlers one by one. */
public final class FaultPlan {
    private static final Pattern MODIFY_COLUMN = Pattern.compile("(?is)^\\s*ALTER\\s+TABLE\\b.*\\bMODIFY\\s+COLUMN\\b");
    private int loseModifyAnswers;
    private int failLoads;
    private String failLoadMessage;
    private int failCommits;
    private String failCommitMessage;
    private long cutBodyAfter = -1;
    private int dropCommitResponses;
    private int publishTimeouts;
    private int feUnavailable;
    private int commitsUnavailable;
    /** {@link System#nanoTime()} until which the FE answers 503 to everything; 0 when no outage is planned. */
    private long feOutageEndsAt;
    private long feRequestsRefused;
    private volatile Duration responseDelay = Duration.ZERO;
    /** While set, loads whose body was read wait for it before they pre-commit (or commit) and answer. */
    private volatile CountDownLatch loadAnswersHeld;
    private final AtomicInteger loadsHeld = new AtomicInteger();

    public synchronized void failNextLoads(int n, String message) {
        failLoads = n;
        failLoadMessage = message;
    }

    /** The message of a load that must fail now, or null. */
    public synchronized String takeLoadFailure() {
        if (failLoads <= 0) {
            return null;
        }
        failLoads--;
        return failLoadMessage;
    }

    public synchronized void failNextCommits(int n, String message) {
        failCommits = n;
        failCommitMessage = message;
    }

    public synchronized String takeCommitFailure() {
        if (failCommits <= 0) {
            return null;
        }
        failCommits--;
        return failCommitMessage;
    }

    public synchronized void cutNextLoadBodyAfter(long bytes) {
        cutBodyAfter = bytes;
    }

    /** Bytes after which the next load's body is cut, or -1. */
    public synchronized long takeBodyCut() {
        long cut = cutBodyAfter;
        cutBodyAfter = -1;
        return cut;
    }

    public synchronized void loseNextModifyAnswers(int n) {
        loseModifyAnswers = n;
    }

    /** Whether the answer to this statement, already executed, is to be lost. */
    public synchronized boolean takeLostModifyAnswer(String statement) {
        if (loseModifyAnswers <= 0 || !MODIFY_COLUMN.matcher(statement).find()) {
            return false;
        }
        loseModifyAnswers--;
        return true;
    }

    public synchronized void dropNextCommitResponses(int n) {
        dropCommitResponses = n;
    }

    public synchronized boolean takeDroppedCommitResponse() {
        if (dropCommitResponses <= 0) {
            return false;
        }
        dropCommitResponses--;
        return true;
    }

    public synchronized void publishTimeoutNextCommits(int n) {
        publishTimeouts = n;
    }

    public synchronized boolean takePublishTimeout() {
        if (publishTimeouts <= 0) {
            return false;
        }
        publishTimeouts--;
        return true;
    }

    public synchronized void feUnavailable(int n) {
        feUnavailable = n;
    }

    public synchronized void commitsUnavailable(int n) {
        commitsUnavailable = n;
    }

    public synchronized boolean takeCommitUnavailable() {
        if (commitsUnavailable <= 0) {
            return false;
        }
        commitsUnavailable--;
        feRequestsRefused++;
        return true;
    }

    /** From now on, for {@code d} of real time, the FE answers every request with HTTP 503. */
    public synchronized void feUnavailableFor(Duration d) {
        feOutageEndsAt = System.nanoTime() + d.toNanos();
    }

    public synchronized boolean takeFeUnavailable() {
        if (feOutageEndsAt != 0) {
            if (System.nanoTime() - feOutageEndsAt < 0) {
                feRequestsRefused++;
                return true;
            }
            feOutageEndsAt = 0;
        }
        if (feUnavailable <= 0) {
            return false;
        }
        feUnavailable--;
        feRequestsRefused++;
        return true;
    }

    /** FE requests answered 503 by either FE fault so far. */
    public synchronized long feRequestsRefused() {
        return feRequestsRefused;
    }

    /** Whether some fault asked for has not happened yet: a counted one not consumed, or an outage not over. */
    public synchronized boolean pending() {
        return failLoads > 0 || failCommits > 0 || cutBodyAfter >= 0 || dropCommitResponses > 0 || loseModifyAnswers > 0
                || publishTimeouts > 0 || feUnavailable > 0 || commitsUnavailable > 0
                || (feOutageEndsAt != 0 && System.nanoTime() - feOutageEndsAt < 0);
    }

    public void delayResponses(Duration d) {
        responseDelay = d;
    }

    public Duration responseDelay() {
        return responseDelay;
    }

    public void holdLoadAnswers() {
        loadAnswersHeld = new CountDownLatch(1);
    }

    public void releaseLoadAnswers() {
        CountDownLatch held = loadAnswersHeld;
        loadAnswersHeld = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** Called by a load whose body was read: waits while load answers are held. */
    public void awaitLoadAnswerRelease() throws InterruptedException {
        CountDownLatch held = loadAnswersHeld;
        if (held == null) {
            return;
        }
        loadsHeld.incrementAndGet();
        try {
            held.await();
        } finally {
            loadsHeld.decrementAndGet();
        }
    }

    public int loadsHeld() {
        return loadsHeld.get();
    }

    public synchronized void clear() {
        failLoads = 0;
        failCommits = 0;
        cutBodyAfter = -1;
        dropCommitResponses = 0;
        loseModifyAnswers = 0;
        publishTimeouts = 0;
        feUnavailable = 0;
        commitsUnavailable = 0;
        feOutageEndsAt = 0;
        responseDelay = Duration.ZERO;
        releaseLoadAnswers();
    }
}
