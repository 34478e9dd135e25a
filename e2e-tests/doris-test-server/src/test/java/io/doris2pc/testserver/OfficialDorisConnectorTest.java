package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.data.DecimalData;
import org.apache.flink.cdc.common.data.binary.BinaryStringData;
import org.apache.flink.cdc.common.event.AddColumnEvent;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.factories.Factory;
import org.apache.flink.cdc.common.schema.Column;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.sink.DataSink;
import org.apache.flink.cdc.common.sink.FlinkSinkProvider;
import org.apache.flink.cdc.common.sink.MetadataApplier;
import org.apache.flink.cdc.common.types.DataType;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.cdc.connectors.doris.factory.DorisDataSinkFactory;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;
import org.apache.flink.cdc.runtime.typeutils.EventTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Flink CDC 3.2.0 Doris pipeline connector, unchanged, against the test server: its metadata
 * applier creates the table and adds a column over the FE's SQL endpoint; its sink loads inserts, updates and
 * deletes in a local Flink job, with 2PC (committed at the final checkpoint) and in its default batch mode.
 *
 * <p>It passes the server's Doris rules as it is (chunked 2PC bodies, sized batch bodies, Basic auth, exact
 * {@code two_phase_commit: true}, no {@code group_commit}, streamed SQL answers). What Doris would do to it beyond
 * these rows, as the server does too: it writes JSON keys as the source names columns, so a table created before the
 * pipeline whose columns differ in case gets NULLs there (or the row is filtered when no key matches,
 * {@code new_json_reader.cpp}); its rows go through Jackson, which writes NaN and Infinity as the strings "NaN" and
 * "Infinity", and it sets no strict mode, so they become NULL silently ({@code io_helper.h read_float_text_fast_impl});
 * and a DECIMAL wider than such a table's column loads
 * clamped ({@code string_parser.hpp string_to_decimal}, apache/doris#39864).
 */
class OfficialDorisConnectorTest {
    private static final TableId ORDERS = TableId.tableId("ods", "orders");
    private static final DataType[] TYPES = {DataTypes.INT().notNull(), DataTypes.VARCHAR(10), DataTypes.DECIMAL(10, 2), DataTypes.DATE()};
    private static final DataType[] TYPES_WITH_EXTRA = {DataTypes.INT().notNull(), DataTypes.VARCHAR(10), DataTypes.DECIMAL(10, 2), DataTypes.DATE(), DataTypes.STRING()};

    private DorisTestServer server;

    @BeforeEach
    void start() {
        server = DorisTestServer.builder().password("pw").start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void twoPhaseCommitModeLoadsInsertsUpdatesDeletesAndAnAddedColumn() throws Exception {
        Map<String, String> options = options();
        options.put("sink.enable.batch-mode", "false");
        options.put("sink.enable-2pc", "true");
        options.put("sink.label-prefix", "official2pc");
        runPipeline(options);
        assertRows();
        assertTrue(server.transactions("ods").stream().allMatch(t -> t.state() == TxnState.VISIBLE), server.transactions().toString());
        assertTrue(server.commits().size() >= 1);
    }

    @Test
    void defaultBatchModeLoadsInsertsUpdatesDeletesAndAnAddedColumn() throws Exception {
        Map<String, String> options = options();
        options.put("sink.label-prefix", "officialbatch");
        runPipeline(options);
        assertRows();
    }

    private Map<String, String> options() {
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", server.feAddress());
        options.put("username", server.user());
        options.put("password", server.password());
        options.put("table.create.properties.replication_num", "1");
        return options;
    }

    private void runPipeline(Map<String, String> options) throws Exception {
        DataSink sink = new DorisDataSinkFactory().createDataSink(context(options));
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", TYPES[0])
                .physicalColumn("name", TYPES[1])
                .physicalColumn("amount", TYPES[2])
                .physicalColumn("day", TYPES[3])
                .primaryKey("id")
                .build();
        CreateTableEvent create = new CreateTableEvent(ORDERS, schema);
        AddColumnEvent addExtra = new AddColumnEvent(ORDERS,
                List.of(new AddColumnEvent.ColumnWithPosition(Column.physicalColumn("extra", DataTypes.STRING()))));
        MetadataApplier applier = sink.getMetadataApplier();
        applier.applySchemaChange(create);
        assertEquals(List.of("id", "name", "amount", "day"), server.columns("ods", "orders"));
        applier.applySchemaChange(addExtra);
        applier.applySchemaChange(addExtra);
        assertEquals(List.of("id", "name", "amount", "day", "extra"), server.columns("ods", "orders"));

        BinaryRecordDataGenerator before = new BinaryRecordDataGenerator(TYPES);
        BinaryRecordDataGenerator after = new BinaryRecordDataGenerator(TYPES_WITH_EXTRA);
        List<Event> events = new ArrayList<>();
        events.add(create);
        events.add(DataChangeEvent.insertEvent(ORDERS, before.generate(row(1, "one", "1.50", 19000))));
        events.add(DataChangeEvent.insertEvent(ORDERS, before.generate(row(2, "two", "2.00", 19001))));
        events.add(DataChangeEvent.insertEvent(ORDERS, before.generate(row(3, "three", "3.25", 19002))));
        events.add(DataChangeEvent.updateEvent(ORDERS, before.generate(row(2, "two", "2.00", 19001)),
                before.generate(row(2, "TWO", "20.00", 19001))));
        events.add(DataChangeEvent.deleteEvent(ORDERS, before.generate(row(3, "three", "3.25", 19002))));
        events.add(addExtra);
        events.add(DataChangeEvent.insertEvent(ORDERS, after.generate(new Object[] {4, BinaryStringData.fromString("four"),
                DecimalData.fromBigDecimal(new BigDecimal("4.00"), 10, 2), 19003, BinaryStringData.fromString("x")})));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(200);
        @SuppressWarnings("unchecked")
        Sink<Event> flinkSink = (Sink<Event>) ((FlinkSinkProvider) sink.getEventSinkProvider()).getSink();
        env.fromCollection(events, new EventTypeInfo()).sinkTo(flinkSink);
        env.execute("official doris connector against the test server");
    }

    private static Object[] row(int id, String name, String amount, int day) {
        return new Object[] {id, BinaryStringData.fromString(name), DecimalData.fromBigDecimal(new BigDecimal(amount), 10, 2), day};
    }

    private void assertRows() {
        List<Map<String, Object>> rows = server.rows("ods", "orders");
        assertEquals(3, rows.size(), rows.toString());
        assertEquals(1L, rows.get(0).get("id"));
        assertEquals(new BigDecimal("1.50"), rows.get(0).get("amount"));
        assertEquals("2022-01-08", rows.get(0).get("day"));
        assertEquals(null, rows.get(0).get("extra"));
        assertEquals("TWO", rows.get(1).get("name"));
        assertEquals(new BigDecimal("20.00"), rows.get(1).get("amount"));
        assertEquals(4L, rows.get(2).get("id"));
        assertEquals("x", rows.get(2).get("extra"));
    }

    private static Factory.Context context(Map<String, String> options) {
        return new Factory.Context() {
            @Override
            public Configuration getFactoryConfiguration() {
                return Configuration.fromMap(options);
            }

            @Override
            public Configuration getPipelineConfiguration() {
                return Configuration.fromMap(Map.of("local-time-zone", "UTC"));
            }

            @Override
            public ClassLoader getClassLoader() {
                return OfficialDorisConnectorTest.class.getClassLoader();
            }
        };
    }
}
