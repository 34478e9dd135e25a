package io.doris2pc.benchmarks.source;

import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cdc.common.data.RecordData;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.source.RichSourceFunction;

import java.util.List;

/**
 * Emits a CreateTableEvent, then {@code rows} change events of {@link ChangeMix} as fast as the job takes
 * them, then ends; the measured part of the run starts after a fifth of them. Emits under the checkpoint lock, so the count at each barrier is exact.
 */
final class ChangeEventGenerator extends RichSourceFunction<Event>
        implements CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    /** The first fifth of the events warm the JVM up (JIT compilation costs more CPU than a short run's rows). */
    private static final long WARM_UP_SHARE = 5;

    private final TableId tableId;
    private final TableShape shape;
    private final long rows;
    private transient ListState<Long> emittedState;
    private transient long emitted;
    private transient boolean tableCreated;
    private volatile boolean running = true;

    ChangeEventGenerator(TableId tableId, TableShape shape, long rows) {
        this.tableId = tableId;
        this.shape = shape;
        this.rows = rows;
    }

    @Override
    public void run(SourceContext<Event> ctx) {
        RecordBuilder records = new RecordBuilder(shape.schema().getColumnDataTypes().toArray(new DataType[0]));
        ChangeMix mix = new ChangeMix(emitted);
        if (!tableCreated) {
            synchronized (ctx.getCheckpointLock()) {
                ctx.collect(new CreateTableEvent(tableId, shape.schema()));
                tableCreated = true;
            }
        }
        long warmUp = rows / WARM_UP_SHARE;
        while (running && emitted < rows) {
            if (emitted == warmUp) {
                SourceProgress.measureFrom(emitted);
            }
            ChangeMix.Change change = mix.next(emitted);
            DataChangeEvent event = event(change, records);
            synchronized (ctx.getCheckpointLock()) {
                ctx.collect(event);
                emitted++;
            }
        }
        SourceProgress.lastEvent(System.currentTimeMillis());
    }

    private DataChangeEvent event(ChangeMix.Change change, RecordBuilder records) {
        switch (change.type) {
            case INSERT:
                return DataChangeEvent.insertEvent(tableId, record(records, change.key, 0));
            case UPDATE:
                return DataChangeEvent.updateEvent(
                        tableId, record(records, change.key, 0), record(records, change.key, 1));
            default:
                return DataChangeEvent.deleteEvent(tableId, record(records, change.key, 1));
        }
    }

    private RecordData record(RecordBuilder records, long key, int version) {
        return records.build(shape.values(key, version));
    }

    @Override
    public void cancel() {
        running = false;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        emittedState.update(List.of(emitted));
        SourceProgress.barrier(context.getCheckpointId(), emitted);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        emittedState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("emitted", Types.LONG));
        for (Long restored : emittedState.get()) {
            emitted = restored;
            tableCreated = true;
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        SourceProgress.completed(checkpointId, System.currentTimeMillis());
    }
}
