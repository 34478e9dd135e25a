package io.doris2pc.connector.sink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A {@link CommitRequest} that records what the committer signalled, counting retries like Flink's. */
final class RecordingCommitRequest<T> implements CommitRequest<T> {

    enum Signal {
        NONE,
        RETRY_LATER,
        ALREADY_COMMITTED,
        FAILED_KNOWN,
        FAILED_UNKNOWN
    }

    private final T committable;
    private int retries;
    private Signal signal = Signal.NONE;
    private Throwable failure;

    RecordingCommitRequest(T committable) {
        this.committable = committable;
    }

    /** One commit call of {@code committables}, each of which must end committed (now or already before). */
    static <T> void commitAll(Committer<T> committer, Collection<T> committables)
            throws IOException, InterruptedException {
        List<RecordingCommitRequest<T>> requests = new ArrayList<>();
        committables.forEach(c -> requests.add(new RecordingCommitRequest<>(c)));
        committer.commit(new ArrayList<>(requests));
        for (RecordingCommitRequest<T> request : requests) {
            assertTrue(request.signal() == Signal.NONE || request.signal() == Signal.ALREADY_COMMITTED,
                    request.getCommittable() + ": " + request.signal() + " " + request.failure());
        }
    }

    /** Prepares the next attempt, as CommitterOperator does before calling the committer again. */
    void select() {
        signal = Signal.NONE;
    }

    Signal signal() {
        return signal;
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public T getCommittable() {
        return committable;
    }

    @Override
    public int getNumberOfRetries() {
        return retries;
    }

    @Override
    public void signalFailedWithKnownReason(Throwable t) {
        signal = Signal.FAILED_KNOWN;
        failure = t;
    }

    @Override
    public void signalFailedWithUnknownReason(Throwable t) {
        signal = Signal.FAILED_UNKNOWN;
        failure = t;
    }

    @Override
    public void retryLater() {
        signal = Signal.RETRY_LATER;
        retries++;
    }

    @Override
    public void updateAndRetryLater(T committable) {
        throw new UnsupportedOperationException("doris2pc never updates a committable");
    }

    @Override
    public void signalAlreadyCommitted() {
        signal = Signal.ALREADY_COMMITTED;
    }
}
