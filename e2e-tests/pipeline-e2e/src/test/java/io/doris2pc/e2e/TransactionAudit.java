package io.doris2pc.e2e;

import io.doris2pc.e2e.chaos.ChaosLedger;
import io.doris2pc.e2e.chaos.WriterSnapshot;
import io.doris2pc.testserver.CommitRecord;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transaction side of exactly once, checked against the Doris test server, the chaos ledger (which transactions
 * each writer handed over with which checkpoint of which attempt) and Flink's retained checkpoints
 * ({@code <dir>/<job id>/chk-N/_metadata}, one per completed checkpoint when {@link #NUM_RETAINED} is set to {@link #RETAIN_ALL}).
 * The static checks need Doris alone, for runs of the plain doris2pc sink, which keeps no ledger.
 */
final class TransactionAudit {

    /** The Flink setting that, at {@link #RETAIN_ALL}, keeps every completed checkpoint for the audit to see. */
    static final String NUM_RETAINED = "state.checkpoints.num-retained";
    static final String RETAIN_ALL = "10000";

    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final DorisTestServer doris;
    private final ChaosLedger ledger;
    private final Path checkpointDir;
    /** The commits of the audited job: others (a second pipeline's) are not its to account for. */
    private final Predicate<CommitRecord> ofTheJob;

    TransactionAudit(DorisTestServer doris, ChaosLedger ledger, Path checkpointDir) {
        this(doris, ledger, checkpointDir, commit -> true);
    }

    TransactionAudit(DorisTestServer doris, ChaosLedger ledger, Path checkpointDir, Predicate<CommitRecord> ofTheJob) {
        this.doris = doris;
        this.ledger = ledger;
        this.checkpointDir = checkpointDir;
        this.ofTheJob = ofTheJob;
    }

    /** Every check below, after waiting for the last checkpoint's own transactions to be committed. */
    void assertExactlyOnce(Awaiter awaiter) {
        awaitNoOpenTransactions(awaiter, txn -> true);
        assertEveryCommitBelongsToACompletedCheckpoint();
        assertEveryCompletedCheckpointCommitted();
    }

    /**
     * Waits until no transaction matching {@code ofInterest} is PREPARE or PRECOMMITTED. Without new rows the
     * writers open no load, so only the last checkpoint's transactions may remain, until its completion commits them.
     */
    void awaitNoOpenTransactions(Awaiter awaiter, Predicate<TxnInfo> ofInterest) {
        awaitNoOpenTransactions(awaiter, doris, ofInterest);
    }

    /** {@link #awaitNoOpenTransactions(Awaiter, Predicate)} for runs without the chaos sink: it needs no ledger. */
    static void awaitNoOpenTransactions(Awaiter awaiter, DorisTestServer doris, Predicate<TxnInfo> ofInterest) {
        List<TxnInfo>[] open = new List[] {List.of()};
        try {
            awaiter.awaitUntil(
                    "no transaction of the job is left PREPARE or PRECOMMITTED in Doris",
                    SETTLE,
                    () -> (open[0] = openTransactions(doris, ofInterest)).isEmpty());
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; still open: " + open[0], e);
        }
    }

    List<TxnInfo> openTransactions(Predicate<TxnInfo> ofInterest) {
        return openTransactions(doris, ofInterest);
    }

    private static List<TxnInfo> openTransactions(DorisTestServer doris, Predicate<TxnInfo> ofInterest) {
        return doris.transactions().stream()
                .filter(t -> t.state() == TxnState.PREPARE || t.state() == TxnState.PRECOMMITTED)
                .filter(ofInterest)
                .collect(Collectors.toList());
    }

    /**
     * Doris committed no label twice in a database: the part of
     * {@link #assertEveryCommitBelongsToACompletedCheckpoint} that needs no ledger, for runs without the chaos sink.
     */
    static void assertEachLabelCommittedAtMostOnce(DorisTestServer doris) {
        Map<String, List<CommitRecord>> repeated = doris.commits().stream().collect(
                Collectors.groupingBy(
                        commit -> ChaosLedger.transaction(commit.db(), commit.label()), TreeMap::new,
                        Collectors.toList()));
        repeated.values().removeIf(commits -> commits.size() == 1);
        assertEquals(Map.of(), repeated, "labels Doris committed more than once");
    }

    /**
     * Doris committed each transaction once, and only transactions that a completed checkpoint covers:
     * nothing of an unfinished checkpoint, nothing the committer was not asked to commit.
     */
    void assertEveryCommitBelongsToACompletedCheckpoint() {
        Set<String> ofCompleted = transactionsCoveredByCompletedCheckpoints();
        Set<String> requested = ledger.commitRequested();
        Set<String> seen = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        for (CommitRecord commit : doris.commits()) {
            if (!ofTheJob.test(commit)) {
                continue;
            }
            String txn = ChaosLedger.transaction(commit.db(), commit.label());
            if (!seen.add(txn)) {
                wrong.add(txn + " committed twice");
            } else if (!ofCompleted.contains(txn)) {
                wrong.add(txn + " belongs to no completed checkpoint (" + handedOverWith(txn) + ")");
            } else if (!requested.contains(txn)) {
                wrong.add(txn + " was never handed to the committer");
            }
        }
        assertTrue(wrong.isEmpty(), "Commits Doris recorded that exactly once forbids: " + wrong);
        assertFalse(seen.isEmpty(), "Doris recorded no commit at all");
    }

    /** Every transaction a completed checkpoint covers is visible: none was lost on the way. */
    void assertEveryCompletedCheckpointCommitted() {
        Map<String, String> notVisible = new HashMap<>();
        // Doris forgets committed labels after streaming_label_keep_max_second; its commit log keeps them
        Set<String> committed = doris.commits().stream()
                .map(commit -> ChaosLedger.transaction(commit.db(), commit.label()))
                .collect(Collectors.toSet());
        for (String txn : transactionsCoveredByCompletedCheckpoints()) {
            Optional<TxnInfo> info = inDoris(doris, txn);
            if (info.isEmpty()) {
                if (!committed.contains(txn)) {
                    notVisible.put(txn, "unknown to Doris");
                }
            } else if (info.get().state() != TxnState.VISIBLE && info.get().state() != TxnState.COMMITTED) {
                notVisible.put(txn, info.get().toString());
            }
        }
        assertEquals(Map.of(), notVisible, "transactions of completed checkpoints that Doris did not commit");
    }

    /** What Doris knows of a transaction the ledger names ({@link ChaosLedger#transaction database/label}). */
    static Optional<TxnInfo> inDoris(DorisTestServer doris, String transaction) {
        String[] dbAndLabel = transaction.split("/", 2);
        return doris.transaction(dbAndLabel[0], dbAndLabel[1]);
    }

    /**
     * Transactions that a completed checkpoint's state holds or held. One handed over with checkpoint n is in the
     * committer's state of every later checkpoint of the same execution attempt until it is committed (Flink 1.18
     * commits, on completion of m, the committables of every checkpoint up to m, including those of checkpoints
     * that were aborted). So it is covered once a checkpoint m >= n of that attempt completed; a restore from a
     * checkpoint carries it on. Completed means Flink wrote the checkpoint's metadata.
     */
    Set<String> transactionsCoveredByCompletedCheckpoints() {
        Map<String, Long> lastCompletedByAttempt = new HashMap<>();
        List<WriterSnapshot> snapshots = ledger.snapshots();
        for (WriterSnapshot snapshot : snapshots) {
            if (completed(snapshot.jobId(), snapshot.checkpointId())) {
                lastCompletedByAttempt.merge(attemptOf(snapshot), snapshot.checkpointId(), Math::max);
            }
        }
        Set<String> transactions = new HashSet<>();
        for (WriterSnapshot snapshot : snapshots) {
            if (snapshot.checkpointId() <= lastCompletedByAttempt.getOrDefault(attemptOf(snapshot), -1L)) {
                transactions.addAll(snapshot.transactions());
            }
        }
        return transactions;
    }

    private String handedOverWith(String txn) {
        return ledger.snapshots().stream()
                .filter(snapshot -> snapshot.transactions().contains(txn))
                .map(snapshot -> snapshot + (completed(snapshot.jobId(), snapshot.checkpointId()) ? " completed" : ""))
                .findFirst()
                .orElse("in no writer snapshot");
    }

    private boolean completed(String jobId, long checkpointId) {
        return Files.isRegularFile(checkpointDir.resolve(jobId).resolve("chk-" + checkpointId).resolve("_metadata"));
    }

    private static String attemptOf(WriterSnapshot snapshot) {
        return snapshot.jobId() + "/" + snapshot.attempt();
    }
}
