package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplier;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;

import org.apache.flink.api.common.JobID;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.data.binary.BinaryStringData;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.exceptions.SchemaEvolveException;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.cdc.common.types.RowType;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names Doris accepts but SQL and URLs do not take lightly (reserved words, spaces, dots, quotes, mixed case,
 * unicode, the length limit), and names Doris refuses: through the metadata applier and a real Sink V2 write
 * (CreateTableEvent, rows, pre-commit, commit) against the Doris test server.
 */
class HostileNamesTest {

    private static final Pattern DORIS_LABEL = Pattern.compile("[-_A-Za-z0-9:]{1,128}");

    /** Reserved words, a space, a dot, double quotes and mixed case: all allowed in Doris column names. */
    private static final List<String> ASCII_COLUMNS = List.of("key", "first name", "a.b", "say \"hi\"", "MixedCase");

    @Test
    void reservedWordsMixedCaseAndTheLongestNameLandInTheirOwnTables() throws Exception {
        try (DorisTestServer server = DorisTestServer.builder().password("pw").start()) {
            Doris2pcSinkConfig config = config(server);
            String longest = "t" + "x".repeat(63);
            List<TableId> tables = List.of(
                    TableId.tableId("shop", "order"),
                    TableId.tableId("shop", "Orders"),
                    TableId.tableId("shop", "orders"),
                    TableId.tableId("shop", longest));
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < tables.size(); i++) {
                Schema schema = schema(ASCII_COLUMNS);
                new Doris2pcMetadataApplier(config).applySchemaChange(new CreateTableEvent(tables.get(i), schema));
                events.add(new CreateTableEvent(tables.get(i), schema));
                events.add(insert(tables.get(i), schema, i, "name of " + tables.get(i).getTableName()));
            }
            writeAndCommit(config, events);

            for (int i = 0; i < tables.size(); i++) {
                String table = tables.get(i).getTableName();
                assertEquals(ASCII_COLUMNS, server.columns("shop", table));
                List<Map<String, Object>> rows = server.rows("shop", table);
                assertEquals(1, rows.size(), table);
                assertEquals((long) i, ((Number) rows.get(0).get("key")).longValue(), table);
                assertEquals("name of " + table, rows.get(0).get("first name"), table);
            }
            assertLabelsValidAndFreeOfTableNames(server);
        }
    }

    @Test
    void unicodeNamesLandWhereTheFeAllowsThem() throws Exception {
        try (DorisTestServer server = DorisTestServer.builder().password("pw").unicodeNames(true).start()) {
            Doris2pcSinkConfig config = config(server);
            TableId table = TableId.tableId("销售", "订单");
            // Doris 2.1 and 3.0 refuse spaces in column names under enable_unicode_name_support (FeNameFormat)
            Schema schema = schema(List.of("编号", "备注_说明", "key"));
            new Doris2pcMetadataApplier(config).applySchemaChange(new CreateTableEvent(table, schema));
            writeAndCommit(config, List.of(new CreateTableEvent(table, schema), insert(table, schema, 7, "七")));

            assertEquals(List.of("编号", "备注_说明", "key"), server.columns("销售", "订单"));
            assertEquals("七", server.rows("销售", "订单").get(0).get("备注_说明"));
            assertLabelsValidAndFreeOfTableNames(server);
        }
    }

    @Test
    void aNameDorisRefusesFailsTheSchemaChangeNamingItAndTheFix() {
        try (DorisTestServer server = DorisTestServer.builder().password("pw").start()) {
            server.sql("", "CREATE DATABASE shop");
            Doris2pcMetadataApplier applier = new Doris2pcMetadataApplier(config(server));

            SchemaEvolveException unicode = assertThrows(SchemaEvolveException.class, () -> applier.applySchemaChange(
                    new CreateTableEvent(TableId.tableId("shop", "订单"), schema(List.of("id")))));
            assertTrue(unicode.getExceptionMessage().contains("Incorrect table name '订单'"), unicode.getExceptionMessage());
            assertTrue(unicode.getExceptionMessage().contains("enable_unicode_name_support"), unicode.getExceptionMessage());
            assertTrue(unicode.getExceptionMessage().contains("sink-table"), unicode.getExceptionMessage());

            SchemaEvolveException tooLong = assertThrows(SchemaEvolveException.class, () -> applier.applySchemaChange(
                    new CreateTableEvent(TableId.tableId("shop", "t" + "x".repeat(64)), schema(List.of("id")))));
            assertTrue(tooLong.getExceptionMessage().contains("at most 64 characters"), tooLong.getExceptionMessage());

            SchemaEvolveException column = assertThrows(SchemaEvolveException.class, () -> applier.applySchemaChange(
                    new CreateTableEvent(TableId.tableId("shop", "t"), schema(List.of("id", "it's")))));
            assertTrue(column.getExceptionMessage().contains("Incorrect column name 'it's'"), column.getExceptionMessage());
            assertTrue(column.getExceptionMessage().contains("transform rule"), column.getExceptionMessage());
            assertFalse(server.tableExists("shop", "t"));
        }
    }

    @Test
    void noNameCanEndAStatementEarlyOrInjectAnother() {
        try (DorisTestServer server = DorisTestServer.builder().password("pw").start()) {
            server.sql("", "CREATE DATABASE shop");
            server.sql("shop", "CREATE TABLE victim (id INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1 "
                    + "PROPERTIES ('replication_num' = '1')");
            Doris2pcMetadataApplier applier = new Doris2pcMetadataApplier(config(server));
            String injection = "x` (id INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id); DROP TABLE shop.victim; --";

            SchemaEvolveException table = assertThrows(SchemaEvolveException.class, () -> applier.applySchemaChange(
                    new CreateTableEvent(TableId.tableId("shop", injection), schema(List.of("id")))));
            assertTrue(table.getExceptionMessage().contains("Incorrect table name '" + injection + "'"), table.getExceptionMessage());

            SchemaEvolveException column = assertThrows(SchemaEvolveException.class, () -> applier.applySchemaChange(
                    new CreateTableEvent(TableId.tableId("shop", "t"), schema(List.of("id", "c` INT); DROP TABLE "
                            + "victim; --")))));
            assertTrue(column.getExceptionMessage().contains("Incorrect column name"), column.getExceptionMessage());

            assertTrue(server.tableExists("shop", "victim"), "an injected statement ran");
            assertFalse(server.tableExists("shop", "t"));
            assertFalse(server.tableExists("shop", "x"));
        }
    }

    private static void writeAndCommit(Doris2pcSinkConfig config, List<Event> events) throws Exception {
        Collection<Doris2pcCommittable> committables;
        try (Doris2pcWriter writer = new Doris2pcWriter(config, LabelNamespace.newRunId(), TestInitContext.fresh(new JobID()), List.of())) {
            for (Event event : events) {
                writer.write(event, NoWriteContext.INSTANCE);
            }
            writer.flush(false);
            committables = writer.prepareCommit();
        }
        try (Doris2pcCommitter committer = new Doris2pcCommitter(config)) {
            List<RecordingCommitRequest<Doris2pcCommittable>> requests = committables.stream()
                    .map(RecordingCommitRequest::new)
                    .collect(Collectors.toList());
            committer.commit(new ArrayList<>(requests));
            for (RecordingCommitRequest<Doris2pcCommittable> request : requests) {
                assertEquals(RecordingCommitRequest.Signal.NONE, request.signal(), () -> "commit of "
                        + request.getCommittable() + ": " + request.failure());
            }
        }
    }

    private static void assertLabelsValidAndFreeOfTableNames(DorisTestServer server) {
        List<String> labels = server.transactions().stream().map(TxnInfo::label).collect(Collectors.toList());
        assertFalse(labels.isEmpty());
        for (String label : labels) {
            assertTrue(DORIS_LABEL.matcher(label).matches(), label);
            assertTrue(label.matches("hostile_[a-z0-9]+_0_0_[0-9]+"), "label depends on more than the namespace: "
                    + label);
        }
    }

    private static Schema schema(List<String> columns) {
        Schema.Builder builder = Schema.newBuilder().physicalColumn(columns.get(0), DataTypes.INT().notNull());
        for (String column : columns.subList(1, columns.size())) {
            builder.physicalColumn(column, DataTypes.VARCHAR(40));
        }
        return builder.primaryKey(columns.get(0)).build();
    }

    /** The key, the text in the first text column, the other columns NULL. */
    private static DataChangeEvent insert(TableId table, Schema schema, int key, String text) {
        RowType rowType = (RowType) schema.toRowDataType();
        Object[] fields = new Object[rowType.getFieldCount()];
        fields[0] = key;
        fields[1] = BinaryStringData.fromString(text);
        return DataChangeEvent.insertEvent(table, new BinaryRecordDataGenerator(rowType).generate(fields));
    }

    private static Doris2pcSinkConfig config(DorisTestServer server) {
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", server.feAddress());
        options.put("username", server.user());
        options.put("password", server.password());
        options.put("sink.label-prefix", "hostile");
        options.put("table.create.properties.replication_num", "1");
        return Doris2pcSinkConfig.from(Configuration.fromMap(options), ZoneId.of("UTC"));
    }
}
