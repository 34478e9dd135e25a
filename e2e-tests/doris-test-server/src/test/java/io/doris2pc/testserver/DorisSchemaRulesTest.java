package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.doris2pc.testserver.cluster.DorisVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Column spellings and schema change rules as Doris has them, per {@link DorisVersion}. Doris files:
 * BE {@code exec/schema_scanner/schema_columns_scanner.cpp}, FE {@code common/proc/IndexSchemaProcNode},
 * {@code catalog/Type.hideVersionForVersionColumn}, {@code catalog/Column.checkSchemaChangeAllowed},
 * {@code catalog/ColumnType.schemaChangeMatrix}, {@code alter/SchemaChangeHandler.createJob},
 * {@code common/FeNameFormat}, {@code analysis/AddColumnClause}.
 */
class DorisSchemaRulesTest {
    private static final String TABLE = "CREATE TABLE t (id INT NOT NULL, b BOOLEAN, ti TINYINT, si SMALLINT, "
            + "bi BIGINT, li LARGEINT, f FLOAT, d DOUBLE, dec DECIMAL(12, 2), dt DATE, ts DATETIME(3), ts0 DATETIME, "
            + "c CHAR(4), v VARCHAR(10), s STRING, j JSON, n INT DEFAULT '5' COMMENT 'five') UNIQUE KEY(id) "
            + "DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')";

    private static DorisTestServer server(DorisVersion version) {
        DorisTestServer server = DorisTestServer.builder().dorisVersion(version).alterJobStep(Duration.ofMillis(5)).start();
        server.sql("", "CREATE DATABASE db");
        server.sql("db", TABLE);
        return server;
    }

    /** A heavy MODIFY is an alter job the scheduler finishes after the ALTER returned (alter/SchemaChangeJobV2). */
    private static void alter(DorisTestServer server, String statement) throws InterruptedException {
        server.sql("db", statement);
        Awaits.until("the alter jobs finished", Duration.ofSeconds(10),
                () -> server.alterJobs().stream().allMatch(job -> job.state().isDone()));
    }

    private static List<String> column(DorisTestServer server, String field) {
        List<String> out = new ArrayList<>();
        for (List<Object> row : server.sql("information_schema", "SELECT " + field
                + " FROM information_schema.COLUMNS WHERE TABLE_NAME = 't' ORDER BY ORDINAL_POSITION").rows()) {
            out.add(String.valueOf(row.get(0)));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(DorisVersion.class)
    void informationSchemaSpellsTypesAsTheBackendDoes(DorisVersion version) {
        try (DorisTestServer server = server(version)) {
            // schema_columns_scanner.cpp _type_to_string and _to_mysql_data_type_string (2.1, 3.0 and master alike)
            assertEquals(List.of("int(11)", "tinyint(1)", "tinyint(4)", "smallint(6)", "bigint(20)", "largeint", "float",
                    "double", "decimalv3(12, 2)", "date", "datetime(3)", "datetime", "char(4)", "varchar(10)", "string",
                    "json", "int(11)"), column(server, "COLUMN_TYPE"));
            assertEquals(List.of("int", "tinyint", "tinyint", "smallint", "bigint", "bigint unsigned", "float", "double",
                    "decimal", "date", "datetime", "datetime", "char", "varchar", "varchar", "json", "int"),
                    column(server, "DATA_TYPE"));
        }
    }

    @ParameterizedTest
    @CsvSource({"V2_1, null", "V3_0, null", "NEWER, 5"})
    void informationSchemaShowsDefaultsOnlyAfter30(DorisVersion version, String expected) {
        try (DorisTestServer server = server(version)) {
            // schema_columns_scanner.cpp: COLUMN_DEFAULT is filled only since 5ff94a11 (2024-12)
            assertEquals(expected, column(server, "COLUMN_DEFAULT").get(16));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "V2_1|INT;BOOLEAN;TINYINT;SMALLINT;BIGINT;LARGEINT;FLOAT;DOUBLE;DECIMAL(12, 2);DATE;DATETIME(3);DATETIME;"
                + "CHAR(4);VARCHAR(10);TEXT;JSON;INT",
        "V3_0|int;boolean;tinyint;smallint;bigint;largeint;float;double;decimal(12,2);date;datetime(3);datetime;"
                + "char(4);varchar(10);text;json;int",
    })
    void describeSpellsTypesAsTheFrontendOfTheVersionDoes(DorisVersion version, String types) {
        try (DorisTestServer server = server(version)) {
            // IndexSchemaProcNode + Type.hideVersionForVersionColumn; lower case since e4ed733e (2024-07)
            SqlResult desc = server.sql("db", "DESC t");
            assertEquals(List.of("Field", "Type", "Null", "Key", "Default", "Extra"), desc.columns());
            List<String> actual = new ArrayList<>();
            desc.rows().forEach(r -> actual.add(String.valueOf(r.get(1))));
            assertEquals(List.of(types.split(";")), actual);
            assertEquals(List.of("id", "INT".equals(actual.get(0)) ? "INT" : "int", "No", "true", "NULL", ""),
                    desc.rows().get(0));
            assertEquals(List.of("n", actual.get(16), "Yes", "false", "5", "NONE"), desc.rows().get(16));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DorisVersion.class, names = {"V2_1", "V3_0"})
    void modifyMustRestateTheDefaultAndCannotTightenNullability(DorisVersion version) throws InterruptedException {
        try (DorisTestServer server = server(version)) {
            // Column.checkSchemaChangeAllowed
            assertEquals("Can not change default value",
                    refusal(server, "ALTER TABLE t MODIFY COLUMN n BIGINT COMMENT 'five'"));
            assertEquals("Can not change default value",
                    refusal(server, "ALTER TABLE t MODIFY COLUMN n BIGINT DEFAULT '6' COMMENT 'five'"));
            assertEquals("Can not change from nullable to non-nullable",
                    refusal(server, "ALTER TABLE t MODIFY COLUMN v VARCHAR(20) NOT NULL"));
            alter(server, "ALTER TABLE t MODIFY COLUMN n BIGINT DEFAULT '5' COMMENT 'five'");
            assertEquals("bigint(20)", column(server, "COLUMN_TYPE").get(16));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "n DECIMAL(12, 2) DEFAULT '5'|Can not change INT to DECIMAL64",
        "d FLOAT|Can not change DOUBLE to FLOAT",
        "v CHAR(20)|Can not change VARCHAR to CHAR",
        "b INT|Can not change BOOLEAN to INT",
        "s VARCHAR(100)|Can not change STRING to VARCHAR",
        "bi INT|Can not change BIGINT to INT",
        "ts VARCHAR(30)|Can not change DATETIMEV2 to VARCHAR",
        "j INT|Can not change JSON to INT",
        "c CHAR(2)|Cannot shorten string length",
    })
    void typeChangesOutsideTheMatrixAreRefusedWithDorissText(String definition, String text) {
        try (DorisTestServer server = server(DorisVersion.V2_1)) {
            assertEquals(text, refusal(server, "ALTER TABLE t MODIFY COLUMN " + definition));
            assertTrue(server.alterJobs().isEmpty());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ti SMALLINT|2|smallint(6)", "si INT|3|int(11)", "n BIGINT DEFAULT '5' COMMENT 'five'|16|bigint(20)",
        "bi LARGEINT|4|largeint", "f DOUBLE|6|double", "v VARCHAR(20)|13|varchar(20)", "v STRING|13|string",
        "c VARCHAR(10)|12|varchar(10)", "dec DECIMAL(20, 2)|8|decimalv3(20, 2)", "ts DATETIME(6)|10|datetime(6)",
        "bi VARCHAR(20)|4|varchar(20)", "s JSON|14|json", "dt DATETIME|9|datetime",
    })
    void changesInTheMatrixAreAllowed(String definition, int column, String columnType) throws InterruptedException {
        try (DorisTestServer server = server(DorisVersion.V2_1)) {
            alter(server, "ALTER TABLE t MODIFY COLUMN " + definition);
            assertEquals(columnType, column(server, "COLUMN_TYPE").get(column));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DorisVersion.class, names = {"V2_1", "V3_0"})
    void numberIntoTooShortATextIsRefusedInTheVersionsSpelling(DorisVersion version) {
        try (DorisTestServer server = server(version)) {
            String expected = version == DorisVersion.V2_1
                    ? "Can not change from wider type BIGINT to narrower type VARCHAR(5)"
                    : "Can not change from wider type bigint to narrower type varchar(5)";
            assertEquals(expected, refusal(server, "ALTER TABLE t MODIFY COLUMN bi VARCHAR(5)"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = DorisVersion.class, names = {"V2_1", "V3_0"})
    void aModifyThatChangesNothingIsRefused(DorisVersion version) {
        try (DorisTestServer server = server(version)) {
            // SchemaChangeHandler.createJob
            assertEquals("Nothing is changed. please check your alter stmt.",
                    refusal(server, "ALTER TABLE t MODIFY COLUMN v VARCHAR(10) NULL"));
            assertTrue(server.alterJobs().isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(DorisVersion.class)
    void addingANotNullColumnWithoutDefaultIsRefusedWithDorissText(DorisVersion version) {
        try (DorisTestServer server = server(version)) {
            // AddColumnClause.analyze: ErrorCode.ERR_NO_DEFAULT_FOR_FIELD
            assertEquals("Field 'x' doesn't have a default value", refusal(server, "ALTER TABLE t ADD COLUMN x INT NOT NULL"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "V2_1|false|#tag|false", "V2_1|false|_x|true", "V2_1|false|<in>|true", "V2_1|false|.x|false",
        "V3_0|false|<in>|false", "V3_0|false|@x y|true", "V3_0|false|mv_total|false",
        "V3_0|true|备注 x|false", "V3_0|true|a,b|true", "V3_0|true|a:b|false", "V3_0|true|备注|true",
        "NEWER|false|#tag|true", "NEWER|false|.x|true", "NEWER|true|备注 x|true", "NEWER|false|mv_total|true",
    })
    // the regex's "+-/" is a range from '+' to '/', so the unicode variant takes ',' after all
    void columnNameRulesFollowFeNameFormatOfTheVersion(DorisVersion version, boolean unicode, String name, boolean accepted) {
        try (DorisTestServer server = DorisTestServer.builder().dorisVersion(version).unicodeNames(unicode).start()) {
            server.sql("", "CREATE DATABASE db");
            server.sql("db", "CREATE TABLE t (id INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1 "
                    + "PROPERTIES ('replication_num' = '1')");
            String add = "ALTER TABLE t ADD COLUMN `" + name + "` INT";
            if (accepted) {
                server.sql("db", add);
                assertEquals(List.of("id", name), server.columns("db", "t"));
            } else {
                String text = refusal(server, add);
                assertTrue(text.startsWith("Incorrect column name"), text);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"V2_1, 1000", "V3_0, 1000", "NEWER, 10000"})
    void runningTransactionLimitDefaultsToTheVersions(DorisVersion version, int limit) {
        // Config.max_running_txn_num_per_db: 1000, 10000 since 90500c01 (2025-06)
        try (DorisTestServer server = DorisTestServer.builder().dorisVersion(version).start()) {
            assertEquals(limit, server.maxRunningTxnPerDb());
        }
        try (DorisTestServer server = DorisTestServer.builder().maxRunningTxnPerDb(7).dorisVersion(version).start()) {
            assertEquals(7, server.maxRunningTxnPerDb());
        }
    }

    private static String refusal(DorisTestServer server, String statement) {
        return assertThrows(DorisSqlException.class, () -> server.sql("db", statement)).getMessage();
    }
}
