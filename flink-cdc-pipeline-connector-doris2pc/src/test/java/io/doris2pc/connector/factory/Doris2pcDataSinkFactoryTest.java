package io.doris2pc.connector.factory;

import io.doris2pc.connector.config.DeliveryGuarantee;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.config.VarcharPolicy;
import io.doris2pc.connector.sink.Doris2pcDataSink;
import io.doris2pc.connector.sink.Doris2pcSink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.factories.DataSinkFactory;
import org.apache.flink.cdc.common.factories.Factory;
import org.apache.flink.cdc.common.factories.FactoryHelper;
import org.apache.flink.cdc.common.sink.DataSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.ExecutionCheckpointingOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.ValidationException;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Doris2pcDataSinkFactoryTest {

    @Test
    void flinkCdcFindsTheFactoryByItsIdentifier() {
        List<Factory> found =
                StreamSupport.stream(ServiceLoader.load(Factory.class).spliterator(), false)
                        .filter(f -> f.identifier().equals("doris2pc"))
                        .collect(Collectors.toList());
        assertEquals(1, found.size());
        assertTrue(found.get(0) instanceof DataSinkFactory);
    }

    @Test
    void aMinimalSinkBlockGetsTheDocumentedDefaults() {
        Doris2pcSinkConfig config = create(minimal()).config();
        assertEquals("127.0.0.1", config.feNodes().get(0).host());
        assertEquals(8030, config.feNodes().get(0).port());
        assertEquals("doris2pc", config.labelPrefix());
        assertEquals("AUTO", config.buckets().bucketsFor("db", "t"));
        assertSame(VarcharPolicy.UTF8MB4, config.varcharPolicy());
        assertEquals(ZoneId.of("Asia/Shanghai"), config.zoneId());
    }

    /** Flink matches enum options on toString() ignoring case: the YAML spelling is the documented one. */
    @Test
    void theDeliveryGuaranteeIsExactlyOnceUnlessAtLeastOnceIsChosen() {
        assertSame(DeliveryGuarantee.EXACTLY_ONCE, create(minimal()).config().deliveryGuarantee());
        assertSame(DeliveryGuarantee.AT_LEAST_ONCE,
                create(with("sink.delivery-guarantee", "at-least-once")).config().deliveryGuarantee());
        assertSame(DeliveryGuarantee.AT_LEAST_ONCE,
                create(with("sink.delivery-guarantee", "AT-LEAST-ONCE")).config().deliveryGuarantee());
        assertRejected(with("sink.delivery-guarantee", "at_least_once"), "sink.delivery-guarantee");
    }

    @Test
    void tablesAreCreatedMergeOnWriteUnlessThePropertySaysFalse() {
        assertTrue(create(minimal()).config().createsMergeOnWriteTables());
        assertTrue(create(with("table.create.properties.enable_unique_key_merge_on_write", "true")).config()
                .createsMergeOnWriteTables());
        assertFalse(create(with("table.create.properties.enable_unique_key_merge_on_write", " FALSE")).config()
                .createsMergeOnWriteTables());
    }

    /** A table-properties rule decides for the tables it matches: one rule asking for merge-on-write is enough. */
    @Test
    void aTablePropertiesRuleCanMakeSomeTablesMergeOnWrite() {
        Map<String, String> options = with("table.create.properties.enable_unique_key_merge_on_write", "false");
        options.put("table.create.table-properties.1.tables", "orders");
        options.put("table.create.table-properties.1.compression", "ZSTD");
        assertFalse(create(options).config().createsMergeOnWriteTables());
        options.put("table.create.table-properties.2.tables", "hot_.*");
        options.put("table.create.table-properties.2.enable_unique_key_merge_on_write", "true");
        assertTrue(create(options).config().createsMergeOnWriteTables());
    }

    @Test
    void prefixedPropertiesBecomeLoadHeadersAndTableProperties() {
        Map<String, String> options = minimal();
        options.put("sink.properties.timeout", "600");
        options.put("table.create.properties.replication_num", "1");
        options.put("fenodes", "fe1:8030, https://fe2:8443");
        Doris2pcSinkConfig config = create(options).config();
        assertEquals(Map.of("timeout", "600", "strict_mode", "true"), config.loadProperties());
        assertEquals(Map.of("replication_num", "1"), config.tableProperties().forTable("db", "t"));
        assertEquals("https://fe2:8443", config.feNodes().get(1).baseUrl());
    }

    @Test
    void strictModeIsOnUnlessTheUserTurnsItOff() {
        assertEquals(Map.of("strict_mode", "true"), create(minimal()).config().loadProperties());
        Map<String, String> options = minimal();
        options.put("sink.properties.STRICT_MODE", "false");
        assertEquals(Map.of("STRICT_MODE", "false"), create(options).config().loadProperties());
    }

    @Test
    void everyInvalidOptionIsNamedWithWhatIsAllowed() {
        assertRejected(without("fenodes"), "fenodes");
        assertRejected(with("fenodes", "127.0.0.1"), "'fenodes'", "host:port");
        assertRejected(with("fenodes", "fe1:8030,,fe2:8030"), "'fenodes'", "empty entry");
        assertRejected(with("fenodes", "fe1:99999"), "'fenodes'", "outside 1..65535");
        assertRejected(with("sink.label-prefix", "my.job"), "'sink.label-prefix'", "A-Z a-z 0-9 - _");
        assertRejected(with("sink.label-prefix", "x".repeat(65)), "'sink.label-prefix'");
        assertRejected(with("sink.properties.two_phase_commit", "false"), "'sink.properties.two_phase_commit'");
        assertRejected(with("sink.properties.Label", "x"), "'sink.properties.Label'");
        assertRejected(with("sink.properties.group_commit", "async_mode"), "'sink.properties.group_commit'");
        assertRejected(with("table.create.buckets", "0"), "'table.create.buckets'", "AUTO");
        assertRejected(with("sink.buffer-count", "1"), "'sink.buffer-count'", "least allowed is 2");
        assertRejected(with("sink.max-retries", "many"), "sink.max-retries");
        assertRejected(with("sink.lable-prefix", "typo"), "sink.lable-prefix");
        assertRejected(with("table.create.varchar-policy", "UTF16"), "table.create.varchar-policy");
        assertRejected(with("sink.properties.timeout", "ten"), "'sink.properties.timeout'", "1..259200");
        assertRejected(with("sink.properties.timeout", "0"), "'sink.properties.timeout'", "1..259200");
    }

    @Test
    void conflictingOptionsAreRefusedNamingBoth() {
        assertRejected(with("sink.ssl.truststore.password", "x"), "'sink.ssl.truststore.password'",
                "'sink.ssl.truststore.path' is not");
        assertRejected(with("sink.ssl.truststore.path", "/nonexistent/truststore.p12"), "'sink.ssl.truststore.path'",
                "no FE of 'fenodes' uses https://");
        Map<String, String> https = with("fenodes", "https://127.0.0.1:8443");
        https.put("sink.ssl.truststore.path", "/nonexistent/truststore.p12");
        assertRejected(https, "'sink.ssl.truststore.path'", "not a readable file");

        Map<String, String> pipeline = new HashMap<>();
        pipeline.put("schema-operator.rpc-timeout", "1 min");
        ValidationException e = assertThrows(ValidationException.class,
                () -> create(with("table.schema-change.timeout", "2 min"), pipeline));
        assertTrue(e.getMessage().contains("'table.schema-change.timeout'"), e.getMessage());
        assertTrue(e.getMessage().contains("'schema-operator.rpc-timeout'"), e.getMessage());
        pipeline.put("schema-operator.rpc-timeout", "3 min");
        create(with("table.schema-change.timeout", "2 min"), pipeline);
    }

    /** Issue 13, point 11: a load lives until the next barrier, which may take the checkpoint timeout to come. */
    @Test
    void aLoadTimeoutThatDoesNotOutlastTheIntervalPlusTheCheckpointTimeoutIsRefused() {
        Doris2pcSink sink = (Doris2pcSink) sinkOf(create(with("sink.properties.timeout", "300")));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSequence(0, 1).map(i -> (Event) null).returns(TypeInformation.of(Event.class));
        env.enableCheckpointing(30_000);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sink.addPreWriteTopology(events));
        assertEquals("The doris2pc sink option 'sink.properties.timeout' (300 s) is not longer than the checkpoint"
                + " interval (execution.checkpointing.interval, 30 s) plus the checkpoint timeout"
                + " (execution.checkpointing.timeout, 600 s): a Stream Load stays open until the next checkpoint's"
                + " barrier pre-commits it, which can take that long, and Doris would abort it first. Raise the"
                + " timeout above 630 s, or remove it (Doris's stream_load_default_timeout_second applies then).",
                e.getMessage());

        env.getCheckpointConfig().setCheckpointTimeout(240_000);
        assertSame(events, sink.addPreWriteTopology(events));
    }

    /** Issue 13, point 3: without the final checkpoint a bounded pipeline's last transactions are never committed. */
    @Test
    void disabledCheckpointsAfterTasksFinishAreRefused() {
        Doris2pcSink sink = (Doris2pcSink) sinkOf(create(minimal()));
        org.apache.flink.configuration.Configuration flink = new org.apache.flink.configuration.Configuration();
        flink.set(ExecutionCheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.enableCheckpointing(30_000);
        DataStream<Event> events = env.fromSequence(0, 1).map(i -> (Event) null).returns(TypeInformation.of(Event.class));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sink.addPreWriteTopology(events));
        assertTrue(e.getMessage().startsWith("The doris2pc sink needs"
                + " 'execution.checkpointing.checkpoints-after-tasks-finish.enabled' (true by default)"), e.getMessage());
    }

    @Test
    void userInfoInFenodesIsRefusedWithoutShowingThePassword() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> create(with("fenodes", "http://root:s3cr3t-P@ss@fe1:8030")));
        assertTrue(e.getMessage().contains("'username' and 'password'"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void thePasswordNeverAppearsInTheConfigOrItsErrors() {
        Map<String, String> options = with("password", "s3cr3t-P@ss");
        assertFalse(create(options).config().toString().contains("s3cr3t-P@ss"));
        options.put("sink.ssl.truststore.password", "s3cr3t-P@ss");
        ValidationException truststore = assertThrows(ValidationException.class, () -> create(options));
        assertFalse(truststore.getMessage().contains("s3cr3t-P@ss"));
        options.remove("sink.ssl.truststore.password");
        options.put("fenodes", "bad");
        ValidationException e = assertThrows(ValidationException.class, () -> create(options));
        assertFalse(e.getMessage().contains("s3cr3t-P@ss"));
    }

    @Test
    void aPipelineWithoutCheckpointingIsRefusedWithTheSettingToChange() {
        Doris2pcSink sink = (Doris2pcSink) sinkOf(create(minimal()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Event> events = env.fromSequence(0, 1).map(i -> (Event) null).returns(TypeInformation.of(Event.class));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sink.addPreWriteTopology(events));
        assertTrue(e.getMessage().contains("execution.checkpointing.interval"), e.getMessage());

        env.enableCheckpointing(1000);
        assertSame(events, sink.addPreWriteTopology(events));
    }

    @Test
    void theSinkDeclaresItsCommittableSerializerForTheComposersReflection() throws Exception {
        assertEquals(Doris2pcSink.class, Doris2pcSink.class.getDeclaredMethod("getCommittableSerializer").getDeclaringClass());
    }

    private static org.apache.flink.api.connector.sink2.Sink<Event> sinkOf(Doris2pcDataSink dataSink) {
        return ((org.apache.flink.cdc.common.sink.FlinkSinkProvider) dataSink.getEventSinkProvider()).getSink();
    }

    private static void assertRejected(Map<String, String> options, String... fragments) {
        ValidationException e = assertThrows(ValidationException.class, () -> create(options));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' missing from: " + e.getMessage());
        }
    }

    private static Doris2pcDataSink create(Map<String, String> options) {
        return create(options, new HashMap<>());
    }

    private static Doris2pcDataSink create(Map<String, String> options, Map<String, String> pipeline) {
        pipeline.put("local-time-zone", "Asia/Shanghai");
        DataSink sink =
                new Doris2pcDataSinkFactory()
                        .createDataSink(
                                new FactoryHelper.DefaultContext(
                                        Configuration.fromMap(options),
                                        Configuration.fromMap(pipeline),
                                        Doris2pcDataSinkFactoryTest.class.getClassLoader()));
        return (Doris2pcDataSink) sink;
    }

    private static Map<String, String> minimal() {
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", "127.0.0.1:8030");
        options.put("username", "root");
        // validation only: logging in to Doris is DorisStartupCheckTest's subject
        options.put("sink.check-at-start", "false");
        return options;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> options = minimal();
        options.put(key, value);
        return options;
    }

    private static Map<String, String> without(String key) {
        Map<String, String> options = minimal();
        options.remove(key);
        return options;
    }
}
