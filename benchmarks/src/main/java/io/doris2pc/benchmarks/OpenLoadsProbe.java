package io.doris2pc.benchmarks;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplier;
import io.doris2pc.connector.sink.Doris2pcCommittable;
import io.doris2pc.connector.sink.Doris2pcCommitter;
import io.doris2pc.connector.sink.Doris2pcWriter;
import io.doris2pc.connector.sink.LabelNamespace;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.data.binary.BinaryStringData;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.cdc.common.types.RowType;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.util.UserCodeClassLoader;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One sink subtask's cost of many tables, in a JVM of its own (the Doris test server runs in the parent, so the
 * threads, sockets and heap counted here are the writer's): the applier's time per CREATE TABLE, threads, sockets
 * and heap per open Stream Load, and the committer's time for one checkpoint's transactions.
 *
 * <pre>OpenLoadsProbe --fenodes H:P --user U --password P --tables N --max-open-loads M --result FILE</pre>
 */
public final class OpenLoadsProbe {
    private OpenLoadsProbe() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--fenodes", "--user", "--password", "--tables", "--max-open-loads", "--result")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("Missing option " + required);
            }
        }
        int tables = Integer.parseInt(options.get("--tables"));
        Doris2pcSinkConfig config = Doris2pcSinkConfig.from(Configuration.fromMap(Map.of(
                "fenodes", options.get("--fenodes"),
                "username", options.get("--user"),
                "password", options.get("--password"),
                "sink.label-prefix", "probe" + options.get("--max-open-loads"),
                "table.create.properties.replication_num", "1",
                "sink.max-open-loads", options.get("--max-open-loads"))), ZoneId.of("UTC"));
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("name", DataTypes.VARCHAR(20))
                .physicalColumn("amount", DataTypes.BIGINT())
                .primaryKey("id")
                .build();
        BinaryRecordDataGenerator rows = new BinaryRecordDataGenerator((RowType) schema.toRowDataType());
        String db = "probe_" + options.get("--max-open-loads");
        Properties result = new Properties();

        Doris2pcMetadataApplier applier = new Doris2pcMetadataApplier(config);
        List<TableId> ids = new ArrayList<>();
        long ddlStart = System.nanoTime();
        for (int t = 0; t < tables; t++) {
            TableId id = TableId.tableId(db, "t_" + t);
            applier.applySchemaChange(new CreateTableEvent(id, schema));
            ids.add(id);
        }
        result.setProperty("ddlMillisPerTable", String.valueOf((System.nanoTime() - ddlStart) / 1e6 / tables));

        Snapshot before = Snapshot.take();
        Doris2pcWriter writer = new Doris2pcWriter(config, LabelNamespace.newRunId(), new ProbeContext(), List.of());
        SinkWriter.Context context = new SinkWriter.Context() {
            @Override
            public long currentWatermark() {
                return Long.MIN_VALUE;
            }

            @Override
            public Long timestamp() {
                return null;
            }
        };
        for (TableId id : ids) {
            writer.write(new CreateTableEvent(id, schema), context);
        }
        for (TableId id : ids) {
            writer.write(DataChangeEvent.insertEvent(id,
                    rows.generate(new Object[] {1, BinaryStringData.fromString("row"), 1L})), context);
        }
        Snapshot open = Snapshot.take();
        result.setProperty("threads", String.valueOf(open.threads - before.threads));
        result.setProperty("sockets", String.valueOf(open.sockets - before.sockets));
        result.setProperty("heapBytes", String.valueOf(open.heapUsed - before.heapUsed));

        writer.flush(false);
        Collection<Doris2pcCommittable> committables = writer.prepareCommit();
        result.setProperty("transactions", String.valueOf(committables.size()));
        long commitStart = System.nanoTime();
        int retried = 0;
        try (Doris2pcCommitter committer = new Doris2pcCommitter(config)) {
            List<RetryingRequest> pending = new ArrayList<>();
            committables.forEach(c -> pending.add(new RetryingRequest(c)));
            // As Flink's CommitterOperator does: requests the committer asked to retry come back later.
            while (!pending.isEmpty()) {
                pending.forEach(RetryingRequest::select);
                committer.commit(new ArrayList<CommitRequest<Doris2pcCommittable>>(pending));
                pending.removeIf(request -> !request.retry);
                if (!pending.isEmpty()) {
                    retried += pending.size();
                    Thread.sleep(1000);
                }
            }
        }
        result.setProperty("commitRetries", String.valueOf(retried));
        result.setProperty("commitMillis", String.valueOf((System.nanoTime() - commitStart) / 1_000_000));
        writer.close();
        try (OutputStream out = Files.newOutputStream(Paths.get(options.get("--result")))) {
            result.store(out, "OpenLoadsProbe");
        }
        System.exit(0);
    }

    /** Threads, sockets and heap used after a full GC of this JVM. */
    private static final class Snapshot {
        final int threads;
        final long sockets;
        final long heapUsed;

        private Snapshot(int threads, long sockets, long heapUsed) {
            this.threads = threads;
            this.sockets = sockets;
            this.heapUsed = heapUsed;
        }

        static Snapshot take() throws IOException {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            memory.gc();
            long sockets;
            try (Stream<Path> fds = Files.list(Paths.get("/proc/self/fd"))) {
                sockets = fds.filter(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                    } catch (IOException e) {
                        return false;
                    }
                }).count();
            }
            return new Snapshot(ManagementFactory.getThreadMXBean().getThreadCount(), sockets,
                    memory.getHeapMemoryUsage().getUsed());
        }
    }

    /** A commit request that fails the probe on a failure and remembers a request to retry. */
    private static final class RetryingRequest implements CommitRequest<Doris2pcCommittable> {
        private final Doris2pcCommittable committable;
        private int retries;
        boolean retry;

        RetryingRequest(Doris2pcCommittable committable) {
            this.committable = committable;
        }

        void select() {
            retry = false;
        }

        @Override
        public Doris2pcCommittable getCommittable() {
            return committable;
        }

        @Override
        public int getNumberOfRetries() {
            return retries;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            throw new IllegalStateException("commit of " + committable + " failed", t);
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            throw new IllegalStateException("commit of " + committable + " failed", t);
        }

        @Override
        public void retryLater() {
            retry = true;
            retries++;
        }

        @Override
        public void updateAndRetryLater(Doris2pcCommittable c) {
            throw new IllegalStateException("commit of " + committable + " asked for a retry");
        }

        @Override
        public void signalAlreadyCommitted() {}
    }

    /** The writer's view of its subtask: subtask 0 of 1, a fresh start, no metrics reported. */
    private static final class ProbeContext implements Sink.InitContext {
        private final JobID jobId = new JobID();

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            ClassLoader loader = OpenLoadsProbe.class.getClassLoader();
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
            throw new UnsupportedOperationException();
        }

        @Override
        public ProcessingTimeService getProcessingTimeService() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getSubtaskId() {
            return 0;
        }

        @Override
        public int getNumberOfParallelSubtasks() {
            return 1;
        }

        @Override
        public int getAttemptNumber() {
            return 0;
        }

        @Override
        public SinkWriterMetricGroup metricGroup() {
            return InternalSinkWriterMetricGroup.wrap(UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup());
        }

        @Override
        public OptionalLong getRestoredCheckpointId() {
            return OptionalLong.empty();
        }

        @Override
        public SerializationSchema.InitializationContext asSerializationSchemaInitializationContext() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isObjectReuseEnabled() {
            return false;
        }

        @Override
        public <IN> TypeSerializer<IN> createInputSerializer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public JobID getJobId() {
            return jobId;
        }
    }
}
