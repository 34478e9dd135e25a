package io.doris2pc.e2e.chaos;

import io.doris2pc.connector.sink.Doris2pcCommittable;
import io.doris2pc.connector.sink.Doris2pcWriter;
import io.doris2pc.connector.sink.Doris2pcWriterState;

import org.apache.flink.api.connector.sink2.StatefulSink.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.TwoPhaseCommittingSink.PrecommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.Event;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The real doris2pc writer, plus the ledger of what it handed over per checkpoint and the {@link FailurePoint#WRITE}
 * and {@link FailurePoint#PREPARE_COMMIT} failures. Flink calls {@code prepareCommit} and then
 * {@code snapshotState(checkpointId)} for the same checkpoint, so every snapshot is recorded there with the labels
 * handed over for its checkpoint.
 */
final class ChaosWriter
        implements PrecommittingSinkWriter<Event, Doris2pcCommittable>,
                StatefulSinkWriter<Event, Doris2pcWriterState> {

    private final Doris2pcWriter delegate;
    private final ChaosRun run;
    private final FailurePoint failure;
    private final int writeAfterRecords;
    private final String jobId;
    private final String attempt;
    private final int subtask;
    private final List<String> handedOver = new ArrayList<>();
    private int recordsInOpenLoads;

    ChaosWriter(Doris2pcWriter delegate, ChaosSettings settings, Sink.InitContext context) {
        this.delegate = delegate;
        this.run = settings.run();
        this.failure = settings.failure();
        this.writeAfterRecords = settings.writeAfterRecords();
        this.jobId = context.getJobId().toHexString();
        this.attempt = "r" + context.getRestoredCheckpointId().orElse(0) + "a" + context.getAttemptNumber();
        this.subtask = context.getSubtaskId();
    }

    @Override
    public void write(Event event, Context context) throws IOException, InterruptedException {
        if (event instanceof DataChangeEvent
                && ++recordsInOpenLoads >= writeAfterRecords
                && failure == FailurePoint.WRITE) {
            run.fireOnce(
                    failure, "writer subtask " + subtask + ", data change " + recordsInOpenLoads + " since its last flush");
        }
        delegate.write(event, context);
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        delegate.flush(endOfInput);
        recordsInOpenLoads = 0;
    }

    @Override
    public Collection<Doris2pcCommittable> prepareCommit() throws IOException, InterruptedException {
        Collection<Doris2pcCommittable> committables = delegate.prepareCommit();
        List<String> transactions = committables.stream().map(ChaosLedger::transaction).collect(Collectors.toList());
        if (failure == FailurePoint.PREPARE_COMMIT && !transactions.isEmpty()) {
            run.fireOnce(
                    failure,
                    "writer subtask " + subtask + ", pre-committed " + transactions,
                    () -> run.ledger().abandoned(transactions));
        }
        handedOver.addAll(transactions);
        return committables;
    }

    @Override
    public List<Doris2pcWriterState> snapshotState(long checkpointId) throws IOException {
        run.ledger().snapshot(jobId, attempt, checkpointId, subtask, handedOver);
        handedOver.clear();
        return delegate.snapshotState(checkpointId);
    }

    @Override
    public void writeWatermark(org.apache.flink.api.common.eventtime.Watermark watermark)
            throws IOException, InterruptedException {
        delegate.writeWatermark(watermark);
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
