package io.doris2pc.connector.schema;

import io.doris2pc.connector.config.Doris2pcSinkConfig;

import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.schema.Column;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DorisDdlTest {

    static Doris2pcSinkConfig config(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        map.put("fenodes", "127.0.0.1:8030");
        map.put("username", "root");
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return Doris2pcSinkConfig.from(Configuration.fromMap(map), ZoneId.of("UTC"));
    }

    private final DorisDdl ddl = new DorisDdl(config());

    @Test
    void createsMergeOnWriteUniqueTableWithKeysFirstInKeyOrder() {
        Schema schema = Schema.newBuilder()
                .physicalColumn("name", DataTypes.VARCHAR(20), "the name")
                .physicalColumn("tenant", DataTypes.INT().notNull())
                .physicalColumn("id", DataTypes.BIGINT().notNull())
                .physicalColumn("price", DataTypes.DECIMAL(10, 2), null, "0.50")
                .primaryKey("id", "tenant")
                .comment("orders of 'shop'")
                .build();
        assertEquals(
                "CREATE TABLE IF NOT EXISTS `shop`.`orders` (`id` BIGINT NOT NULL, `tenant` INT NOT NULL, "
                        + "`name` VARCHAR(80) NULL COMMENT 'the name', `price` DECIMAL(10,2) NULL DEFAULT '0.50') "
                        + "UNIQUE KEY(`id`, `tenant`) COMMENT 'orders of \\'shop\\'' "
                        + "DISTRIBUTED BY HASH(`id`, `tenant`) BUCKETS AUTO "
                        + "PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")",
                ddl.createTable("shop", "orders", schema));
    }

    @Test
    void userTablePropertiesAndBucketsWin() {
        DorisDdl custom = new DorisDdl(config(
                "table.create.properties.replication_num", "1",
                "table.create.properties.enable_unique_key_merge_on_write", "false",
                "table.create.buckets", "8"));
        Schema schema = Schema.newBuilder().physicalColumn("id", DataTypes.INT().notNull()).primaryKey("id").build();
        assertEquals(
                "CREATE TABLE IF NOT EXISTS `d`.`t` (`id` INT NOT NULL) UNIQUE KEY(`id`) DISTRIBUTED BY HASH(`id`) "
                        + "BUCKETS 8 PROPERTIES (\"enable_unique_key_merge_on_write\" = \"false\", "
                        + "\"replication_num\" = \"1\")",
                custom.createTable("d", "t", schema));
    }

    @Test
    void bucketsPerTableTakeTheFirstPatternMatchingTheTableOrDbDotTable() {
        DorisDdl perTable = new DorisDdl(config("table.create.buckets", "4",
                "table.create.table-buckets", "orders:16, shop\\.log_.*:AUTO, .*_archive:2"));
        Schema schema = Schema.newBuilder().physicalColumn("id", DataTypes.INT().notNull()).primaryKey("id").build();
        assertTrue(perTable.createTable("shop", "orders", schema).contains(" BUCKETS 16 "));
        assertTrue(perTable.createTable("shop", "log_2024", schema).contains(" BUCKETS AUTO "));
        assertTrue(perTable.createTable("other", "log_2024", schema).contains(" BUCKETS 4 "));
        assertTrue(perTable.createTable("shop", "orders_archive", schema).contains(" BUCKETS 2 "));
        assertTrue(perTable.createTable("shop", "orders2", schema).contains(" BUCKETS 4 "));
    }

    @Test
    void propertiesPerTableTakeTheFirstMatchingRuleOverTheGlobalOnesKeyByKey() {
        DorisDdl perTable = new DorisDdl(config(
                "table.create.properties.replication_num", "3",
                "table.create.properties.compression", "LZ4",
                "table.create.table-properties.2.tables", "shop\\.log_.*",
                "table.create.table-properties.2.compression", "ZSTD",
                "table.create.table-properties.2.binlog.enable", "true",
                "table.create.table-properties.1.tables", ".*_archive",
                "table.create.table-properties.1.replication_num", "1",
                "table.create.table-properties.10.tables", "log_2024",
                "table.create.table-properties.10.storage_medium", "SSD"));
        Schema schema = Schema.newBuilder().physicalColumn("id", DataTypes.INT().notNull()).primaryKey("id").build();
        assertEquals("CREATE TABLE IF NOT EXISTS `shop`.`log_2024` (`id` INT NOT NULL) UNIQUE KEY(`id`) "
                        + "DISTRIBUTED BY HASH(`id`) BUCKETS AUTO PROPERTIES (\"enable_unique_key_merge_on_write\" = "
                        + "\"true\", \"compression\" = \"ZSTD\", \"replication_num\" = \"3\", \"binlog.enable\" = \"true\")",
                perTable.createTable("shop", "log_2024", schema));
        // rule 1 comes before rule 2 although both match; only the winning rule's properties apply
        assertTrue(perTable.createTable("shop", "log_archive", schema).endsWith("PROPERTIES ("
                + "\"enable_unique_key_merge_on_write\" = \"true\", \"compression\" = \"LZ4\", \"replication_num\" = \"1\")"));
        // rule 10 is tried after rule 2, by number, not by text
        assertTrue(perTable.createTable("other", "log_2024", schema).contains("\"storage_medium\" = \"SSD\""));
        assertTrue(perTable.createTable("other", "orders", schema).endsWith("PROPERTIES ("
                + "\"enable_unique_key_merge_on_write\" = \"true\", \"compression\" = \"LZ4\", \"replication_num\" = \"3\")"));
    }

    @Test
    void aPerTablePropertyRuleThatCannotBeReadIsRefusedNamingTheOption() {
        assertRefused("Invalid doris2pc sink option 'table.create.table-properties.1.tables': '[log' is not a "
                + "regular expression: Unclosed character class",
                "table.create.table-properties.1.tables", "[log", "table.create.table-properties.1.compression", "ZSTD");
        assertRefused("Invalid doris2pc sink option 'table.create.table-properties.1.': names no property: write "
                + "table.create.table-properties.<n>.tables: <regex> and table.create.table-properties.<n>.<property>: "
                + "<value>, e.g. table.create.table-properties.1.tables: log_.* and "
                + "table.create.table-properties.1.compression: ZSTD",
                "table.create.table-properties.1.tables", "log", "table.create.table-properties.1.", "ZSTD");
        assertRefused("Invalid doris2pc sink option 'table.create.table-properties.logs.compression': 'logs' is not a "
                + "rule number: rules are numbered 1, 2, ... in the order they are tried",
                "table.create.table-properties.logs.compression", "ZSTD");
        assertRefused("Invalid doris2pc sink option 'table.create.table-properties.2.compression': rule 2 has no "
                + "table.create.table-properties.2.tables, the regex of the tables it applies to",
                "table.create.table-properties.2.compression", "ZSTD");
        assertRefused("Invalid doris2pc sink option 'table.create.table-properties.3.tables': rule 3 sets no property: "
                + "add table.create.table-properties.3.<property>: <value>, or remove the rule",
                "table.create.table-properties.3.tables", "log_.*");
        assertRefused("Invalid doris2pc sink option 'table.create.table-properties.1.tables': is empty: give the regex "
                + "of the tables the rule applies to",
                "table.create.table-properties.1.tables", " ", "table.create.table-properties.1.compression", "ZSTD");
        assertRefused("Invalid doris2pc sink option 'table.create.properties.': names no property: write "
                + "table.create.properties.<property>: <value>", "table.create.properties.", "1");
    }

    private static void assertRefused(String message, String... keyValues) {
        ValidationException e = assertThrows(ValidationException.class, () -> config(keyValues));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aTableBucketsEntryThatIsNotRegexColonBucketsIsRefused() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> config("table.create.table-buckets", "orders:16,log_.*:many"));
        assertEquals("Invalid doris2pc sink option 'table.create.table-buckets': 'log_.*:many': 'many' is neither AUTO "
                + "nor a positive number", e.getMessage());
    }

    @Test
    void anAutoPartitionedUniqueTableHasThePartitionColumnInItsKeyAndNotNull() {
        DorisDdl partitioned = new DorisDdl(config(
                "table.create.auto-partition.properties.default-partition-key", "created",
                "table.create.auto-partition.properties.shop.orders.partition-unit", "day"));
        Schema schema = Schema.newBuilder()
                .physicalColumn("id", DataTypes.INT().notNull())
                .physicalColumn("created", DataTypes.TIMESTAMP(3))
                .primaryKey("id")
                .build();
        assertEquals(
                "CREATE TABLE IF NOT EXISTS `shop`.`orders` (`id` INT NOT NULL, `created` DATETIME(3) NOT NULL) "
                        + "UNIQUE KEY(`id`, `created`) AUTO PARTITION BY RANGE (date_trunc(`created`, 'day')) () "
                        + "DISTRIBUTED BY HASH(`id`, `created`) BUCKETS AUTO "
                        + "PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")",
                partitioned.createTable("shop", "orders", schema));
        assertTrue(partitioned.createTable("shop", "refunds", schema)
                .contains("AUTO PARTITION BY RANGE (date_trunc(`created`, 'month')) ()"));
        Schema withoutColumn = Schema.newBuilder().physicalColumn("id", DataTypes.INT().notNull()).primaryKey("id")
                .build();
        assertTrue(!partitioned.createTable("shop", "users", withoutColumn).contains("PARTITION"));
    }

    @Test
    void anAutoPartitionKeyThatIsNoDateIsRefusedNamingTheOption() {
        DorisDdl partitioned = new DorisDdl(config(
                "table.create.auto-partition.properties.shop.orders.partition-key", "id"));
        Schema schema = Schema.newBuilder().physicalColumn("id", DataTypes.INT().notNull()).primaryKey("id").build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> partitioned.createTable("shop", "orders", schema));
        assertEquals("Table shop.orders cannot be auto-partitioned on column 'id' "
                + "(table.create.auto-partition.properties.shop.orders.partition-key): it is INT NOT NULL, and Doris's "
                + "AUTO PARTITION BY RANGE (date_trunc(...)) needs a DATE or DATETIME column", e.getMessage());
    }

    @Test
    void stringKeysBecomeTheLongestVarchar() {
        Schema schema = Schema.newBuilder()
                .physicalColumn("code", DataTypes.STRING().notNull())
                .physicalColumn("body", DataTypes.STRING())
                .primaryKey("code")
                .build();
        assertEquals(
                "CREATE TABLE IF NOT EXISTS `d`.`t` (`code` VARCHAR(65533) NOT NULL, `body` STRING NULL) "
                        + "UNIQUE KEY(`code`) DISTRIBUTED BY HASH(`code`) BUCKETS AUTO "
                        + "PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")",
                ddl.createTable("d", "t", schema));
    }

    @Test
    void hostileNamesStayInsideTheirQuotes() {
        Schema schema = Schema.newBuilder()
                .physicalColumn("a`b", DataTypes.INT().notNull(), "x'); DROP TABLE t; --")
                .physicalColumn("order", DataTypes.INT())
                .physicalColumn("名字 with.dot", DataTypes.INT())
                .primaryKey("a`b")
                .build();
        assertEquals(
                "CREATE TABLE IF NOT EXISTS `my``db`.`t; DROP` (`a``b` INT NOT NULL COMMENT 'x\\'); DROP TABLE t; --', "
                        + "`order` INT NULL, `名字 with.dot` INT NULL) UNIQUE KEY(`a``b`) DISTRIBUTED BY HASH(`a``b`) "
                        + "BUCKETS AUTO PROPERTIES (\"enable_unique_key_merge_on_write\" = \"true\")",
                ddl.createTable("my`db", "t; DROP", schema));
    }

    @Test
    void refusesTablesWithoutPrimaryKeyWhenDuplicateKeyTablesAreTurnedOff() {
        Schema schema = Schema.newBuilder().physicalColumn("v", DataTypes.INT()).build();
        DorisDdl uniqueOnly = new DorisDdl(config("table.create.duplicate-key-without-primary-key", "false"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> uniqueOnly.createTable("d", "t", schema));
        assertEquals(
                "Table `d`.`t` has no primary key, and doris2pc creates UNIQUE KEY tables on the primary key. Declare "
                        + "one with a transform rule (transform: - source-table: <tables> primary-keys: <columns>), or "
                        + "remove table.create.duplicate-key-without-primary-key: false to create a DUPLICATE KEY table, "
                        + "which cannot apply updates or deletes",
                e.getMessage());
    }

    @Test
    void duplicateKeyTableTakesTheFirstColumnThatCanBeAKey() {
        DorisDdl duplicates = new DorisDdl(config());
        Schema schema = Schema.newBuilder()
                .physicalColumn("text", DataTypes.STRING())
                .physicalColumn("ratio", DataTypes.DOUBLE())
                .physicalColumn("at", DataTypes.TIMESTAMP(3))
                .build();
        assertEquals(
                "CREATE TABLE IF NOT EXISTS `d`.`log` (`at` DATETIME(3) NULL, `text` STRING NULL, `ratio` DOUBLE NULL) "
                        + "DUPLICATE KEY(`at`) DISTRIBUTED BY HASH(`at`) BUCKETS AUTO",
                duplicates.createTable("d", "log", schema));
        Schema noKeyable = Schema.newBuilder().physicalColumn("text", DataTypes.STRING()).build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> duplicates.createTable("d", "log", noKeyable));
        assertEquals(
                "Table `d`.`log` has no primary key and no column Doris can use as a DUPLICATE key (FLOAT, DOUBLE, "
                        + "STRING and complex types cannot be keys). Declare a primary key with a transform rule's "
                        + "primary-keys",
                e.getMessage());
    }

    @Test
    void refusesKeysDorisCannotHold() {
        Schema schema = Schema.newBuilder()
                .physicalColumn("score", DataTypes.DOUBLE().notNull())
                .primaryKey("score")
                .build();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ddl.createTable("d", "t", schema));
        assertEquals(
                "Table `d`.`t`: key column `score` has type DOUBLE NOT NULL. Doris does not allow a DOUBLE key column "
                        + "(FLOAT, DOUBLE, STRING, JSON and complex types cannot be keys)",
                e.getMessage());
        Schema missing = Schema.newBuilder().physicalColumn("a", DataTypes.INT()).primaryKey("id").build();
        assertEquals(
                "Table `d`.`t`: primary key column `id` is not a column of the table (columns: [a])",
                assertThrows(IllegalArgumentException.class, () -> ddl.createTable("d", "t", missing)).getMessage());
    }

    @Test
    void keepsOnlyDefaultsDorisAccepts() {
        assertEquals(
                "ALTER TABLE `d`.`t` ADD COLUMN `n` INT NOT NULL DEFAULT '7' COMMENT 'count' AFTER `id`",
                ddl.addColumn("d", "t", Column.physicalColumn("n", DataTypes.INT().notNull(), "count", "7"), "id"));
        assertEquals(
                "ALTER TABLE `d`.`t` ADD COLUMN `s` VARCHAR(40) NULL DEFAULT 'it\\'s'",
                ddl.addColumn("d", "t", Column.physicalColumn("s", DataTypes.VARCHAR(10), null, "it's"), null));
        assertEquals(
                "ALTER TABLE `d`.`t` ADD COLUMN `ts` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)",
                ddl.addColumn("d", "t",
                        Column.physicalColumn("ts", DataTypes.TIMESTAMP(3).notNull(), null, "CURRENT_TIMESTAMP(3)"),
                        null));
        assertEquals(
                "ALTER TABLE `d`.`t` ADD COLUMN `ts` DATETIME(0) NULL DEFAULT CURRENT_TIMESTAMP",
                ddl.addColumn("d", "t", Column.physicalColumn("ts", DataTypes.TIMESTAMP(0), null, "now()"), null));
        assertEquals(
                "ALTER TABLE `d`.`t` ADD COLUMN `day` DATE NULL DEFAULT '2024-02-29'",
                ddl.addColumn("d", "t", Column.physicalColumn("day", DataTypes.DATE(), null, "2024-02-29"), null));
        assertEquals(
                "ALTER TABLE `d`.`t` ADD COLUMN `b` BOOLEAN NULL DEFAULT 'true'",
                ddl.addColumn("d", "t", Column.physicalColumn("b", DataTypes.BOOLEAN(), null, "1"), null));
        for (Column refused : Arrays.asList(
                Column.physicalColumn("x", DataTypes.INT().notNull(), null, "abc"),
                Column.physicalColumn("x", DataTypes.TINYINT().notNull(), null, "300"),
                Column.physicalColumn("x", DataTypes.DECIMAL(4, 1).notNull(), null, "0.25"),
                Column.physicalColumn("x", DataTypes.DATE().notNull(), null, "0000-00-00"),
                Column.physicalColumn("x", DataTypes.TIMESTAMP(0).notNull(), null, "0000-00-00 00:00:00"),
                Column.physicalColumn("x", DataTypes.STRING().notNull(), null, "text"),
                Column.physicalColumn("x", DataTypes.TIMESTAMP_LTZ(0).notNull(), null, "2024-01-01 00:00:00"),
                Column.physicalColumn("x", DataTypes.BYTES().notNull(), null, "ab"),
                Column.physicalColumn("x", DataTypes.INT().notNull(), null, "NULL"))) {
            // NOT NULL without a usable default: added nullable, as Doris has no value for the existing rows
            assertEquals(
                    "ALTER TABLE `d`.`t` ADD COLUMN `x` " + ddl.types().toDorisType(refused.getType()) + " NULL",
                    ddl.addColumn("d", "t", refused, null),
                    refused.toString());
        }
    }

    @Test
    void buildsColumnAndTableStatements() {
        assertEquals("CREATE DATABASE IF NOT EXISTS `a``b`", DorisDdl.createDatabase("a`b"));
        assertEquals("ALTER TABLE `d`.`t` DROP COLUMN `key`", DorisDdl.dropColumn("d", "t", "key"));
        assertEquals("ALTER TABLE `d`.`t` RENAME COLUMN `a` `b``c`", DorisDdl.renameColumn("d", "t", "a", "b`c"));
        assertEquals("TRUNCATE TABLE `d`.`t`", DorisDdl.truncateTable("d", "t"));
        assertEquals("DROP TABLE IF EXISTS `d`.`t`", DorisDdl.dropTable("d", "t"));
        assertEquals(
                "ALTER TABLE `d`.`t` MODIFY COLUMN `k` VARCHAR(80) KEY NOT NULL, "
                        + "MODIFY COLUMN `v` BIGINT NULL DEFAULT '5\\'' COMMENT 'it\\'s kept', "
                        + "MODIFY COLUMN `at` DATETIME(6) NULL DEFAULT CURRENT_TIMESTAMP",
                ddl.modifyColumns("d", "t", Arrays.asList(
                        new DorisDdl.ColumnTypeChange("k", DataTypes.VARCHAR(20), true, false, null, ""),
                        new DorisDdl.ColumnTypeChange("v", DataTypes.BIGINT(), false, true, "5'", "it's kept"),
                        new DorisDdl.ColumnTypeChange("at", DataTypes.TIMESTAMP(6), false, true, "CURRENT_TIMESTAMP",
                                ""))));
        assertEquals(
                "Table `d`.`t`: key column `k` has type DOUBLE. Doris does not allow a DOUBLE key column (FLOAT, "
                        + "DOUBLE, STRING, JSON and complex types cannot be keys)",
                assertThrows(IllegalArgumentException.class, () -> ddl.modifyColumns("d", "t", Arrays.asList(
                        new DorisDdl.ColumnTypeChange("k", DataTypes.DOUBLE(), true, false, null, "")))).getMessage());
    }
}
