package io.doris2pc.benchmarks;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.cdc.common.data.binary.BinaryStringData;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.cdc.common.types.RowType;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.source.RichSourceFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole database's events, each paired with the sink subtask it goes to ({@link EventRouter}, the sink's own
 * hash function): a CreateTableEvent per table, then changes at a fixed offered rate for a fixed time, 10 hot
 * tables taking 80 % of them. Runs with parallelism 1. What it did is kept in statics for the run in the same JVM.
 */
final class SkewedChangeSource extends RichSourceFunction<Tuple2<Integer, Event>> {
    static final int HOT_TABLES = 10;
    static final double HOT_SHARE = 0.8;
    static final Schema SCHEMA = Schema.newBuilder()
            .physicalColumn("id", DataTypes.INT().notNull())
            .physicalColumn("name", DataTypes.VARCHAR(20))
            .physicalColumn("amount", DataTypes.BIGINT())
            .physicalColumn("note", DataTypes.STRING())
            .primaryKey("id")
            .build();
    private static final int KEYS_PER_TABLE = 100_000;
    private static final long TICK_MILLIS = 5;

    static final AtomicLong EMITTED = new AtomicLong();
    static final AtomicLong FIRST_CHANGE_MILLIS = new AtomicLong();
    static final AtomicBoolean DONE = new AtomicBoolean();

    private final SinkUnderTest sink;
    private final Map<String, String> variables;
    private final String database;
    private final int tables;
    private final int parallelism;
    private final long changesPerSecond;
    private final long seconds;
    private transient EventRouter router;
    private volatile boolean running = true;

    SkewedChangeSource(SinkUnderTest sink, Map<String, String> variables, String database, int tables,
            int parallelism, long changesPerSecond, long seconds) {
        this.sink = sink;
        this.variables = variables;
        this.database = database;
        this.tables = tables;
        this.parallelism = parallelism;
        this.changesPerSecond = changesPerSecond;
        this.seconds = seconds;
    }

    static List<TableId> tableIds(String database, int tables) {
        List<TableId> ids = new ArrayList<>();
        for (int t = 0; t < tables; t++) {
            ids.add(TableId.tableId(database, "t_" + t));
        }
        return ids;
    }

    @Override
    public void open(Configuration parameters) {
        router = new EventRouter(sink.dataSink(variables).getDataChangeEventHashFunctionProvider(parallelism),
                parallelism);
    }

    @Override
    public void run(SourceContext<Tuple2<Integer, Event>> ctx) throws Exception {
        List<TableId> ids = tableIds(database, tables);
        synchronized (ctx.getCheckpointLock()) {
            for (TableId id : ids) {
                router.route(new CreateTableEvent(id, SCHEMA), (event, subtask) -> ctx.collect(Tuple2.of(subtask, event)));
            }
        }
        BinaryRecordDataGenerator rows = new BinaryRecordDataGenerator((RowType) SCHEMA.toRowDataType());
        Random random = new Random(42);
        long total = changesPerSecond * seconds;
        long start = System.currentTimeMillis();
        FIRST_CHANGE_MILLIS.set(start);
        long emitted = 0;
        while (running && emitted < total) {
            long due = Math.min(total, changesPerSecond * (System.currentTimeMillis() - start) / 1000);
            synchronized (ctx.getCheckpointLock()) {
                for (; emitted < due; emitted++) {
                    int t = random.nextDouble() < HOT_SHARE
                            ? random.nextInt(HOT_TABLES)
                            : HOT_TABLES + random.nextInt(tables - HOT_TABLES);
                    DataChangeEvent change = DataChangeEvent.insertEvent(ids.get(t), rows.generate(new Object[] {
                            random.nextInt(KEYS_PER_TABLE), BinaryStringData.fromString("name " + emitted), emitted,
                            BinaryStringData.fromString("change " + emitted + " of table " + t)}));
                    router.route(change, (event, subtask) -> ctx.collect(Tuple2.of(subtask, event)));
                }
                EMITTED.set(emitted);
            }
            Thread.sleep(TICK_MILLIS);
        }
        DONE.set(true);
    }

    @Override
    public void cancel() {
        running = false;
    }

}
