package io.doris2pc.benchmarks;

import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.functions.source.SourceFunction;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Notes when each checkpoint completed. A source of its own that emits nothing: the change source's task hears of
 * a completed checkpoint late when back pressure blocks it inside {@code collect} while it holds the checkpoint
 * lock, and a sink task's operators hear of it after its committer committed. Ends once {@code done} says so.
 */
final class CheckpointClock implements SourceFunction<Integer>, CheckpointListener {
    private static final long POLL_MILLIS = 10;

    /** Checkpoint id to the wall time it completed. */
    static final Map<Long, Long> COMPLETED_MILLIS = new ConcurrentHashMap<>();

    private final SerializableBooleanSupplier done;
    private volatile boolean running = true;

    /** A lambda that reads a static of this JVM, not a copy serialized with the job. */
    interface SerializableBooleanSupplier extends BooleanSupplier, Serializable {}

    CheckpointClock(SerializableBooleanSupplier done) {
        this.done = done;
    }

    @Override
    public void run(SourceContext<Integer> ctx) throws InterruptedException {
        while (running && !done.getAsBoolean()) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    @Override
    public void cancel() {
        running = false;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        COMPLETED_MILLIS.put(checkpointId, System.currentTimeMillis());
    }
}
