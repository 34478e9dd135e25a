package io.doris2pc.e2e.chaos;

import io.doris2pc.connector.sink.Doris2pcCommittable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a chaos sink did, one tab-separated line per fact, appended by every subtask and attempt of every JVM that
 * ran the job: each writer state snapshot with the transactions handed over for its checkpoint, the ones the committer
 * was asked to commit, the pre-committed transactions the injected failure left behind, and the failure itself.
 * Tests read it to check that every transaction Doris committed belongs to a checkpoint that completed.
 */
public final class ChaosLedger {

    private static final Object APPEND_LOCK = new Object();

    private static final String SNAPSHOT = "SNAPSHOT";
    private static final String COMMIT_REQUESTED = "COMMIT_REQUESTED";
    private static final String ABANDONED = "ABANDONED";
    private static final String FIRED = "FIRED";

    private final Path file;

    ChaosLedger(Path file) {
        this.file = file;
    }

    /**
     * How the ledger names a transaction, {@code database/label}: a label is unique in its database only, and a
     * writer numbers its labels per database, so the same label names different transactions in two databases.
     */
    public static String transaction(String db, String label) {
        return db + '/' + label;
    }

    static String transaction(Doris2pcCommittable committable) {
        return transaction(committable.db(), committable.label());
    }

    /**
     * A writer subtask's state snapshot for checkpoint {@code checkpointId}, with the transactions it handed to the
     * committer for that checkpoint (possibly none).
     */
    void snapshot(String jobId, String attempt, long checkpointId, int subtask, Collection<String> transactions) {
        append(List.of(String.join(
                "\t", SNAPSHOT, jobId, attempt, Long.toString(checkpointId), Integer.toString(subtask),
                String.join(",", transactions))));
    }

    void commitRequested(Collection<String> transactions) {
        append(tagged(COMMIT_REQUESTED, transactions));
    }

    void abandoned(Collection<String> transactions) {
        append(tagged(ABANDONED, transactions));
    }

    void fired(FailurePoint point, String where) {
        append(List.of(String.join("\t", FIRED, point.name(), where)));
    }

    /** Every writer snapshot, in the order they were taken. */
    public List<WriterSnapshot> snapshots() {
        List<WriterSnapshot> snapshots = new ArrayList<>();
        for (String[] fields : lines(SNAPSHOT)) {
            List<String> transactions =
                    fields.length > 5 && !fields[5].isEmpty() ? List.of(fields[5].split(",")) : List.of();
            snapshots.add(new WriterSnapshot(fields[1], fields[2], Long.parseLong(fields[3]), transactions));
        }
        return snapshots;
    }

    /** Transactions the committer was asked to commit. */
    public Set<String> commitRequested() {
        return transactions(COMMIT_REQUESTED);
    }

    /**
     * Transactions pre-committed by the real writer and never handed to a committer, because the failure came first.
     */
    public Set<String> abandoned() {
        return transactions(ABANDONED);
    }

    private Set<String> transactions(String kind) {
        Set<String> transactions = new LinkedHashSet<>();
        for (String[] fields : lines(kind)) {
            transactions.add(fields[1]);
        }
        return transactions;
    }

    private List<String[]> lines(String kind) {
        List<String[]> matching = new ArrayList<>();
        if (!Files.exists(file)) {
            return matching;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split("\t");
                if (fields[0].equals(kind)) {
                    matching.add(fields);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the chaos ledger " + file, e);
        }
        return matching;
    }

    private static List<String> tagged(String kind, Collection<String> transactions) {
        List<String> lines = new ArrayList<>();
        for (String transaction : transactions) {
            lines.add(kind + "\t" + transaction);
        }
        return lines;
    }

    /** One write per call: lines of different subtasks never interleave. */
    private void append(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (APPEND_LOCK) {
            try {
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot append to the chaos ledger " + file, e);
            }
        }
    }
}
