package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.DorisTransactions;
import io.doris2pc.connector.client.LoadState;
import io.doris2pc.connector.client.TwoPhaseCommitAnswer;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link DorisTransactions} that gives scripted answers (Doris's exact texts) and records the calls. */
final class ScriptedTransactions implements DorisTransactions {

    private final Deque<Object> commitAnswers = new ArrayDeque<>();
    private final Deque<Object> abortAnswers = new ArrayDeque<>();
    private final Map<String, Object> loadStates = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    /** Queues the answer of the next commit: a {@link TwoPhaseCommitAnswer} or an {@link IOException}. */
    ScriptedTransactions commitAnswers(Object... answers) {
        commitAnswers.addAll(List.of(answers));
        return this;
    }

    ScriptedTransactions abortAnswers(Object... answers) {
        abortAnswers.addAll(List.of(answers));
        return this;
    }

    /** The load state of a label: a {@link LoadState} or an {@link IOException}; UNKNOWN when not given. */
    ScriptedTransactions loadState(String label, Object state) {
        loadStates.put(label, state);
        return this;
    }

    @Override
    public TwoPhaseCommitAnswer commit(String db, long txnId) throws IOException {
        calls.add("commit " + db + " " + txnId);
        return next(commitAnswers, "commit");
    }

    @Override
    public TwoPhaseCommitAnswer abort(String db, long txnId) {
        throw new UnsupportedOperationException("abort by id");
    }

    @Override
    public TwoPhaseCommitAnswer abortByLabel(String db, String label) throws IOException {
        calls.add("abort " + db + " " + label);
        return next(abortAnswers, "abort");
    }

    @Override
    public LoadState loadState(String db, String label) throws IOException {
        calls.add("state " + db + " " + label);
        Object state = loadStates.getOrDefault(label, LoadState.UNKNOWN);
        if (state instanceof IOException) {
            throw (IOException) state;
        }
        return (LoadState) state;
    }

    private static TwoPhaseCommitAnswer next(Deque<Object> answers, String operation) throws IOException {
        Object answer = answers.poll();
        if (answer == null) {
            throw new AssertionError("No " + operation + " answer scripted");
        }
        if (answer instanceof IOException) {
            throw (IOException) answer;
        }
        return (TwoPhaseCommitAnswer) answer;
    }
}
