package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;

import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.StatefulSink;
import org.apache.flink.api.connector.sink2.TwoPhaseCommittingSink;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.WithPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.ExecutionCheckpointingOptions;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;

/**
 * The Flink Sink V2 of doris2pc: a {@link Doris2pcWriter} per subtask streams rows into two-phase-commit Stream
 * Loads and pre-commits them at each checkpoint; a {@link Doris2pcCommitter} commits them once the checkpoint
 * completes.
 */
public class Doris2pcSink
        implements TwoPhaseCommittingSink<Event, Doris2pcCommittable>,
                StatefulSink<Event, Doris2pcWriterState>,
                WithPreWriteTopology<Event> {

    private static final long serialVersionUID = 1L;

    private final Doris2pcSinkConfig config;
    /** One per submission, shipped with the job graph to every attempt: see {@link LabelNamespace#newRunId}. */
    private final String runId = LabelNamespace.newRunId();

    public Doris2pcSink(Doris2pcSinkConfig config) {
        this.config = config;
    }

    @Override
    public Doris2pcWriter createWriter(InitContext context) {
        return new Doris2pcWriter(config, runId, context, Collections.emptyList());
    }

    @Override
    public Doris2pcWriter restoreWriter(InitContext context, Collection<Doris2pcWriterState> recoveredState) {
        return new Doris2pcWriter(config, runId, context, recoveredState);
    }

    @Override
    public Committer<Doris2pcCommittable> createCommitter() {
        return new Doris2pcCommitter(config);
    }

    /** Declared here, not inherited: the 3.2.0 composer looks it up with {@code getDeclaredMethod}. */
    @Override
    public SimpleVersionedSerializer<Doris2pcCommittable> getCommittableSerializer() {
        return new Doris2pcCommittableSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Doris2pcWriterState> getWriterStateSerializer() {
        return new Doris2pcWriterStateSerializer();
    }

    /**
     * Refuses configurations under which transactions would never be committed or Doris would abort them:
     * <ul>
     *   <li>no checkpointing: the composer commits only on checkpoint completion;
     *   <li>{@code execution.checkpointing.checkpoints-after-tasks-finish.enabled: false}: a bounded pipeline
     *       ({@code scan.startup.mode: snapshot}) hands its last transactions over at the end of input, and only a
     *       final checkpoint commits them (Flink 1.18's {@code CommitterOperator.endInput} commits itself only
     *       without checkpointing or in batch mode); the job would finish and Doris abort them later;
     *   <li>a Stream Load {@code timeout} that a load may outlive: a load stays open from its first row until the
     *       next checkpoint's barrier reaches the writer, up to the checkpoint interval plus the checkpoint timeout
     *       (barriers held up by back-pressure or alignment).
     * </ul>
     */
    @Override
    public DataStream<Event> addPreWriteTopology(DataStream<Event> input) {
        CheckpointConfig checkpoints = input.getExecutionEnvironment().getCheckpointConfig();
        if (!checkpoints.isCheckpointingEnabled()) {
            throw new IllegalStateException(
                    "The doris2pc sink needs Flink checkpointing: it commits each Doris transaction when the "
                            + "checkpoint covering its rows completes, so without checkpoints no row would ever "
                            + "become visible. Set execution.checkpointing.interval (for example 30s) in the Flink "
                            + "configuration (conf/flink-conf.yaml or config.yaml) used to submit the pipeline; "
                            + "note that flink-cdc.sh --use-mini-cluster ignores that configuration.");
        }
        if (!input.getExecutionEnvironment().getConfiguration()
                .get(ExecutionCheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH)) {
            throw new IllegalStateException(
                    "The doris2pc sink needs '"
                            + ExecutionCheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH.key()
                            + "' (true by default): the transactions of the last rows of a pipeline that ends "
                            + "(scan.startup.mode: snapshot) are committed by the checkpoint taken after its tasks "
                            + "finish; without it the job would finish with them uncommitted and Doris would abort "
                            + "them. Remove the setting or set it to true in the Flink configuration.");
        }
        Duration interval = Duration.ofMillis(checkpoints.getCheckpointInterval());
        Duration checkpointTimeout = Duration.ofMillis(checkpoints.getCheckpointTimeout());
        Duration longestLoad = interval.plus(checkpointTimeout);
        config.loadTimeout().filter(timeout -> timeout.compareTo(longestLoad) <= 0).ifPresent(timeout -> {
            throw new IllegalStateException(
                    "The doris2pc sink option 'sink.properties.timeout' (" + timeout.getSeconds() + " s) is not "
                            + "longer than the checkpoint interval (execution.checkpointing.interval, "
                            + interval.getSeconds() + " s) plus the checkpoint timeout "
                            + "(execution.checkpointing.timeout, " + checkpointTimeout.getSeconds() + " s): a "
                            + "Stream Load stays open until the next checkpoint's barrier pre-commits it, which can "
                            + "take that long, and Doris would abort it first. Raise the timeout above "
                            + longestLoad.getSeconds() + " s, or remove it (Doris's "
                            + "stream_load_default_timeout_second applies then).");
        });
        return input;
    }
}
