package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.LoadState;
import io.doris2pc.connector.client.TwoPhaseCommitAnswer;

import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The aborter's walk and its reading of Doris's abort answers, on scripted answers (FE LoadAction). */
class TransactionAborterRulesTest {

    private static final LabelNamespace NS = new LabelNamespace("job", "k3x9", 5, 1);

    private final ScriptedTransactions doris = new ScriptedTransactions();
    private final TransactionAborter aborter = new TransactionAborter(doris, new DorisRetries(2, Duration.ZERO), 3, Duration.ZERO, new SimpleCounter());

    @Test
    void nothingUsedReturnsTheStartAfterCheckingTheLimit() throws IOException {
        assertEquals(4, aborter.abortLingering(NS, "sales", 4).nextFree());

        assertEquals(List.of("state sales job_k3x9_5_1_4", "state sales job_k3x9_5_1_5", "state sales job_k3x9_5_1_6"),
                doris.calls);
    }

    @Test
    void gapsShorterThanTheLimitAreWalkedOver() throws IOException {
        doris.loadState(NS.label(0), LoadState.VISIBLE)
                .loadState(NS.label(3), LoadState.ABORTED)
                .loadState(NS.label(6), LoadState.COMMITTED)
                .loadState(NS.label(10), LoadState.VISIBLE);

        assertEquals(7, aborter.abortLingering(NS, "sales", 0).nextFree());

        assertEquals(10, doris.calls.size());
        assertEquals(List.of(), aborts());
    }

    @Test
    void openTransactionsAreAbortedAndFinishedOnesLeftAlone() throws IOException {
        doris.loadState(NS.label(2), LoadState.PRECOMMITTED)
                .loadState(NS.label(3), LoadState.VISIBLE)
                .loadState(NS.label(4), LoadState.PREPARE)
                .loadState(NS.label(5), LoadState.ABORTED)
                .loadState(NS.label(7), LoadState.PRECOMMITTED)
                .abortAnswers(
                        new TwoPhaseCommitAnswer(
                                "Success", "label [job_k3x9_5_1_2] transaction [7] abort successfully."),
                        new TwoPhaseCommitAnswer("Success", "transaction [9] abort successfully."),
                        new TwoPhaseCommitAnswer("Success", "transaction [12] abort successfully."));

        assertEquals(8, aborter.abortLingering(NS, "sales", 2).nextFree());

        assertEquals(List.of("abort sales job_k3x9_5_1_2", "abort sales job_k3x9_5_1_4", "abort sales job_k3x9_5_1_7"),
                aborts());
    }

    @Test
    void answersSayingTheTransactionIsNoLongerOpenAreFine() throws IOException {
        doris.loadState(NS.label(0), LoadState.PRECOMMITTED)
                .loadState(NS.label(1), LoadState.PRECOMMITTED)
                .loadState(NS.label(2), LoadState.PREPARE)
                .loadState(NS.label(3), LoadState.PRECOMMITTED)
                .loadState(NS.label(4), LoadState.PRECOMMITTED)
                .abortAnswers(
                        new TwoPhaseCommitAnswer("ANALYSIS_ERROR",
                                "TStatus: errCode = 2, detailMessage = transaction not found,"
                                        + " label=job_k3x9_5_1_0"),
                        new TwoPhaseCommitAnswer("ANALYSIS_ERROR",
                                "TStatus: errCode = 2, detailMessage = transaction [8] is already aborted, abort reason:"
                                        + " timeout by txn manager"),
                        new TwoPhaseCommitAnswer("Fail", "transaction [9] is already COMMITTED, could not abort."),
                        new TwoPhaseCommitAnswer("Fail", "transaction [10] is already VISIBLE, could not abort."),
                        new TwoPhaseCommitAnswer("Fail", "transaction [11] not found"));

        assertEquals(5, aborter.abortLingering(NS, "sales", 0).nextFree());

        assertEquals(5, aborts().size());
    }

    @Test
    void refusalsAndTransportErrorsAreRetriedThenFail() {
        doris.loadState(NS.label(0), LoadState.PRECOMMITTED)
                .abortAnswers(
                        new IOException("Connection refused"),
                        new TwoPhaseCommitAnswer("ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = get tableList"
                                + " write lock timeout"),
                        new TwoPhaseCommitAnswer("ANALYSIS_ERROR", "TStatus: errCode = 2, detailMessage = unknown"
                                + " database, database=sales"));

        IOException error = assertThrows(IOException.class, () -> aborter.abortLingering(NS, "sales", 0).nextFree());

        assertEquals(
                "Could not abort lingering transaction job_k3x9_5_1_0 in Doris database sales after 3 attempts; Doris"
                        + " answered {status=ANALYSIS_ERROR, msg=TStatus: errCode = 2, detailMessage = unknown"
                        + " database, database=sales}",
                error.getMessage());
        assertEquals(3, aborts().size());
    }

    @Test
    void aRetriedAbortThatSucceedsGoesOn() throws IOException {
        doris.loadState(NS.label(0), LoadState.PRECOMMITTED)
                .abortAnswers(
                        new IOException("Read timed out"),
                        new TwoPhaseCommitAnswer("Success", "transaction [7] abort successfully."));

        assertEquals(1, aborter.abortLingering(NS, "sales", 0).nextFree());
    }

    @Test
    void unreachableLoadStateFails() {
        doris.loadState(NS.label(1), new IOException("FE answered HTTP 503"));

        IOException error = assertThrows(IOException.class, () -> aborter.abortLingering(NS, "sales", 0).nextFree());
        assertEquals("FE answered HTTP 503", error.getMessage());
    }

    private List<String> aborts() {
        return doris.calls.stream().filter(c -> c.startsWith("abort")).collect(Collectors.toList());
    }
}
