package io.doris2pc.connector.sink;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.util.UserCodeClassLoader;

import java.util.OptionalLong;

/** The parts of a writer's init context that the doris2pc writer uses, set by the test. */
final class TestInitContext implements Sink.InitContext {

    private final JobID jobId;
    private final int subtask;
    private final int parallelism;
    private final OptionalLong restoredCheckpointId;
    private final SinkWriterMetricGroup metricGroup =
            InternalSinkWriterMetricGroup.wrap(UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup());

    TestInitContext(JobID jobId, int subtask, int parallelism, OptionalLong restoredCheckpointId) {
        this.jobId = jobId;
        this.subtask = subtask;
        this.parallelism = parallelism;
        this.restoredCheckpointId = restoredCheckpointId;
    }

    static TestInitContext fresh(JobID jobId) {
        return new TestInitContext(jobId, 0, 1, OptionalLong.empty());
    }

    TestInitContext restoredFrom(long checkpointId) {
        return new TestInitContext(jobId, subtask, parallelism, OptionalLong.of(checkpointId));
    }

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
        ClassLoader loader = getClass().getClassLoader();
        return new UserCodeClassLoader() {
            @Override
            public ClassLoader asClassLoader() {
                return loader;
            }

            @Override
            public void registerReleaseHookIfAbsent(String releaseHookName, Runnable releaseHook) {}
        };
    }

    @Override
    public MailboxExecutor getMailboxExecutor() {
        throw new UnsupportedOperationException("not used by the doris2pc writer");
    }

    @Override
    public ProcessingTimeService getProcessingTimeService() {
        throw new UnsupportedOperationException("not used by the doris2pc writer");
    }

    @Override
    public int getSubtaskId() {
        return subtask;
    }

    @Override
    public int getNumberOfParallelSubtasks() {
        return parallelism;
    }

    @Override
    public int getAttemptNumber() {
        return 0;
    }

    @Override
    public SinkWriterMetricGroup metricGroup() {
        return metricGroup;
    }

    @Override
    public OptionalLong getRestoredCheckpointId() {
        return restoredCheckpointId;
    }

    @Override
    public SerializationSchema.InitializationContext asSerializationSchemaInitializationContext() {
        throw new UnsupportedOperationException("not used by the doris2pc writer");
    }

    @Override
    public boolean isObjectReuseEnabled() {
        return false;
    }

    @Override
    public <IN> TypeSerializer<IN> createInputSerializer() {
        throw new UnsupportedOperationException("not used by the doris2pc writer");
    }

    @Override
    public JobID getJobId() {
        return jobId;
    }
}
