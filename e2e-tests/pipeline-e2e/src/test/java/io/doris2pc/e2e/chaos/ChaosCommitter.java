package io.doris2pc.e2e.chaos;

import io.doris2pc.connector.sink.Doris2pcCommittable;

import org.apache.flink.api.connector.sink2.Committer;

import java.io.IOException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The real doris2pc committer, plus the ledger of what it was asked to commit and the
 * {@link FailurePoint#COMMIT_BEFORE} / {@link FailurePoint#COMMIT_AFTER} failures. Flink calls it only once the
 * checkpoint of the committables completed, so a failure here is a failure between completion and commit.
 */
final class ChaosCommitter implements Committer<Doris2pcCommittable> {

    private final Committer<Doris2pcCommittable> delegate;
    private final ChaosRun run;
    private final FailurePoint failure;

    ChaosCommitter(Committer<Doris2pcCommittable> delegate, ChaosSettings settings) {
        this.delegate = delegate;
        this.run = settings.run();
        this.failure = settings.failure();
    }

    @Override
    public void commit(Collection<CommitRequest<Doris2pcCommittable>> requests)
            throws IOException, InterruptedException {
        if (requests.isEmpty()) {
            delegate.commit(requests);
            return;
        }
        Collection<String> transactions =
                requests.stream().map(r -> ChaosLedger.transaction(r.getCommittable())).collect(Collectors.toList());
        run.ledger().commitRequested(transactions);
        if (failure == FailurePoint.COMMIT_BEFORE) {
            run.fireOnce(failure, "committer, before committing " + transactions);
        }
        delegate.commit(requests);
        if (failure == FailurePoint.COMMIT_AFTER) {
            run.fireOnce(failure, "committer, after committing " + transactions);
        }
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
