package io.doris2pc.e2e;

import io.doris2pc.e2e.TypeMatrix.TypeCase;
import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.runtime.jobmaster.JobResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.doris2pc.e2e.TypeMatrix.clefs;
import static io.doris2pc.e2e.TypeMatrix.dec;
import static io.doris2pc.e2e.TypeMatrix.emojis;
import static io.doris2pc.e2e.TypeMatrix.same;
import static io.doris2pc.e2e.TypeMatrix.text;
import static io.doris2pc.e2e.TypeMatrix.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every MySQL type the MySQL pipeline source maps, through the real Flink CDC 3.2.0 composer into the Doris test
 * server: each value arrives equal, or in the representation docs/types.md's table documents. Rows are
 * written once before the job starts (the snapshot reads them over JDBC) and once while it runs (the binlog
 * delivers them): the source converts the two by different code paths.
 */
class MySqlTypesToDorisE2eTest {

    private static final Path YAML = Paths.get("src/test/resources/mysql-types-to-doris.yaml").toAbsolutePath();
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final String DB = "types_db";
    private static final String TABLE = "all_types";
    private static final int SNAPSHOT_FIRST_ID = 1;
    private static final int BINLOG_FIRST_ID = 101;
    private static final String NARROW_DB = "narrow_db";
    private static final String NARROW_TABLE = "narrow";
    private static final String KEYS_DB = "keys_db";
    private static final String AMOUNTS_DB = "amounts_db";
    private static final String KEYS_TABLE = "keyed";

    /*
     * Values marked "source:" do not arrive equal, and no sink could tell: the Flink CDC 3.2.0 MySQL source has
     * already changed them. They are pinned here so that docs/types.md's table stays true.
     */
    private static final TypeMatrix MATRIX = new TypeMatrix(List.of(
            // source: TINYINT(1) is BOOLEAN, any non-zero value is true
            new TypeCase("c_bool", "TINYINT(1)", v("1", true), v("0", false), v("5", true)),
            new TypeCase("c_tinyint", "TINYINT", same(-128), same(127)),
            new TypeCase("c_tinyint_u", "TINYINT UNSIGNED", same(0), same(255)),
            new TypeCase("c_smallint", "SMALLINT", same(-32768), same(32767)),
            new TypeCase("c_smallint_u", "SMALLINT UNSIGNED", same(65535)),
            new TypeCase("c_mediumint", "MEDIUMINT", same(-8388608), same(8388607)),
            new TypeCase("c_mediumint_u", "MEDIUMINT UNSIGNED", same(16777215)),
            new TypeCase("c_int", "INT", same(Integer.MIN_VALUE), same(Integer.MAX_VALUE)),
            new TypeCase("c_int_u", "INT UNSIGNED", same(4294967295L)),
            new TypeCase("c_bigint", "BIGINT", same(Long.MIN_VALUE), same(Long.MAX_VALUE)),
            new TypeCase("c_bigint_u", "BIGINT UNSIGNED",
                    v("18446744073709551615", dec("18446744073709551615")), v("0", dec("0"))),
            new TypeCase("c_decimal38", "DECIMAL(38,10)",
                    v("9999999999999999999999999999.9999999999", dec("9999999999999999999999999999.9999999999")),
                    v("-9999999999999999999999999999.9999999999", dec("-9999999999999999999999999999.9999999999")),
                    v("0.0000000001", dec("0.0000000001"))),
            // source: DECIMAL(p > 38) is STRING, Java's BigDecimal.toString (an exponent below 1E-6)
            new TypeCase("c_decimal65", "DECIMAL(65,30)",
                    v("99999999999999999999999999999999999.999999999999999999999999999999",
                            "99999999999999999999999999999999999.999999999999999999999999999999"),
                    v("-0.000000000000000000000000000001", "-1E-30"),
                    v("0", "0E-30"),
                    v("1.5", "1.500000000000000000000000000000")),
            new TypeCase("c_float", "FLOAT",
                    v("3.40282e38", (double) 3.40282e38f), v("-1.17549e-38", (double) -1.17549e-38f),
                    v("0.1", (double) 0.1f), v("-0e0", -0.0d)),
            new TypeCase("c_double", "DOUBLE",
                    v("1.7976931348623157e308", Double.MAX_VALUE), v("-2.2250738585072014e-308", -Double.MIN_NORMAL),
                    v("0.1", 0.1d), v("-0e0", -0.0d)),
            new TypeCase("c_bit1", "BIT(1)", v("b'1'", true), v("b'0'", false)),
            // source: BIT(n > 1) is BINARY, its bytes least significant first (0x0201 arrives as 01 02)
            new TypeCase("c_bit10", "BIT(10)", v("b'1000000001'", "AQI=")),
            // source: zero dates are NULL (see the NOT NULL columns below)
            new TypeCase("c_date", "DATE",
                    text("1000-01-01"), text("9999-12-31"), text("2024-02-29"), v("'0000-00-00'", null)),
            new TypeCase("c_datetime", "DATETIME(6)",
                    text("1000-01-01 00:00:00.000000"), text("9999-12-31 23:59:59.999999"),
                    text("2024-02-29 12:34:56.123456"), v("'0000-00-00 00:00:00'", null)),
            // source: a zero date in a NOT NULL column is 1970-01-01
            new TypeCase("c_date_nn", "DATE NOT NULL", text("2024-02-29"), v("'0000-00-00'", "1970-01-01")),
            new TypeCase("c_datetime_nn", "DATETIME NOT NULL",
                    text("2024-02-29 12:34:56"), v("'0000-00-00 00:00:00'", "1970-01-01 00:00:00")),
            new TypeCase("c_varchar_nn", "VARCHAR(5) NOT NULL", text("abc"), text("")),
            // Written in the server's UTC+02:00; Doris holds the instant in the pipeline's America/New_York.
            new TypeCase("c_timestamp", "TIMESTAMP(6) NULL",
                    v("'2024-01-15 12:00:00.123456'", "2024-01-15 05:00:00.123456"),
                    v("'2024-07-15 12:00:00.654321'", "2024-07-15 06:00:00.654321"),
                    v("'1970-01-01 02:00:01'", "1969-12-31 19:00:01.000000"),
                    v("'2038-01-19 05:14:07.999999'", "2038-01-18 22:14:07.999999"),
                    // an hour apart, yet the same New York wall-clock time: the night the clocks go back
                    v("'2024-11-03 07:30:00'", "2024-11-03 01:30:00.000000"),
                    v("'2024-11-03 08:30:00'", "2024-11-03 01:30:00.000000")),
            // source: TIME is milliseconds in an int: microseconds are lost, beyond +-596:31:23.647 it wraps
            // around; the snapshot drops the sign of negative times above -01:00:00, the binlog garbles others
            new TypeCase("c_time", "TIME(6)",
                    v("'12:34:56.789123'", "12:34:56.789000"), v("'596:31:23.647'", "596:31:23.647000"),
                    v("'-596:31:23.647'", "-596:31:23.647000"), v("'-01:00:00'", "-01:00:00.000000", "-01:04:04.048000"),
                    v("'838:59:59'", "-354:02:48.296000"),
                    v("'-838:59:59'", "354:02:48.296000", "354:02:48.248000"),
                    v("'-00:00:01.5'", "00:00:01.500000", "-00:00:01.500000")),
            // source: YEAR 0000 becomes 2000 in the snapshot and 1900 in the binlog
            new TypeCase("c_year", "YEAR", same(1901), same(2155), v("0", 2000L, 1900L)),
            new TypeCase("c_char", "CHAR(10)", text(emojis(10)), text("abc")),
            new TypeCase("c_varchar", "VARCHAR(20)", text(clefs(20)), text("a\u00e4\u4e2d" + emojis(1)), text("")),
            new TypeCase("c_text", "TEXT", text(emojis(16383)),
                    v("'quote \\\" backslash \\\\ tab\t new line\n end'", "quote \" backslash \\ tab\t new line\n end")),
            new TypeCase("c_longtext", "LONGTEXT", text("x".repeat(1_000_000))),
            new TypeCase("c_blob", "BLOB", v("x'00FF7F80'", "AP9/gA==")),
            new TypeCase("c_binary", "BINARY(4)", v("x'01'", "AQAAAA==")),
            new TypeCase("c_varbinary", "VARBINARY(10)", v("x'DEADBEEF'", "3q2+7w==")),
            new TypeCase("c_json", "JSON", text("{\"a\": 1, \"b\": [true, null, \"" + emojis(1) + "\"]}")),
            // source: the binlog names ENUM and SET members from the table's DDL, where 4-byte characters became '?'
            new TypeCase("c_enum", "ENUM('a','b','\u00e7" + emojis(1) + "')",
                    text("b"), v("'\u00e7" + emojis(1) + "'", "\u00e7" + emojis(1), "\u00e7?")),
            new TypeCase("c_set", "SET('x','y','z\u00e7" + emojis(1) + "')",
                    v("'x,z\u00e7" + emojis(1) + "'", "[\"x\",\"z\u00e7" + emojis(1) + "\"]", "[\"x\",\"z\u00e7?\"]"),
                    v("''", "[]"))));

    /**
     * information_schema.COLUMNS.COLUMN_TYPE of each column: docs/types.md's table, in the spelling of Doris's BE
     * (int(11) is INT, tinyint(1) BOOLEAN, tinyint(4) TINYINT, decimalv3(p, s) DECIMAL(p,s), string STRING).
     */
    private static final Map<String, String> EXPECTED_DORIS_TYPES = orderedMap(
            "id", "int(11)", "c_bool", "tinyint(1)", "c_tinyint", "tinyint(4)", "c_tinyint_u", "smallint(6)",
            "c_smallint", "smallint(6)", "c_smallint_u", "int(11)", "c_mediumint", "int(11)", "c_mediumint_u", "int(11)",
            "c_int", "int(11)", "c_int_u", "bigint(20)", "c_bigint", "bigint(20)", "c_bigint_u", "decimalv3(20, 0)",
            "c_decimal38", "decimalv3(38, 10)", "c_decimal65", "string", "c_float", "float", "c_double", "double",
            "c_bit1", "tinyint(1)", "c_bit10", "string", "c_date", "date", "c_datetime", "datetime(6)", "c_date_nn", "date",
            "c_datetime_nn", "datetime", "c_varchar_nn", "varchar(20)",
            "c_timestamp", "datetime(6)", "c_time", "varchar(18)", "c_year", "int(11)", "c_char", "char(40)",
            "c_varchar", "varchar(80)", "c_text", "string", "c_longtext", "string", "c_blob", "string", "c_binary", "string",
            "c_varbinary", "string", "c_json", "string", "c_enum", "string", "c_set", "string");

    private static EmbeddedMySql mysql;

    @BeforeAll
    static void startMySql() {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql-types"));
        // TIMESTAMP literals are read in the session's zone: the server's own, which the YAML's source declares.
        mysql.execute("SET GLOBAL time_zone = '+02:00'");
    }

    @AfterAll
    static void stopMySql() {
        mysql.close();
    }

    @Test
    void everyValueArrivesAsDocumentedFromTheSnapshotAndFromTheBinlog(@TempDir Path checkpoints) throws Exception {
        String table = DB + "." + TABLE;
        mysql.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB, MATRIX.createTable(table));
        mysql.client().execute(MATRIX.inserts(table, SNAPSHOT_FIRST_ID));
        try (DorisTestServer doris = DorisTestServer.builder().start();
                RunningPipeline pipeline = pipeline(doris, DB, "0", checkpoints).start()) {
            awaitRows(pipeline, doris, MATRIX.rowCount(), "the snapshot of every type");
            mysql.client().execute(MATRIX.inserts(table, BINLOG_FIRST_ID));
            awaitRows(pipeline, doris, 2 * MATRIX.rowCount(), "the binlog rows of every type");

            assertEquals(EXPECTED_DORIS_TYPES, dorisColumnTypes(doris), "the Doris columns created for the MySQL types");
            List<String> differences = new ArrayList<>();
            differences.addAll(compare(doris, SNAPSHOT_FIRST_ID, "snapshot"));
            differences.addAll(compare(doris, BINLOG_FIRST_ID, "binlog"));
            assertEquals("", String.join("\n", differences), "values that did not arrive as documented");
        }
    }

    /** Deletes and key changes find their Doris row only if every key type is written as Doris keys it. */
    @Test
    void updatesAndDeletesFindRowsByKeysOfEveryKeyableType(@TempDir Path checkpoints) throws Exception {
        String table = KEYS_DB + "." + KEYS_TABLE;
        String key = "'" + emojis(5) + "'";
        mysql.execute(
                "DROP DATABASE IF EXISTS " + KEYS_DB,
                "CREATE DATABASE " + KEYS_DB,
                "CREATE TABLE " + table + " (k_u BIGINT UNSIGNED NOT NULL, k_s VARCHAR(5) NOT NULL,"
                        + " k_ts DATETIME(6) NOT NULL, k_d DECIMAL(12,4) NOT NULL, v INT,"
                        + " PRIMARY KEY (k_u, k_s, k_ts, k_d)) DEFAULT CHARSET=utf8mb4",
                "INSERT INTO " + table + " VALUES (18446744073709551615, " + key + ", '9999-12-31 23:59:59.999999',"
                        + " -12345678.9999, 1)",
                "INSERT INTO " + table + " VALUES (1, " + key + ", '2024-02-29 12:34:56.000001', 0.0001, 2)",
                "INSERT INTO " + table + " VALUES (2, 'a', '1000-01-01 00:00:00', 0, 3)");
        try (DorisTestServer doris = DorisTestServer.builder().start();
                RunningPipeline pipeline = pipeline(doris, KEYS_DB, "0", checkpoints).start()) {
            awaitKeyedRows(pipeline, doris, List.of("18446744073709551615/1", "1/2", "2/3"), "the snapshot");
            mysql.execute(
                    "UPDATE " + table + " SET v = 10 WHERE k_u = 18446744073709551615",
                    "UPDATE " + table + " SET k_ts = '2024-02-29 12:34:56.000002' WHERE k_u = 1",
                    "DELETE FROM " + table + " WHERE k_u = 2");
            awaitKeyedRows(pipeline, doris, List.of("18446744073709551615/10", "1/2"), "an update, a key change, a delete");
            assertEquals("2024-02-29 12:34:56.000002", doris.rows(KEYS_DB, KEYS_TABLE).stream()
                    .filter(row -> row.get("k_u").toString().equals("1")).findFirst().orElseThrow().get("k_ts"));
        }
    }

    private static void awaitKeyedRows(RunningPipeline pipeline, DorisTestServer doris, List<String> expected, String step) {
        pipeline.awaitUntil(
                "Doris holds exactly " + expected + " (k_u/v) after " + step,
                CATCH_UP,
                () -> doris.tableExists(KEYS_DB, KEYS_TABLE)
                        && doris.rows(KEYS_DB, KEYS_TABLE).stream()
                                .map(row -> row.get("k_u") + "/" + row.get("v"))
                                .sorted()
                                .collect(Collectors.toList())
                                .equals(expected.stream().sorted().collect(Collectors.toList())));
    }

    @Test
    void rowsDorisFiltersFailTheJobNamingTableRowsReasonsAndTheOptionThatWouldAcceptThem(@TempDir Path checkpoints)
            throws Exception {
        createNarrowTables();
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            createNarrowDorisTable(doris);
            try (RunningPipeline pipeline = pipeline(doris, NARROW_DB, "0", checkpoints).start()) {
                JobResult result = pipeline.awaitTermination(CATCH_UP);
                String failure = messages(result);
                assertTrue(result.getSerializedThrowable().isPresent(), "the job failed");
                for (String expected : List.of(
                        "Doris refused the Stream Load of table " + NARROW_DB + "." + NARROW_TABLE,
                        "[DATA_QUALITY_ERROR]too many filtered rows",
                        "NumberFilteredRows 5",
                        "column(note) the length of input is too long than schema", "far too long",
                        "column(word) value is incorrect while strict mode is true", "2147483648",
                        "column(must) values is null while columns is not nullable",
                        "column(word) value is incorrect while strict mode is true", "twelve",
                        "column(big) the length of input is too long than schema", "actual length: 1048577",
                        "sink.properties.max_filter_ratio")) {
                    assertTrue(failure.contains(expected), "the failure names " + expected + ": " + failure);
                }
            }
            assertEquals(List.of(), doris.rows(NARROW_DB, NARROW_TABLE), "no row of the refused load is in Doris");
        }
    }

    @Test
    void rowsDorisFiltersUnderAnExplicitMaxFilterRatioAreCounted(@TempDir Path checkpoints) throws Exception {
        createNarrowTables();
        CountingMetricReporter.forgetAll();
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            createNarrowDorisTable(doris);
            try (RunningPipeline pipeline = pipeline(doris, NARROW_DB, "0.9", checkpoints).start()) {
                pipeline.awaitUntil(
                        "the one row that fits is visible in Doris and the other five are counted as filtered",
                        CATCH_UP,
                        () -> doris.rows(NARROW_DB, NARROW_TABLE).size() == 1
                                && CountingMetricReporter.sum("dorisRowsFiltered") == 5);
                assertEquals(1L, ((Number) doris.rows(NARROW_DB, NARROW_TABLE).get(0).get("id")).longValue());
            }
        }
    }

    @Test
    void aDecimalTooWideForAnExistingDorisColumnFailsTheJobBeforeDorisCanClampIt(@TempDir Path checkpoints)
            throws Exception {
        mysql.execute(
                "DROP DATABASE IF EXISTS " + AMOUNTS_DB,
                "CREATE DATABASE " + AMOUNTS_DB,
                "CREATE TABLE " + AMOUNTS_DB + ".amounts (id INT NOT NULL PRIMARY KEY, amount DECIMAL(10,2))",
                "INSERT INTO " + AMOUNTS_DB + ".amounts VALUES (1, 123.45), (2, 123456.78)");
        try (DorisTestServer doris = DorisTestServer.builder().start()) {
            doris.sql("information_schema", "CREATE DATABASE " + AMOUNTS_DB);
            doris.sql(AMOUNTS_DB, "CREATE TABLE amounts (id INT NOT NULL, Amount DECIMAL(5,2)) UNIQUE KEY(id)"
                    + " DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
            try (RunningPipeline pipeline = pipeline(doris, AMOUNTS_DB, "0", checkpoints).start()) {
                String failure = messages(pipeline.awaitTermination(CATCH_UP));
                // Doris would have loaded 999.99 (BE util/string_parser.hpp string_to_decimal, apache/doris#39864)
                assertTrue(failure.contains("Cannot write column 'amount' (DECIMAL(10, 2)) of table " + AMOUNTS_DB
                        + ".amounts: the value 123456.78 does not fit the Doris column `Amount` DECIMAL(5, 2)"), failure);
            }
            assertEquals(List.of(), doris.rows(AMOUNTS_DB, "amounts"), "nothing of the failed checkpoint is in Doris");
        }
    }

    /** Values that fit MySQL: one row fits Doris too, the others each meet one way a Doris column refuses a value. */
    private static void createNarrowTables() {
        String table = NARROW_DB + "." + NARROW_TABLE;
        mysql.execute(
                "DROP DATABASE IF EXISTS " + NARROW_DB,
                "CREATE DATABASE " + NARROW_DB,
                "CREATE TABLE " + table + " (id INT NOT NULL PRIMARY KEY, note VARCHAR(20), amount DECIMAL(10,2),"
                        + " must INT, word VARCHAR(10), big LONGTEXT)",
                "INSERT INTO " + table + " VALUES (1, 'fits', 123.45, 1, '12', 'small')",
                "INSERT INTO " + table + " VALUES (2, 'far too long', 1.00, 2, '2', 'small')",
                // beyond INT: a failed cast, so filtered in strict mode (a DECIMAL too wide fails in the sink first)
                "INSERT INTO " + table + " VALUES (3, 'ok', 1.00, 3, '2147483648', 'small')",
                "INSERT INTO " + table + " VALUES (4, 'ok', 1.00, NULL, '4', 'small')",
                "INSERT INTO " + table + " VALUES (5, 'ok', 1.00, 5, 'twelve', 'small')",
                // one byte more than a Doris STRING holds by default (BE string_type_length_soft_limit_bytes)
                "INSERT INTO " + table + " VALUES (6, 'ok', 1.00, 6, '6', REPEAT('y', 1048577))");
    }

    /** Created by hand before the job, narrower than the source: the sink keeps an existing compatible table. */
    private static void createNarrowDorisTable(DorisTestServer doris) {
        doris.sql("information_schema", "CREATE DATABASE " + NARROW_DB);
        doris.sql(NARROW_DB, "CREATE TABLE " + NARROW_TABLE + " (id INT NOT NULL, note VARCHAR(8),"
                + " amount DECIMAL(5,2), must INT NOT NULL, word INT, big STRING) UNIQUE KEY(id)"
                + " DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
    }

    private static String messages(JobResult result) throws Exception {
        if (result.getSerializedThrowable().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        Throwable t = result.getSerializedThrowable().get().deserializeError(MySqlTypesToDorisE2eTest.class.getClassLoader());
        for (; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static Map<String, String> dorisColumnTypes(DorisTestServer doris) {
        Map<String, String> types = new LinkedHashMap<>();
        doris.sql("information_schema", "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = '" + DB + "' AND TABLE_NAME = '" + TABLE + "' ORDER BY ORDINAL_POSITION")
                .rows()
                .forEach(row -> types.put(String.valueOf(row.get(0)), String.valueOf(row.get(1))));
        return types;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<String> compare(DorisTestServer doris, int firstId, String phase) {
        Map<Long, Map<String, Object>> byId = doris.rows(DB, TABLE).stream()
                .collect(Collectors.toMap(row -> ((Number) row.get("id")).longValue(), Function.identity()));
        List<String> differences = new ArrayList<>();
        boolean binlog = firstId == BINLOG_FIRST_ID;
        for (int row = 0; row < MATRIX.rowCount(); row++) {
            Map<String, Object> actual = byId.get((long) firstId + row);
            if (actual == null) {
                differences.add(phase + ": no row " + (firstId + row));
                continue;
            }
            for (TypeCase c : MATRIX.cases) {
                TypeMatrix.Value value = c.at(row);
                Object got = actual.get(c.column);
                Object expected = value.expected(binlog);
                if (!Objects.equals(expected, got)) {
                    differences.add(phase + " " + c.column + " " + c.mysqlType + " " + abbreviate(value.literal)
                            + ": expected " + describe(expected) + ", Doris holds " + describe(got));
                }
            }
        }
        return differences;
    }

    private static String describe(Object value) {
        return value == null ? "NULL" : abbreviate(value.toString()) + " (" + value.getClass().getSimpleName() + ")";
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...(" + text.length() + " chars)";
    }

    private static LocalPipelineRunner.Builder pipeline(
            DorisTestServer doris, String database, String maxFilterRatio, Path checkpoints) {
        return LocalPipelineRunner.builder(YAML)
                .variables(ShardsPipeline.variables(mysql, doris))
                .variable("MYSQL_DATABASE", database)
                .variable("MAX_FILTER_RATIO", maxFilterRatio)
                .checkpointInterval(Duration.ofSeconds(1))
                .checkpointDir(checkpoints)
                .restartAttempts(0)
                .flinkConfig("metrics.reporter.counting.factory.class", CountingMetricReporter.Factory.class.getName());
    }

    private static void awaitRows(RunningPipeline pipeline, DorisTestServer doris, int rows, String step) {
        pipeline.awaitUntil(
                rows + " rows of " + DB + "." + TABLE + " are visible in Doris after " + step,
                CATCH_UP,
                () -> doris.tableExists(DB, TABLE) && doris.rows(DB, TABLE).size() == rows);
    }
}
