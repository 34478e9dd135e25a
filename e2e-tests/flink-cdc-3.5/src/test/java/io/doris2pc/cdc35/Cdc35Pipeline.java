package io.doris2pc.cdc35;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.SchemaChangeEventType;
import org.apache.flink.cdc.common.pipeline.SchemaChangeBehavior;
import org.apache.flink.cdc.common.sink.DataSink;
import org.apache.flink.cdc.common.sink.FlinkSinkProvider;
import org.apache.flink.cdc.common.sink.MetadataApplier;
import org.apache.flink.cdc.runtime.operators.schema.regular.SchemaOperatorFactory;
import org.apache.flink.cdc.runtime.operators.sink.DataSinkWriterOperatorFactory;
import org.apache.flink.cdc.runtime.typeutils.EventTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessageTypeInfo;
import org.apache.flink.streaming.api.connector.sink2.WithPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperatorFactory;

import org.apache.flink.shaded.guava31.com.google.common.hash.Hashing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The job Flink CDC 3.5's composer builds for a regular (not distributed) pipeline, from the schema operator on,
 * wired here because {@code flink-cdc-composer} 3.5 is not served. As release-3.5.0's {@code
 * FlinkPipelineComposer.translate}, {@code SchemaOperatorTranslator} and {@code DataSinkTranslator} do: the source's
 * events go through {@code SchemaOperator} (uid {@code $$_schema_operator_$$}, its operator id derived as {@code
 * OperatorIDGenerator} derives it), the sink's pre-write topology, {@code DataSinkWriterOperator}, then Flink's
 * {@code CommitterOperator}. Left out: source connector and transforms (a {@link ScriptedSource} stands for them)
 * and the partitioning operators between schema operator and sink, which forward every event unchanged at
 * parallelism 1.
 */
final class Cdc35Pipeline {

    /** {@code PipelineOptions.PIPELINE_SCHEMA_OPERATOR_UID}'s default. */
    private static final String SCHEMA_OPERATOR_UID = "$$_schema_operator_$$";

    private Cdc35Pipeline() {}

    /**
     * Starts the job on a MiniCluster: checkpoints every {@code checkpointInterval} (a declined one does not fail the
     * job), up to 3 restarts.
     */
    static JobClient start(Script script, DataSink dataSink, Duration checkpointInterval) throws Exception {
        Configuration configuration = Configuration.fromMap(Map.of(
                "restart-strategy.type", "fixed-delay",
                "restart-strategy.fixed-delay.attempts", "3",
                "restart-strategy.fixed-delay.delay", "200 ms"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, configuration);
        env.enableCheckpointing(checkpointInterval.toMillis());
        env.getCheckpointConfig().setTolerableCheckpointFailureNumber(Integer.MAX_VALUE);

        DataStream<Event> events = env.addSource(new ScriptedSource(script.name()), "Scripted source", new EventTypeInfo());
        // Every event type accepted, as `exclude.schema.changes: []` in a YAML does (3.5 excludes truncate and drop
        // by default in lenient mode); EVOLVE applies column drops and renames as they are.
        MetadataApplier applier = dataSink.getMetadataApplier()
                .setAcceptedSchemaEvolutionTypes(EnumSet.allOf(SchemaChangeEventType.class));
        DataStream<Event> evolved = events.transform(
                        "SchemaOperator",
                        new EventTypeInfo(),
                        new SchemaOperatorFactory(
                                applier, List.of(), Duration.ofMinutes(3), SchemaChangeBehavior.EVOLVE, "UTC"))
                .uid(SCHEMA_OPERATOR_UID);
        sinkTo(evolved, ((FlinkSinkProvider) dataSink.getEventSinkProvider()).getSink());
        return env.executeAsync("doris2pc on Flink CDC 3.5");
    }

    @SuppressWarnings("unchecked")
    private static void sinkTo(DataStream<Event> input, Sink<Event> sink) throws Exception {
        DataStream<Event> stream = input;
        if (sink instanceof WithPreWriteTopology) {
            stream = ((WithPreWriteTopology<Event>) sink).addPreWriteTopology(stream);
        }
        TypeInformation<CommittableMessage<Object>> committables =
                CommittableMessageTypeInfo.of(() -> committableSerializer(sink));
        stream.transform("Sink Writer", committables,
                        new DataSinkWriterOperatorFactory<Object>(sink, false, schemaOperatorId()))
                .uid("sink-writer")
                .transform("Sink Committer", committables, committerOperator(sink))
                .uid("sink-committer");
    }

    /** As {@code OperatorIDGenerator.generate()}: Flink's hash of a user-specified uid. */
    private static OperatorID schemaOperatorId() {
        return new OperatorID(Hashing.murmur3_128(0).newHasher()
                .putString(SCHEMA_OPERATOR_UID, StandardCharsets.UTF_8).hash().asBytes());
    }

    /** As {@code DataSinkTranslator.getCommittableSerializer}: by reflection, the sink's own method. */
    @SuppressWarnings("unchecked")
    private static SimpleVersionedSerializer<Object> committableSerializer(Sink<Event> sink) {
        try {
            return (SimpleVersionedSerializer<Object>)
                    sink.getClass().getDeclaredMethod("getCommittableSerializer").invoke(sink);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The sink declares no getCommittableSerializer()", e);
        }
    }

    /** As {@code DataSinkTranslator.getCommitterOperatorFactory}: Flink's internal factory, by reflection. */
    @SuppressWarnings("unchecked")
    private static OneInputStreamOperatorFactory<CommittableMessage<Object>, CommittableMessage<Object>>
            committerOperator(Sink<Event> sink) throws ReflectiveOperationException {
        return (OneInputStreamOperatorFactory<CommittableMessage<Object>, CommittableMessage<Object>>)
                Class.forName("org.apache.flink.streaming.runtime.operators.sink.CommitterOperatorFactory")
                        .getDeclaredConstructors()[0]
                        .newInstance(sink, false, true);
    }
}
