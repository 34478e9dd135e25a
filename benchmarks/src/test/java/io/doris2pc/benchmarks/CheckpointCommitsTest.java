package io.doris2pc.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckpointCommitsTest {
    @Test
    void eachCommitBelongsToTheLastCheckpointCompletedBeforeIt() {
        List<CheckpointCommits.Commits> commits = CheckpointCommits.of(List.of(1_000L, 2_000L, 3_000L),
                List.of(1_010L, 1_400L, 1_250L, 3_005L));
        assertEquals(2, commits.size(), "the checkpoint at 2,000 committed nothing and is left out");
        assertEquals(3, commits.get(0).transactions);
        assertEquals(400, commits.get(0).millisAfterCompletion);
        assertEquals(1, commits.get(1).transactions);
        assertEquals(5, commits.get(1).millisAfterCompletion);
    }

    @Test
    void aCommitJustBeforeTheSourceHeardOfTheCompletionStillBelongsToIt() {
        List<CheckpointCommits.Commits> commits = CheckpointCommits.of(List.of(3_000L, 1_000L),
                List.of(1_500L, 2_950L, 3_020L));
        assertEquals(1, commits.get(0).transactions);
        assertEquals(2, commits.get(1).transactions);
        assertEquals(20, commits.get(1).millisAfterCompletion);
    }

    @Test
    void aCommitBeforeTheFirstCompletionHeardOfCountsToTheFirstCheckpoint() {
        List<CheckpointCommits.Commits> commits = CheckpointCommits.of(List.of(1_000L), List.of(500L, 1_300L));
        assertEquals(1, commits.size());
        assertEquals(2, commits.get(0).transactions);
        assertEquals(300, commits.get(0).millisAfterCompletion);
    }
}
