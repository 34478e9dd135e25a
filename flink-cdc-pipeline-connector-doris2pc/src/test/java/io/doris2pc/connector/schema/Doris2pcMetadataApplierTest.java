package io.doris2pc.connector.schema;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.SqlResult;
import io.doris2pc.testserver.cluster.DorisVersion;

import org.apache.flink.cdc.common.event.AddColumnEvent;
import org.apache.flink.cdc.common.event.AlterColumnTypeEvent;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DropColumnEvent;
import org.apache.flink.cdc.common.event.RenameColumnEvent;
import org.apache.flink.cdc.common.event.SchemaChangeEvent;
import org.apache.flink.cdc.common.event.SchemaChangeEventType;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.exceptions.SchemaEvolveException;
import org.apache.flink.cdc.common.exceptions.UnsupportedSchemaChangeEventException;
import org.apache.flink.cdc.common.schema.Column;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.sink.MetadataApplier;
import org.apache.flink.cdc.common.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The applier against the Doris test server (following Doris 2.1; {@link Doris2pcMetadataApplierOnDoris30Test}
 * runs the same against 3.0), in-process and over HTTP through the production client.
 */
class Doris2pcMetadataApplierTest {

    static final String PASSWORD = "pw-s3cret";

    enum Transport {
        IN_PROCESS,
        HTTP
    }

    static DorisTestServer server;
    private static final AtomicInteger TABLES = new AtomicInteger();

    @BeforeAll
    static void startServer() {
        server = start(DorisVersion.V2_1);
    }

    /** A Doris with enable_unicode_name_support, so that names in any language can be created. */
    static DorisTestServer start(DorisVersion version) {
        return DorisTestServer.builder().user("root").password(PASSWORD).unicodeNames(true).dorisVersion(version)
                .alterJobStep(Duration.ofMillis(20)).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static Doris2pcSinkConfig config(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        map.put("fenodes", server.feAddress());
        map.put("username", "root");
        map.put("password", PASSWORD);
        map.put("table.create.properties.replication_num", "1");
        map.put("sink.retry-backoff", "20 ms");
        map.put("table.schema-change.timeout", "1 s");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return Doris2pcSinkConfig.from(
                org.apache.flink.cdc.common.configuration.Configuration.fromMap(map), ZoneId.of("UTC"));
    }

    static MetadataApplier applier(Transport transport, String... keyValues) {
        return transport == Transport.HTTP
                ? new Doris2pcMetadataApplier(config(keyValues))
                : new Doris2pcMetadataApplier(config(keyValues), new InProcessSqlExecutor(server));
    }

    /** A fresh table id per test: the server is shared. */
    static TableId newTable(String db, String name) {
        return TableId.tableId(db, name + "_" + TABLES.incrementAndGet());
    }

    /** Doris's alter jobs end on the scheduler's own time (alter/SchemaChangeJobV2), after the ALTER returned. */
    static void awaitAlterJobsDone() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.alterJobs().stream().allMatch(job -> job.state().isDone())) {
            assertTrue(System.nanoTime() < deadline, "alter jobs still running: " + server.alterJobs());
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * "name TYPE Yes|No true|false" per column, in table order, as DESC shows them; the type in one spelling for
     * every Doris version (2.1 writes {@code DECIMAL(10, 2)} and {@code TEXT}, 3.0 {@code decimal(10,2)} and
     * {@code text}).
     */
    static List<String> describe(TableId id) {
        return describe(server, id);
    }

    static List<String> describe(DorisTestServer server, TableId id) {
        SqlResult desc = server.sql(id.getSchemaName(),
                "DESC " + DorisIdentifiers.quote(id.getSchemaName(), id.getTableName()));
        List<String> columns = new ArrayList<>();
        for (List<Object> row : desc.rows()) {
            String type = String.valueOf(row.get(1)).toUpperCase(java.util.Locale.ROOT).replace(", ", ",");
            columns.add(row.get(0) + " " + ("TEXT".equals(type) ? "STRING" : type) + " " + row.get(2) + " " + row.get(3));
        }
        return columns;
    }

    static Schema ordersSchema() {
        return Schema.newBuilder()
                .physicalColumn("order", DataTypes.BIGINT().notNull(), "the `order` id, it's \"quoted\"")
                .physicalColumn("key", DataTypes.VARCHAR(10).notNull())
                .physicalColumn("a.b+c/d", DataTypes.INT())
                .physicalColumn("名字_说明", DataTypes.STRING())
                .physicalColumn("price", DataTypes.DECIMAL(10, 2), null, "0.00")
                .primaryKey("key", "order")
                .comment("orders; DROP TABLE x; -- '")
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void createsTablesWithHostileNames(Transport transport) {
        TableId id = newTable("shop-db-" + transport, "Order-Items");
        applier(transport).applySchemaChange(new CreateTableEvent(id, ordersSchema()));
        assertEquals(
                Arrays.asList(
                        "key VARCHAR(40) No true",
                        "order BIGINT No true",
                        "a.b+c/d INT Yes false",
                        "名字_说明 STRING Yes false",
                        "price DECIMAL(10,2) Yes false"),
                describe(id));
        String create = (String) server.sql(id.getSchemaName(),
                "SHOW CREATE TABLE " + DorisIdentifiers.quote(id.getSchemaName(), id.getTableName()))
                .rows().get(0).get(1);
        assertTrue(create.contains("UNIQUE KEY(`key`, `order`)"), create);
        assertTrue(create.contains("\"enable_unique_key_merge_on_write\" = \"true\""), create);
        assertTrue(create.contains("COMMENT 'orders; DROP TABLE x; -- ''"), create);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void appliesEveryEvolutionEventAndEachAgainAsNoOp(Transport transport) {
        TableId id = newTable("evolve_" + transport, "t");
        MetadataApplier applier = applier(transport);
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("v", DataTypes.INT())
                .physicalColumn("w", DataTypes.VARCHAR(5))
                .primaryKey("id")
                .build();
        List<SchemaChangeEvent> events = Arrays.asList(
                new CreateTableEvent(id, schema),
                new AddColumnEvent(id, Arrays.asList(
                        AddColumnEvent.last(Column.physicalColumn("last", DataTypes.BIGINT())),
                        AddColumnEvent.first(Column.physicalColumn("first", DataTypes.DATE())),
                        AddColumnEvent.after(Column.physicalColumn("after_v", DataTypes.BOOLEAN()), "v"),
                        AddColumnEvent.before(Column.physicalColumn("before_id", DataTypes.TIMESTAMP(3)), "id"),
                        AddColumnEvent.before(Column.physicalColumn("before_w", DataTypes.STRING()), "w"))),
                new DropColumnEvent(id, Collections.singletonList("after_v")),
                new RenameColumnEvent(id, Collections.singletonMap("w", "w2")),
                new AlterColumnTypeEvent(id, Collections.singletonMap("v", DataTypes.BIGINT())));
        for (SchemaChangeEvent event : events) {
            applier.applySchemaChange(event);
            awaitAlterJobsDone();
            List<String> columns = describe(id);
            int jobs = server.alterJobs().size();
            // as the framework may do after a failover (FLINK-36701): the last change again
            applier.applySchemaChange(event);
            assertEquals(columns, describe(id), "after re-applying " + event);
            assertEquals(jobs, server.alterJobs().size(), "re-applying " + event + " submitted an alter job");
        }
        assertEquals(
                Arrays.asList(
                        "id INT No true",
                        "before_id DATETIME(3) Yes false",
                        "first DATE Yes false",
                        "v BIGINT Yes false",
                        "before_w STRING Yes false",
                        "w2 VARCHAR(20) Yes false",
                        "last BIGINT Yes false"),
                describe(id));
    }

    /** A pipeline started again without state announces the table with the columns the source gained meanwhile. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCreateTableOfAnExistingTableAddsTheColumnsItLacks(Transport transport) {
        TableId id = newTable("recreate_" + transport, "t");
        MetadataApplier applier = applier(transport);
        applier.applySchemaChange(new CreateTableEvent(id, Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("v", DataTypes.INT())
                .physicalColumn("origin", DataTypes.STRING())
                .primaryKey("id")
                .build()));
        applier.applySchemaChange(new CreateTableEvent(id, Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("v", DataTypes.INT())
                .physicalColumn("nickname", DataTypes.VARCHAR(20).notNull())
                .physicalColumn("origin", DataTypes.STRING())
                .primaryKey("id")
                .build()));
        assertEquals(
                Arrays.asList("id INT No true", "v INT Yes false", "nickname VARCHAR(80) Yes false",
                        "origin STRING Yes false"),
                describe(id));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void refusesChangesThatContradictTheTable(Transport transport) {
        TableId id = newTable("conflicts_" + transport, "t");
        MetadataApplier applier = applier(transport);
        applier.applySchemaChange(new CreateTableEvent(id, Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("v", DataTypes.INT())
                .primaryKey("id")
                .build()));
        String table = DorisIdentifiers.quote(id.getSchemaName(), id.getTableName());

        Schema otherKey = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("v", DataTypes.INT().notNull())
                .physicalColumn("extra", DataTypes.INT())
                .primaryKey("v")
                .build();
        assertEquals(
                "Cannot apply CREATE_TABLE of table " + table + ": the table exists with an incompatible schema: its "
                        + "key columns are [id], the primary key is [v]",
                failure(applier, new CreateTableEvent(id, otherKey)));
        assertEquals(
                "Cannot apply ADD_COLUMN of table " + table + ": column `v` already exists as int(11), the event adds "
                        + "it as VARCHAR(4)",
                failure(applier, new AddColumnEvent(id, Collections.singletonList(
                        AddColumnEvent.last(Column.physicalColumn("v", DataTypes.VARCHAR(1)))))));
        assertEquals(
                "Cannot apply RENAME_COLUMN of table " + table + ": neither column `gone` nor `new` exists; columns: "
                        + "[`id` int(11) NOT NULL KEY, `v` int(11) NULL]",
                failure(applier, new RenameColumnEvent(id, Collections.singletonMap("gone", "new"))));
        assertEquals(
                "Cannot apply RENAME_COLUMN of table " + table + ": cannot rename `id` to `v`: both columns exist",
                failure(applier, new RenameColumnEvent(id, Collections.singletonMap("id", "v"))));
        assertEquals(
                "Cannot apply ALTER_COLUMN_TYPE of table " + table + ": column `gone` does not exist; columns: "
                        + "[`id` int(11) NOT NULL KEY, `v` int(11) NULL]",
                failure(applier, new AlterColumnTypeEvent(id, Collections.singletonMap("gone", DataTypes.INT()))));
        TableId missing = TableId.tableId(id.getSchemaName(), "missing");
        assertEquals(
                "Cannot apply DROP_COLUMN of table " + DorisIdentifiers.quote(id.getSchemaName(), "missing")
                        + ": the table does not exist in Doris",
                failure(applier, new DropColumnEvent(missing, Collections.singletonList("v"))));
        assertEquals(
                "Sink table 'lonely' has no database: doris2pc writes to <database>.<table>; route the source table "
                        + "to a two-part sink table (route: sink-table: db.table)",
                failure(applier, new DropColumnEvent(TableId.tableId("lonely"), Collections.singletonList("v"))));
    }

    /** table.create.table-properties: the table matching a rule is created with its properties, another is not. */
    @Test
    void createsEachTableWithThePropertiesOfTheFirstRuleMatchingIt() {
        TableId logs = newTable("layout", "log");
        TableId orders = newTable("layout", "orders");
        MetadataApplier applier = applier(Transport.HTTP,
                "table.create.properties.compression", "LZ4",
                "table.create.table-properties.1.tables", "layout[.]log_[0-9]+",
                "table.create.table-properties.1.compression", "ZSTD",
                "table.create.table-properties.1.bloom_filter_columns", "v",
                "table.create.table-properties.2.tables", ".*",
                "table.create.table-properties.2.binlog.enable", "true");
        Schema schema = Schema.newBuilder().physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("v", DataTypes.INT()).primaryKey("id").build();
        applier.applySchemaChange(new CreateTableEvent(logs, schema));
        applier.applySchemaChange(new CreateTableEvent(orders, schema));
        String log = showCreate(logs);
        assertTrue(log.contains("\"compression\" = \"ZSTD\""), log);
        assertTrue(log.contains("\"bloom_filter_columns\" = \"v\""), log);
        assertFalse(log.contains("binlog.enable"), log);
        String order = showCreate(orders);
        assertTrue(order.contains("\"compression\" = \"LZ4\""), order);
        assertTrue(order.contains("\"binlog.enable\" = \"true\""), order);
        assertFalse(order.contains("bloom_filter_columns"), order);
    }

    /** Doris refuses a property it does not know; the failure names the table, the statement and Doris's words. */
    @Test
    void aPerTablePropertyDorisDoesNotKnowFailsTheCreateNamingTheTable() {
        TableId id = newTable("layout", "typo");
        String table = DorisIdentifiers.quote(id.getSchemaName(), id.getTableName());
        MetadataApplier applier = applier(Transport.HTTP,
                "table.create.table-properties.1.tables", "typo_.*",
                "table.create.table-properties.1.compresion", "ZSTD");
        String message = failure(applier, new CreateTableEvent(id, Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull()).primaryKey("id").build()));
        assertTrue(message.startsWith("Failed to apply CREATE_TABLE of table " + table + ": Doris refused `CREATE "
                + "TABLE IF NOT EXISTS " + table), message);
        assertTrue(message.endsWith("detailMessage = Unknown properties: {compresion=ZSTD}"), message);
        assertFalse(server.tableExists(id.getSchemaName(), id.getTableName()));
    }

    private static String showCreate(TableId id) {
        return (String) server.sql(id.getSchemaName(),
                "SHOW CREATE TABLE " + DorisIdentifiers.quote(id.getSchemaName(), id.getTableName())).rows().get(0).get(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reportsDorisRefusalsWithTableStatementAndMessage(Transport transport) {
        TableId id = newTable("refusals_" + transport, "t");
        MetadataApplier applier = applier(transport);
        applier.applySchemaChange(new CreateTableEvent(id, Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("v", DataTypes.INT())
                .primaryKey("id")
                .build()));
        String table = DorisIdentifiers.quote(id.getSchemaName(), id.getTableName());
        String message = failure(applier, new DropColumnEvent(id, Collections.singletonList("id")));
        assertEquals(
                "Failed to apply DROP_COLUMN of table " + table + ": Doris refused `ALTER TABLE " + table
                        + " DROP COLUMN `id``: " + (transport == Transport.HTTP ? "Failed to execute sql: " : "")
                        + "errCode = 2, detailMessage = Can not drop key column in Unique data "
                        + "model table",
                message);
        assertFalse(message.contains(PASSWORD));
    }

    @Test
    void changesSeveralColumnTypesInOneAlterJob() {
        TableId id = newTable("multi", "t");
        InProcessSqlExecutor doris = new InProcessSqlExecutor(server);
        MetadataApplier applier = new Doris2pcMetadataApplier(config(), doris);
        applier.applySchemaChange(new CreateTableEvent(id, Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("a", DataTypes.INT())
                .physicalColumn("b", DataTypes.VARCHAR(5))
                .primaryKey("id")
                .build()));
        Map<String, org.apache.flink.cdc.common.types.DataType> changes = new LinkedHashMap<>();
        changes.put("a", DataTypes.BIGINT());
        changes.put("b", DataTypes.VARCHAR(10));
        applier.applySchemaChange(new AlterColumnTypeEvent(id, changes));
        String table = DorisIdentifiers.quote(id.getSchemaName(), id.getTableName());
        // Like Doris, the test server makes one alter job of the whole statement.
        assertEquals(
                List.of("ALTER TABLE " + table + " MODIFY COLUMN `a` BIGINT NULL, MODIFY COLUMN `b` VARCHAR(40) NULL"),
                doris.statements.stream().filter(sql -> sql.contains("MODIFY")).collect(Collectors.toList()));
        assertEquals(1, server.alterJobs().stream().filter(job -> job.dbName().equals(id.getSchemaName())).count());
        awaitAlterJobsDone();
        assertEquals(Arrays.asList("id INT No true", "a BIGINT Yes false", "b VARCHAR(40) Yes false"), describe(id));
    }

    /**
     * Doris spells an existing column's type its own way (information_schema: {@code tinyint(1)} for BOOLEAN,
     * {@code int(11)}, {@code decimalv3(12, 2)}, {@code string}); a replayed ADD COLUMN or type change compares by
     * meaning and is a no-op.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aReplayedAddColumnOrTypeChangeOfEveryTypeIsANoOp(Transport transport) {
        TableId id = newTable("replay_" + transport, "t");
        InProcessSqlExecutor doris = new InProcessSqlExecutor(server);
        MetadataApplier applier = transport == Transport.HTTP ? applier(transport) : new Doris2pcMetadataApplier(config(), doris);
        applier.applySchemaChange(new CreateTableEvent(id, Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .primaryKey("id")
                .build()));
        AddColumnEvent add = new AddColumnEvent(id, Arrays.asList(
                AddColumnEvent.last(Column.physicalColumn("flag", DataTypes.BOOLEAN())),
                AddColumnEvent.last(Column.physicalColumn("tiny", DataTypes.TINYINT())),
                AddColumnEvent.last(Column.physicalColumn("small", DataTypes.SMALLINT())),
                AddColumnEvent.last(Column.physicalColumn("num", DataTypes.INT())),
                AddColumnEvent.last(Column.physicalColumn("big", DataTypes.BIGINT())),
                AddColumnEvent.last(Column.physicalColumn("real", DataTypes.FLOAT())),
                AddColumnEvent.last(Column.physicalColumn("dbl", DataTypes.DOUBLE())),
                AddColumnEvent.last(Column.physicalColumn("amount", DataTypes.DECIMAL(12, 2))),
                AddColumnEvent.last(Column.physicalColumn("day", DataTypes.DATE())),
                AddColumnEvent.last(Column.physicalColumn("at", DataTypes.TIMESTAMP(3))),
                AddColumnEvent.last(Column.physicalColumn("at0", DataTypes.TIMESTAMP(0))),
                AddColumnEvent.last(Column.physicalColumn("code", DataTypes.CHAR(3))),
                AddColumnEvent.last(Column.physicalColumn("name", DataTypes.VARCHAR(10))),
                AddColumnEvent.last(Column.physicalColumn("text", DataTypes.STRING()))));
        applier.applySchemaChange(add);
        List<String> columns = describe(id);
        int jobs = server.alterJobs().size();
        applier.applySchemaChange(add);
        Map<String, org.apache.flink.cdc.common.types.DataType> sameTypes = new LinkedHashMap<>();
        sameTypes.put("flag", DataTypes.BOOLEAN());
        sameTypes.put("num", DataTypes.INT());
        sameTypes.put("amount", DataTypes.DECIMAL(12, 2));
        sameTypes.put("at", DataTypes.TIMESTAMP(3));
        sameTypes.put("text", DataTypes.STRING());
        applier.applySchemaChange(new AlterColumnTypeEvent(id, sameTypes));
        assertEquals(columns, describe(id));
        assertEquals(jobs, server.alterJobs().size());
        assertTrue(doris.statements.stream().noneMatch(sql -> sql.contains("MODIFY")), doris.statements.toString());
    }

    /** Doris refuses a MODIFY COLUMN that would drop or change the default ("Can not change default value"). */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTypeChangeRestatesTheColumnsDefaultAndComment(Transport transport) {
        TableId id = newTable("defaults_" + transport, "t");
        MetadataApplier applier = applier(transport);
        applier.applySchemaChange(new CreateTableEvent(id, Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("qty", DataTypes.INT(), "how many", "5")
                .physicalColumn("label", DataTypes.VARCHAR(5), "it's a label", "n/a")
                .physicalColumn("at", DataTypes.TIMESTAMP(3), null, "CURRENT_TIMESTAMP")
                .primaryKey("id")
                .build()));
        Map<String, org.apache.flink.cdc.common.types.DataType> changes = new LinkedHashMap<>();
        changes.put("qty", DataTypes.BIGINT());
        changes.put("label", DataTypes.VARCHAR(10));
        changes.put("at", DataTypes.TIMESTAMP(6));
        applier.applySchemaChange(new AlterColumnTypeEvent(id, changes));
        awaitAlterJobsDone();
        assertEquals(Arrays.asList("id INT No true", "qty BIGINT Yes false", "label VARCHAR(40) Yes false",
                "at DATETIME(6) Yes false"), describe(id));
        SqlResult desc = server.sql(id.getSchemaName(), "DESC " + DorisIdentifiers.quote(id.getSchemaName(), id.getTableName()));
        assertEquals(Arrays.asList("NULL", "5", "n/a", "CURRENT_TIMESTAMP"),
                desc.rows().stream().map(r -> String.valueOf(r.get(4))).collect(Collectors.toList()));
        SqlResult comments = server.sql("information_schema", "SELECT COLUMN_COMMENT FROM information_schema.COLUMNS "
                + "WHERE TABLE_NAME = '" + id.getTableName() + "' ORDER BY ORDINAL_POSITION");
        assertEquals(Arrays.asList("", "how many", "it's a label", ""),
                comments.rows().stream().map(r -> String.valueOf(r.get(0))).collect(Collectors.toList()));
    }

    /**
     * A type change outside Doris's schema change matrix fails at once, as {@link UnsupportedSchemaChangeEventException}
     * (which {@code schema.change.behavior: try_evolve} tolerates), saying which column, which change and what to do.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTypeChangeDorisRefusesFailsAtOnceNamingTableColumnChangeAndWayOut(Transport transport) {
        TableId id = newTable("refused_" + transport, "t");
        MetadataApplier applier = applier(transport);
        applier.applySchemaChange(new CreateTableEvent(id, Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("amount", DataTypes.INT())
                .primaryKey("id")
                .build()));
        List<String> before = describe(id);
        AlterColumnTypeEvent toDecimal =
                new AlterColumnTypeEvent(id, Collections.singletonMap("amount", DataTypes.DECIMAL(12, 2)));
        UnsupportedSchemaChangeEventException e = assertThrows(
                UnsupportedSchemaChangeEventException.class, () -> applier.applySchemaChange(toDecimal));
        String table = DorisIdentifiers.quote(id.getSchemaName(), id.getTableName());
        String message = e.getExceptionMessage();
        assertTrue(message.startsWith("Doris refuses to change the type of column `amount` from int(11) to "
                + "DECIMAL(12,2) of table " + table + " ("), message);
        assertTrue(message.contains("Can not change INT to DECIMAL64). "), message);
        assertTrue(message.contains("route the changed column elsewhere"), message);
        assertTrue(message.contains("recreate the Doris table with the new type"), message);
        assertTrue(message.contains("schema.change.behavior: try_evolve"), message);
        assertEquals(toDecimal, e.getApplyingEvent());
        assertEquals(before, describe(id));
        assertEquals(0, server.alterJobs().stream().filter(job -> job.dbName().equals(id.getSchemaName())).count());
    }

    @Test
    void explainsHowToDeclareAPrimaryKey() {
        TableId id = newTable("nokey", "t");
        Schema schema = Schema.newBuilder().physicalColumn("v", DataTypes.INT()).build();
        assertTrue(failure(applier(Transport.IN_PROCESS, "table.create.duplicate-key-without-primary-key", "false"),
                new CreateTableEvent(id, schema)).startsWith(
                "Cannot apply CREATE_TABLE of table `nokey`.`" + id.getTableName() + "`: Table `nokey`.`"
                        + id.getTableName() + "` has no primary key"));
        applier(Transport.IN_PROCESS).applySchemaChange(new CreateTableEvent(id, schema));
        assertEquals(Collections.singletonList("v INT Yes true"), describe(id));
    }

    @Test
    void retriesTransportFailuresWithBackoffThenGivesUp() {
        TableId id = newTable("retries", "t");
        InProcessSqlExecutor doris = new InProcessSqlExecutor(server);
        AtomicInteger failuresLeft = new AtomicInteger(2);
        Doris2pcMetadataApplier applier = new Doris2pcMetadataApplier(config("sink.max-retries", "2"), (db, sql) -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IOException("connection refused by 127.0.0.1");
            }
            return doris.execute(db, sql);
        });
        applier.applySchemaChange(new CreateTableEvent(id, ordersSchema()));
        assertTrue(server.tableExists(id.getSchemaName(), id.getTableName()));

        failuresLeft.set(3);
        assertEquals(
                "Failed to apply DROP_COLUMN of table `retries`.`" + id.getTableName() + "`: Doris could not be "
                        + "reached after 3 attempts (sink.max-retries = 2): connection refused by 127.0.0.1",
                failure(applier, new DropColumnEvent(id, Collections.singletonList("a.b+c/d"))));
    }

    @Test
    void acceptsTheConfiguredEventTypes() {
        MetadataApplier applier = applier(Transport.IN_PROCESS);
        assertEquals(EnumSet.allOf(SchemaChangeEventType.class), applier.getSupportedSchemaEvolutionTypes());
        assertTrue(applier.acceptsSchemaEvolutionType(SchemaChangeEventType.ALTER_COLUMN_TYPE));
        applier.setAcceptedSchemaEvolutionTypes(EnumSet.of(SchemaChangeEventType.CREATE_TABLE));
        assertTrue(applier.acceptsSchemaEvolutionType(SchemaChangeEventType.CREATE_TABLE));
        assertFalse(applier.acceptsSchemaEvolutionType(SchemaChangeEventType.DROP_COLUMN));
        applier.setAcceptedSchemaEvolutionTypes(Collections.emptySet());
        assertFalse(applier.acceptsSchemaEvolutionType(SchemaChangeEventType.CREATE_TABLE));
    }

    @Test
    void worksAfterJavaSerializationAsTheFrameworkShipsIt() throws Exception {
        MetadataApplier applier = applier(Transport.HTTP);
        applier.setAcceptedSchemaEvolutionTypes(EnumSet.of(SchemaChangeEventType.CREATE_TABLE));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(applier);
        }
        MetadataApplier copy;
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (MetadataApplier) in.readObject();
        }
        assertFalse(copy.acceptsSchemaEvolutionType(SchemaChangeEventType.DROP_COLUMN));
        TableId id = newTable("serialized", "t");
        copy.applySchemaChange(new CreateTableEvent(id, ordersSchema()));
        assertTrue(server.tableExists(id.getSchemaName(), id.getTableName()));
    }

    /**
     * The HTTP client keeps its FE connection alive between changes; close() (which Flink CDC 3.3+ calls when the
     * schema coordinator closes) must hang it up, or each closed applier would leave a connection open on the FE.
     */
    @Test
    void closeHangsUpTheConnectionToTheFe() throws Exception {
        AtomicInteger open = new AtomicInteger();
        try (ServerSocket relay = feRelay(open)) {
            Doris2pcMetadataApplier applier =
                    new Doris2pcMetadataApplier(config("fenodes", "127.0.0.1:" + relay.getLocalPort()));
            TableId id = newTable("closing", "t");
            applier.applySchemaChange(new CreateTableEvent(id, ordersSchema()));
            assertTrue(server.tableExists(id.getSchemaName(), id.getTableName()));
            assertTrue(open.get() > 0, "the client kept no connection open, so closing it shows nothing");

            applier.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (open.get() > 0) {
                assertTrue(System.nanoTime() < deadline, open.get() + " FE connections still open after close()");
                Thread.sleep(10);
            }
        }
    }

    /** A relay to the test server's FE; {@code open} counts the relayed connections neither side has closed. */
    private static ServerSocket feRelay(AtomicInteger open) throws IOException {
        ServerSocket relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    Socket client = relay.accept();
                    Socket fe = new Socket(server.host(), server.fePort());
                    open.incrementAndGet();
                    pump(fe, client, () -> { });
                    pump(client, fe, open::decrementAndGet);
                } catch (IOException e) {
                    return; // the relay is closed: the test is over
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return relay;
    }

    /** Copies {@code from} to {@code to} until either ends, then closes both and runs {@code ended}. */
    private static void pump(Socket from, Socket to, Runnable ended) {
        Thread t = new Thread(() -> {
            try (from; to) {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // one side hung up; leaving the try closes the other
            }
            ended.run();
        });
        t.setDaemon(true);
        t.start();
    }

    static String failure(MetadataApplier applier, SchemaChangeEvent event) {
        SchemaEvolveException e =
                assertThrows(SchemaEvolveException.class, () -> applier.applySchemaChange(event));
        assertEquals(event, e.getApplyingEvent());
        return e.getExceptionMessage();
    }
}
