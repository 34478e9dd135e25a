package io.doris2pc.cdc35;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.source.RichSourceFunction;

import java.util.List;

/**
 * Emits a {@link Script}'s steps as the test releases them and keeps the next step in its checkpointed state, as a
 * CDC source keeps its binlog offset: after a failover it emits again what followed the restored checkpoint.
 */
final class ScriptedSource extends RichSourceFunction<Event> implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    private final String scriptName;
    private transient ListState<Integer> nextStepState;
    private int nextStep;
    private volatile boolean running = true;

    ScriptedSource(String scriptName) {
        this.scriptName = scriptName;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        nextStepState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("next-step", Integer.class));
        for (Integer restored : nextStepState.get()) {
            nextStep = restored;
        }
        Script.named(scriptName).started();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        if (Script.named(scriptName).checkpointsBlocked()) {
            // Declines the checkpoint (the job tolerates that): none completes until the injected failure.
            throw new IllegalStateException("Checkpoint " + context.getCheckpointId() + " held back by the test");
        }
        nextStepState.update(List.of(nextStep));
    }

    @Override
    public void run(SourceContext<Event> context) throws Exception {
        Script script = Script.named(scriptName);
        synchronized (context.getCheckpointLock()) {
            // As a CDC source does after a restore: announce each table with its schema at the restored position.
            for (Event create : script.tablesBefore(nextStep)) {
                context.collect(create);
            }
        }
        while (running) {
            if (nextStep < script.size() && script.mayEmit(nextStep)) {
                synchronized (context.getCheckpointLock()) {
                    for (Event event : script.step(nextStep)) {
                        context.collect(event);
                    }
                    nextStep++;
                }
                if (script.failsAfter(nextStep - 1)) {
                    while (!script.failureReleased()) {
                        Thread.sleep(10);
                    }
                    script.unblockCheckpoints();
                    throw new IllegalStateException("Failure injected after step " + (nextStep - 1));
                }
            } else {
                Thread.sleep(10);
            }
        }
    }

    @Override
    public void cancel() {
        running = false;
    }
}
