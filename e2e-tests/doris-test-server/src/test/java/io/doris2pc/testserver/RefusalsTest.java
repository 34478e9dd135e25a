package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What Doris refuses, the test server refuses too, with Doris's words and without changing any state. */
class RefusalsTest {
    private static final String ROW = "{\"id\":1,\"name\":\"a\"}";
    private static final String ONE_REPLICA = " DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ('replication_num' = '1')";

    private final ServerFixture f = new ServerFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    private String sqlRefusal(String stmt) throws Exception {
        JsonNode envelope = f.http.sql("db", stmt);
        assertEquals(1, envelope.get("code").asInt(), stmt + ": " + envelope);
        String text = envelope.get("data").asText();
        assertTrue(text.startsWith("Failed to execute sql: errCode = 2, detailMessage = "), text);
        return text.substring("Failed to execute sql: errCode = 2, detailMessage = ".length());
    }

    private JsonNode loadRefusal(Map<String, String> headers) throws Exception {
        JsonNode r = f.http.load("db", "t", headers, ROW);
        assertEquals("Fail", r.get("Status").asText(), r.toString());
        assertTrue(f.server.rows("db", "t").isEmpty());
        return r;
    }

    // ---- loads

    @ParameterizedTest
    @ValueSource(strings = {"has space", "dot.label", "slash/label", "semi;colon"})
    void labelsOutsideTheRegexAreRefusedBeforeAnyTransaction(String label) throws Exception {
        JsonNode r = loadRefusal(Map.of("label", label, "format", "json"));
        assertEquals(-1, r.get("TxnId").asLong());
        assertEquals("[ANALYSIS_ERROR]TStatus: errCode = 2, detailMessage = Label format error. regex: "
                + "^[-_A-Za-z0-9:]{1,128}$, label: " + label, r.get("Message").asText());
        assertTrue(f.server.transactions().isEmpty());
    }

    @Test
    void labelLongerThan128IsRefused() throws Exception {
        JsonNode r = loadRefusal(Map.of("label", "a".repeat(129), "format", "json"));
        assertTrue(r.get("Message").asText().contains("Label format error"), r.toString());
    }

    @Test
    void reusedLabelOfAFinishedLoadIsRefusedAndItsRowsAreNotLoaded() throws Exception {
        f.http.jsonLines("db", "t", "once", false, ROW);
        JsonNode r = f.http.jsonLines("db", "t", "once", false, "{\"id\":2}");
        assertEquals("Label Already Exists", r.get("Status").asText());
        assertEquals(1, f.server.rows("db", "t").size());
        assertEquals(1, f.server.transactions().size());
    }

    @Test
    void varchar3Given4BytesIsRefused() throws Exception {
        JsonNode r = f.http.jsonLines("db", "t", "long", true, "{\"id\":1,\"name\":\"äbc\"}");
        assertEquals("Fail", r.get("Status").asText());
        assertEquals(TxnState.ABORTED, f.state("long"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // GlobalTransactionMgrIface.checkValidTimeoutSecond
        "timeout|0|Invalid timeout: 0. Timeout should between 1 and 259200 seconds",
        "timeout|259201|Invalid timeout: 259201. Timeout should between 1 and 259200 seconds",
        "max_filter_ratio|1.5|invalid max_filter_ratio: 1.5",
        "format|parquet|format parquet is not supported by the Doris test server",
        "function_column.sequence_col|name|function_column.sequence_col is not supported by the Doris test server",
    })
    void loadHeadersOutOfRangeOrUnsupportedAreRefused(String header, String value, String text) throws Exception {
        Map<String, String> headers = new HashMap<>(Map.of("format", "json"));
        headers.put(header, value);
        JsonNode r = loadRefusal(headers);
        assertEquals("[ANALYSIS_ERROR]TStatus: errCode = 2, detailMessage = " + text, r.get("Message").asText());
    }

    @Test
    void groupCommitWithoutTwoPhaseCommitAndWithALabelIsRefused() throws Exception {
        // stream_load.cpp _handle_group_commit
        JsonNode r = loadRefusal(Map.of("format", "json", "label", "gc", "group_commit", "sync_mode"));
        assertEquals("[INTERNAL_ERROR]label and group_commit can't be set at the same time", r.get("Message").asText());
        JsonNode mode = loadRefusal(Map.of("format", "json", "group_commit", "sometimes"));
        assertEquals("[INTERNAL_ERROR]group_commit can only be [async_mode, sync_mode, off_mode]",
                mode.get("Message").asText());
    }

    @Test
    void feRefusesALoadPathWithoutDatabase() throws Exception {
        DorisHttp.Answer a = f.http.headersOnly("PUT", f.server.fePort(), "/api//t/_stream_load", Map.of(), 0);
        assertEquals(200, a.status);
        assertEquals("{\"status\":\"FAILED\",\"msg\":\"No database selected.\"}", a.body);
    }

    @Test
    void loadIntoAnUnknownDatabaseOrTableIsRefused() throws Exception {
        assertTrue(f.http.load("nodb", "t", Map.of("format", "json"), ROW).get("Message").asText()
                .endsWith("unknown database, database=nodb"));
        assertTrue(f.http.load("db", "nope", Map.of("format", "json"), ROW).get("Message").asText()
                .endsWith("unknown table, tableName=nope"));
    }

    // ---- 2PC

    @Test
    void commitOfAnAbortedTransactionIsRefused() throws Exception {
        long txn = f.http.precommit("db", "t", "ab", ROW);
        f.http.abort("db", txn);
        assertEquals("ANALYSIS_ERROR", f.http.commit("db", txn).get("status").asText());
        assertTrue(f.server.rows("db", "t").isEmpty());
        assertTrue(f.server.commits().isEmpty());
    }

    @Test
    void commitInAnotherDatabaseDoesNotFindTheTransaction() throws Exception {
        TestTables.createUsers(f.server, "other", "t");
        long txn = f.http.precommit("db", "t", "x", ROW);
        assertTrue(f.http.commit("other", txn).get("msg").asText().endsWith("transaction [" + txn + "] not found"));
        assertEquals(TxnState.PRECOMMITTED, f.state("x"));
    }

    @Test
    void malformedTwoPhaseCommitHeadersAreInternalErrors() throws Exception {
        JsonNode badId = f.http.twoPc("db", Map.of("txn_operation", "commit", "txn_id", "12x"));
        assertEquals("INTERNAL_ERROR", badId.get("status").asText());
        assertEquals("convert txn_id [12x] failed", badId.get("msg").asText());
        JsonNode neither = f.http.twoPc("db", Map.of("txn_operation", "commit"));
        assertEquals("txn_id and label can not be empty at the same time", neither.get("msg").asText());
    }

    @Test
    void twoPhaseCommitWithBadCredentialsIsRefused() throws Exception {
        long txn = f.http.precommit("db", "t", "cred", ROW);
        JsonNode r = DorisHttp.JSON.readTree(f.http.put("http://" + f.server.beAddress() + "/api/db/_stream_load_2pc",
                Map.of("txn_operation", "commit", "txn_id", String.valueOf(txn)), "", DorisHttp.auth("root", "x")).body());
        assertTrue(r.get("msg").asText().contains("Access denied"), r.toString());
        assertEquals(TxnState.PRECOMMITTED, f.state("cred"));
    }

    // ---- DDL

    @ParameterizedTest(name = "{0} key")
    @CsvSource(delimiter = '|', value = {
        "STRING|String Type should not be used in key column[k].",
        "FLOAT|Float or double can not used as a key, use decimal instead.",
        "DOUBLE|Float or double can not used as a key, use decimal instead.",
        "JSON|JSONB type should not be used in key column[k].",
        "ARRAY<INT>|Array can only be used in the non-key column of the duplicate table at present.",
    })
    void keyColumnTypesDorisRefuses(String type, String text) throws Exception {
        assertEquals(text, sqlRefusal("CREATE TABLE bad (k " + type + ", v INT) UNIQUE KEY(k)" + ONE_REPLICA));
        assertFalse(f.server.tableExists("db", "bad"));
    }

    @Test
    void keyColumnsMustComeFirstInKeyOrder() throws Exception {
        assertTrue(sqlRefusal("CREATE TABLE bad (v INT, k INT) UNIQUE KEY(k)" + ONE_REPLICA)
                .startsWith("Key columns should be a ordered prefix of the schema."));
        assertTrue(sqlRefusal("CREATE TABLE bad (k INT, j INT, v INT) UNIQUE KEY(j, k)" + ONE_REPLICA)
                .startsWith("Key columns should be a ordered prefix of the schema."));
    }

    @Test
    void distributionOfAUniqueTableMustUseKeyColumns() throws Exception {
        assertEquals("Distribution column[v] is not key column",
                sqlRefusal("CREATE TABLE bad (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY HASH(v) BUCKETS 1 "
                        + "PROPERTIES ('replication_num' = '1')"));
        assertEquals("Random distribution for unique key table is unsupported",
                sqlRefusal("CREATE TABLE bad (k INT, v INT) UNIQUE KEY(k) DISTRIBUTED BY RANDOM BUCKETS 1 "
                        + "PROPERTIES ('replication_num' = '1')"));
    }

    /**
     * InternalCatalog.createOlapTable refuses the properties no PropertyAnalyzer took, as written (a typo is not
     * forgiven, nor a name in capitals); the properties it knows create the table with them.
     */
    @Test
    void propertiesDorisDoesNotKnowAreRefusedByName() throws Exception {
        assertEquals("Unknown properties: {replication_nun=1}", sqlRefusal("CREATE TABLE bad (k INT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ('replication_nun' = '1')"));
        assertEquals("Unknown properties: {COMPRESSION=ZSTD}", sqlRefusal("CREATE TABLE bad (k INT) DUPLICATE KEY(k) "
                + "DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES ('replication_num' = '1', 'COMPRESSION' = 'ZSTD')"));
        assertFalse(f.server.tableExists("db", "bad"));
        f.server.sql("db", "CREATE TABLE good (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 PROPERTIES "
                + "('replication_num' = '1', 'compression' = 'ZSTD', 'binlog.enable' = 'true', "
                + "'dynamic_partition.enable' = 'false')");
        String created = f.server.sql("db", "SHOW CREATE TABLE good").rows().get(0).get(1).toString();
        assertTrue(created.contains("\"compression\" = \"ZSTD\",\n\"binlog.enable\" = \"true\""), created);
    }

    @Test
    void defaultReplicationOfThreeDoesNotFitOneBackend() throws Exception {
        assertTrue(sqlRefusal("CREATE TABLE bad (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1")
                .startsWith("Failed to find enough backend"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "VARCHAR(65534)|varchar size must be between 1 and 65533. Size was set to: 65534",
        "VARCHAR(0)|varchar size must be between 1 and 65533. Size was set to: 0",
        "CHAR(256)|Char size must be between 1 and 255. Size was set to: 256",
        "DECIMAL(39, 2)|Precision of decimal must between 1 and 38. Precision was set to: 39.",
        "DECIMAL(5, 6)|Scale of decimal must between 0 and precision. Scale was set to: 6.",
        "DATETIME(7)|Scale of Datetime/Time must between 0 and 6. Scale was set to: 7",
        "VARCHAR2(5)|Unknown data type: VARCHAR2(5)",
    })
    void typeLimits(String type, String text) throws Exception {
        assertEquals(text, sqlRefusal("CREATE TABLE bad (k INT, v " + type + ") DUPLICATE KEY(k)" + ONE_REPLICA));
    }

    @Test
    void alterRefusals() throws Exception {
        assertEquals("Can not drop key column in Unique data model table", sqlRefusal("ALTER TABLE t DROP COLUMN id"));
        assertEquals("Cannot shorten string length", sqlRefusal("ALTER TABLE t MODIFY COLUMN name VARCHAR(2)"));
        assertEquals("Field 'x' doesn't have a default value",
                sqlRefusal("ALTER TABLE t ADD COLUMN x INT NOT NULL"));
        assertEquals("Can not add column which already exists in base table: name",
                sqlRefusal("ALTER TABLE t ADD COLUMN name INT"));
        assertEquals("Can not change key column from NOT NULL to NULL", sqlRefusal("ALTER TABLE t MODIFY COLUMN id BIGINT NULL"));
        assertEquals("Column[nope] does not exists", sqlRefusal("ALTER TABLE t RENAME COLUMN nope other"));
        assertEquals(List.of("id", "name", "score", "day", "ts", "note"), f.server.columns("db", "t"));
    }

    @Test
    void typeChangeOfStoredValuesThatDoNotFitIsRefused() throws Exception {
        f.http.jsonLines("db", "t", "big", false, "{\"id\":1,\"score\":\"999.99\"}");
        assertTrue(sqlRefusal("ALTER TABLE t MODIFY COLUMN score DECIMAL(4, 2)").contains("does not fit"));
    }
}
