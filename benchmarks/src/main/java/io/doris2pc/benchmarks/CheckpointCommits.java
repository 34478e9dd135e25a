package io.doris2pc.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The commits of each checkpoint, from the wall times the Doris test server recorded: a commit belongs to the
 * last checkpoint completed before it (committers commit only after a checkpoint completed), with a tolerance
 * because the completion time is one task's notification ({@link CheckpointClock}), which can come a little after
 * the sink's. A commit before the first completion heard of counts to the first checkpoint.
 */
final class CheckpointCommits {
    static final long TOLERANCE_MILLIS = 100;

    /** One checkpoint that committed something: how many transactions, and until the last one. */
    static final class Commits {
        final int transactions;
        final long millisAfterCompletion;

        Commits(int transactions, long millisAfterCompletion) {
            this.transactions = transactions;
            this.millisAfterCompletion = millisAfterCompletion;
        }
    }

    private CheckpointCommits() {}

    /**
     * @param completedMillis wall times checkpoints completed, at least one
     * @param commitMillis wall times of the commits
     * @return one entry per checkpoint that committed anything, in completion order
     */
    static List<Commits> of(List<Long> completedMillis, List<Long> commitMillis) {
        List<Long> completed = new ArrayList<>(completedMillis);
        Collections.sort(completed);
        int[] counts = new int[completed.size()];
        long[] last = new long[completed.size()];
        for (long commit : commitMillis) {
            int checkpoint = -1;
            for (int i = 0; i < completed.size() && completed.get(i) - TOLERANCE_MILLIS <= commit; i++) {
                checkpoint = i;
            }
            checkpoint = Math.max(0, checkpoint);
            counts[checkpoint]++;
            last[checkpoint] = Math.max(last[checkpoint], commit);
        }
        List<Commits> out = new ArrayList<>();
        for (int i = 0; i < completed.size(); i++) {
            if (counts[i] > 0) {
                out.add(new Commits(counts[i], Math.max(0, last[i] - completed.get(i))));
            }
        }
        return out;
    }
}
