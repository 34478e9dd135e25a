package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.doris2pc.testserver.cluster.SchemaChangeJob;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SQL over HTTP (FE httpv2 StmtExecutionAction) and DDL (FE alter/SchemaChangeHandler):
 * {@code POST /api/query/default_cluster/{db}}.
 */
class SqlOverHttpTest {
    private static final String ROW = "{\"id\":1,\"name\":\"a\"}";

    private ServerFixture f = new ServerFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    private void restartWith(UnaryOperator<DorisTestServer.Builder> options) {
        f.close();
        f = new ServerFixture(options);
    }

    /** Runs a statement that must succeed; returns the envelope's data. */
    private JsonNode ok(String stmt) throws Exception {
        JsonNode envelope = f.http.sql("db", stmt);
        assertEquals(0, envelope.get("code").asInt(), stmt + ": " + envelope);
        return envelope.get("data");
    }

    /** Runs a statement that must fail; returns the error text. */
    private String refused(String stmt) throws Exception {
        JsonNode envelope = f.http.sql("db", stmt);
        assertEquals(1, envelope.get("code").asInt(), stmt + ": " + envelope);
        return envelope.get("data").asText();
    }

    /** The rows of a result set as text (null stays null). */
    private List<List<String>> rows(String stmt) throws Exception {
        JsonNode data = ok(stmt);
        assertEquals("result_set", data.get("type").asText());
        List<List<String>> out = new ArrayList<>();
        for (JsonNode row : data.get("data")) {
            List<String> values = new ArrayList<>();
            row.forEach(v -> values.add(v.isNull() ? null : v.asText()));
            out.add(values);
        }
        return out;
    }

    private List<String> describe(String table) throws Exception {
        List<String> out = new ArrayList<>();
        for (List<String> r : rows("DESC " + table)) {
            out.add(String.join(" ", r.subList(0, 4)));
        }
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    // ---- envelopes

    @Test
    void ddlAnswersExecStatusStreamedOrInTheFeEnvelopeWithXDorisStreamFalse() throws Exception {
        // StmtExecutionAction: streamed (JsonStreamResponse.handleDdlAndExport) unless X-Doris-Stream: false
        JsonNode streamed = f.http.sql("db", "CREATE DATABASE d1");
        assertEquals(List.of("msg", "code", "data"), fieldNames(streamed));
        assertEquals(List.of("type", "status", "time"), fieldNames(streamed.get("data")));
        JsonNode envelope = f.http.sqlBody("db", "{\"stmt\":\"CREATE DATABASE d2\"}", Map.of("X-Doris-Stream", "false"));
        assertEquals(List.of("msg", "code", "data", "count"), fieldNames(envelope));
        assertEquals("success", envelope.get("msg").asText());
        assertEquals(0, envelope.get("count").asInt());
        assertEquals(List.of("type", "status", "time"), fieldNames(envelope.get("data")));
        assertEquals("exec_status", envelope.get("data").get("type").asText());
        assertEquals(0, envelope.get("data").get("status").size());
    }

    @Test
    void selectAnswersResultSetWithMetaAndDatesAsStrings() throws Exception {
        f.http.jsonLines("db", "t", "l", false, "{\"id\":1,\"name\":\"a\",\"day\":\"2024-01-31\",\"ts\":\"2024-01-31 10:00:00.5\"}");
        JsonNode data = ok("SELECT id, day, ts FROM t");
        assertEquals(List.of("type", "meta", "data", "time"), fieldNames(data));
        assertEquals("id", data.get("meta").get(0).get("name").asText());
        assertEquals("INT", data.get("meta").get(0).get("type").asText());
        assertTrue(data.get("data").get(0).get(1).isTextual());
        assertEquals("2024-01-31", data.get("data").get(0).get(1).asText());
        assertEquals("2024-01-31 10:00:00.500", data.get("data").get(0).get(2).asText());
    }

    /** ShowConfigStmt's FE_TITLE_NAMES and LIKE pattern, with the values the server honours. */
    @Test
    void showFrontendConfigAnswersTheSettingsTheServerHonours() throws Exception {
        restartWith(b -> b.precommitTimeout(Duration.ofMinutes(30)));

        assertEquals(List.of(List.of("stream_load_default_precommit_timeout_second", "1800", "int", "true", "true", "")),
                rows("SHOW FRONTEND CONFIG LIKE 'stream_load_default_precommit_timeout_second'"));
        assertEquals(5, rows("SHOW FRONTEND CONFIG").size());
    }

    @Test
    void failureAnswersCodeOneWithDorisText() throws Exception {
        JsonNode envelope = f.http.sql("db", "SELECT * FROM nope");
        assertEquals(1, envelope.get("code").asInt());
        assertTrue(envelope.get("data").asText().startsWith("Failed to execute sql: errCode = 2, detailMessage = "),
                envelope.toString());
    }

    @Test
    void unsupportedStatementsAreRefusedNeverSilentlyAccepted() throws Exception {
        for (String stmt : new String[] {"CREATE VIEW w AS SELECT id FROM t", "GRANT ALL ON db.* TO u",
                "INSERT INTO t VALUES (1, 'a', 1, '2024-01-01', '2024-01-01', 'n')", "UPDATE t SET name = 'b'",
                "SET enable_insert_strict = true", "CREATE TABLE p (id INT) DUPLICATE KEY(id) PARTITION BY RANGE(id) () "
                        + "DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')"}) {
            assertTrue(refused(stmt).startsWith("Failed to execute sql: errCode = 2, detailMessage = "), stmt);
        }
        assertTrue(f.server.rows("db", "t").isEmpty());
    }

    // ---- CREATE

    @Test
    void createDatabaseIfNotExistsAcceptsAnExistingDatabase() throws Exception {
        ok("CREATE DATABASE d2");
        assertTrue(refused("CREATE DATABASE d2").endsWith("Can't create database 'd2'; database exists"));
        ok("CREATE DATABASE IF NOT EXISTS d2");
        assertTrue(rows("SHOW DATABASES").contains(List.of("d2")));
    }

    @Test
    void createUniqueTableWithKeyDistributionAndProperties() throws Exception {
        ok("CREATE TABLE u (k1 BIGINT NOT NULL, k2 VARCHAR(8) NOT NULL, v DECIMAL(10, 3) COMMENT 'money', "
                + "w DATETIME(6)) UNIQUE KEY(k1, k2) COMMENT 'users' DISTRIBUTED BY HASH(k1) BUCKETS AUTO "
                + "PROPERTIES ('replication_num' = '1')");
        assertEquals(List.of("k1 BIGINT No true", "k2 VARCHAR(8) No true", "v DECIMAL(10, 3) Yes false",
                "w DATETIME(6) Yes false"), describe("u"));
        String ddl = rows("SHOW CREATE TABLE u").get(0).get(1);
        assertTrue(ddl.contains("UNIQUE KEY(`k1`, `k2`)"), ddl);
        assertTrue(ddl.contains("DISTRIBUTED BY HASH(`k1`) BUCKETS AUTO"), ddl);
        assertTrue(ddl.contains("`v` decimal(10,3) NULL COMMENT \"money\""), ddl);
        assertTrue(ddl.contains("\"replication_allocation\" = \"tag.location.default: 1\""), ddl);
    }

    @Test
    void newUniqueTablesAreMergeOnWriteWithLightSchemaChange() throws Exception {
        String ddl = rows("SHOW CREATE TABLE t").get(0).get(1);
        assertTrue(ddl.contains("\"enable_unique_key_merge_on_write\" = \"true\""), ddl);
        assertTrue(ddl.contains("\"light_schema_change\" = \"true\""), ddl);
    }

    @Test
    void replicationNumDefaultsToThreeWhenTheOneBackendCheckIsOff() throws Exception {
        restartWith(b -> b.enforceReplication(false));
        ok("CREATE TABLE r (id INT) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1");
        assertTrue(rows("SHOW CREATE TABLE r").get(0).get(1).contains("\"replication_allocation\" = \"tag.location.default: 3\""));
    }

    @Test
    void createTableIfNotExistsLeavesTheExistingTable() throws Exception {
        ok("CREATE TABLE IF NOT EXISTS t (other INT) DUPLICATE KEY(other) DISTRIBUTED BY HASH(other) BUCKETS 1 "
                + "PROPERTIES ('replication_num' = '1')");
        assertEquals("id", describe("t").get(0).split(" ")[0]);
        assertTrue(refused("CREATE TABLE t (other INT) DUPLICATE KEY(other) DISTRIBUTED BY HASH(other) BUCKETS 1 "
                + "PROPERTIES ('replication_num' = '1')").endsWith("Table 't' already exists"));
    }

    @Test
    void duplicateKeyTableKeepsEveryRow() throws Exception {
        ok("CREATE TABLE d (id INT, v VARCHAR(5)) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1 "
                + "PROPERTIES ('replication_num' = '1')");
        f.http.jsonLines("db", "d", "l", false, "{\"id\":1,\"v\":\"a\"}\n{\"id\":1,\"v\":\"a\"}");
        assertEquals(List.of(List.of("2")), rows("SELECT count(*) FROM d"));
        assertTrue(rows("SHOW CREATE TABLE d").get(0).get(1).contains("DUPLICATE KEY(`id`)"));
    }

    @Test
    void uniqueKeyTableKeepsTheLastRowPerKey() throws Exception {
        f.http.jsonLines("db", "t", "l1", false, "{\"id\":1,\"name\":\"a\"}\n{\"id\":1,\"name\":\"b\"}");
        assertEquals(List.of(List.of("1", "b")), rows("SELECT id, name FROM t"));
    }

    // ---- SELECT

    @Test
    void selectWithColumnListWhereOrderByAndLimit() throws Exception {
        f.http.jsonLines("db", "t", "l", false, "{\"id\":1,\"name\":\"a\",\"score\":1.5}\n{\"id\":2,\"name\":\"b\",\"score\":2.5}\n"
                + "{\"id\":3,\"name\":\"c\"}");
        assertEquals(List.of(List.of("b", "2"), List.of("a", "1")),
                rows("SELECT name, id FROM t WHERE score IS NOT NULL ORDER BY id DESC"));
        assertEquals(List.of(List.of("c")), rows("SELECT name FROM t WHERE id > 1 AND name <> 'b'"));
        assertEquals(List.of(List.of("1")), rows("SELECT id FROM db.t WHERE name IN ('a', 'z') LIMIT 5"));
        assertEquals(List.of(List.of("3")), rows("SELECT count(*) FROM t"));
        assertEquals(List.of(List.of("2")), rows("SELECT count(*) FROM t WHERE id >= 2"));
    }

    @Test
    void backtickIdentifiersHoldEveryCharacterDorisAllowsInANameAndLoadsFindThem() throws Exception {
        restartWith(b -> b.unicodeNames(true));
        ok("CREATE DATABASE `my-db_ü`");
        JsonNode create = f.http.sql("my-db_ü", "CREATE TABLE `a-b_表` (`id` INT, `col-1_ü.x` VARCHAR(10)) "
                + "DUPLICATE KEY(`id`) DISTRIBUTED BY HASH(`id`) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
        assertEquals(0, create.get("code").asInt(), create.toString());
        String path = new URI(null, null, "/api/my-db_ü/a-b_表/_stream_load", null).toASCIIString();
        DorisHttp.Answer redirect = f.http.headersOnly("PUT", f.server.fePort(), path,
                Map.of("format", "json", "read_json_by_line", "true"), 0);
        assertEquals(307, redirect.status, redirect.body);
        JsonNode load = DorisHttp.JSON.readTree(f.http.put(redirect.location.replaceFirst("//[^@]*@", "//"),
                Map.of("format", "json", "read_json_by_line", "true"), "{\"id\":1,\"col-1_ü.x\":\"v\"}",
                f.http.auth()).body());
        assertEquals("Success", load.get("Status").asText(), load.toString());
        assertEquals("v", f.server.rows("my-db_ü", "a-b_表").get(0).get("col-1_ü.x"));
        JsonNode select = f.http.sql("my-db_ü", "SELECT `col-1_ü.x` FROM `a-b_表`");
        assertEquals("v", select.get("data").get("data").get(0).get(0).asText(), select.toString());
    }

    @Test
    void anEscapedBacktickStaysInsideOneNameWhichDorisThenRefuses() throws Exception {
        assertTrue(refused("CREATE TABLE `x`` (id INT); DROP TABLE t; --` (id INT) DUPLICATE KEY(id) "
                + "DISTRIBUTED BY HASH(id) BUCKETS 1").contains("Incorrect table name 'x` (id INT); DROP TABLE t; --'"));
        assertTrue(f.server.tableExists("db", "t"));
    }

    // ---- light schema changes (Doris alter/SchemaChangeHandler.process, modifyTableLightSchemaChange)

    @Test
    void addColumnIsImmediateAtTheEndOrAfterAColumnEvenWithAPrecommittedTransaction() throws Exception {
        f.http.precommit("db", "t", "pending", ROW);
        ok("ALTER TABLE t ADD COLUMN extra INT DEFAULT '7'");
        ok("ALTER TABLE t ADD COLUMN mid VARCHAR(3) AFTER id");
        assertEquals(List.of("id", "mid", "name", "score", "day", "ts", "note", "extra"), f.server.columns("db", "t"));
        assertLightJobs("ADD COLUMN extra", "ADD COLUMN mid");
        f.http.commitByLabel("db", "pending");
        assertEquals(7L, f.server.rows("db", "t").get(0).get("extra"));
    }

    @Test
    void dropColumnIsImmediate() throws Exception {
        f.http.precommit("db", "t", "pending", ROW);
        ok("ALTER TABLE t DROP COLUMN note");
        assertFalse(f.server.columns("db", "t").contains("note"));
        assertLightJobs("DROP COLUMN note");
    }

    @Test
    void wideningAVarcharIsImmediate() throws Exception {
        f.http.precommit("db", "t", "pending", "{\"id\":1,\"name\":\"abc\"}");
        ok("ALTER TABLE t MODIFY COLUMN name VARCHAR(10)");
        assertTrue(describe("t").contains("name VARCHAR(10) Yes false"));
        assertLightJobs("MODIFY COLUMN name VARCHAR(10)");
        f.http.precommit("db", "t", "longer", "{\"id\":2,\"name\":\"abcdefghij\"}");
    }

    @Test
    void aTableWithoutLightSchemaChangeAddsAColumnInAnAlterJob() throws Exception {
        ok("CREATE TABLE heavy (id INT NOT NULL, v INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1 "
                + "PROPERTIES ('replication_num' = '1', 'light_schema_change' = 'false')");
        ok("ALTER TABLE heavy ADD COLUMN extra INT");
        assertEquals(SchemaChangeJob.State.PENDING, f.server.alterJobs().get(0).state());
        assertFalse(f.server.columns("db", "heavy").contains("extra"));
    }

    private void assertLightJobs(String... descriptions) {
        List<SchemaChangeJob> jobs = f.server.alterJobs();
        assertEquals(descriptions.length, jobs.size(), jobs.toString());
        for (int i = 0; i < descriptions.length; i++) {
            assertTrue(jobs.get(i).description().toUpperCase().startsWith(descriptions[i].toUpperCase()),
                    jobs.get(i).description());
            assertEquals(List.of(SchemaChangeJob.State.FINISHED), jobs.get(i).history());
        }
    }

    @Test
    void renameColumnIsImmediateWithoutAJobAndKeepsThePendingLoadsValues() throws Exception {
        f.http.precommit("db", "t", "pending", ROW);
        ok("ALTER TABLE t RENAME COLUMN name full_name");
        assertTrue(f.server.alterJobs().isEmpty());
        f.http.commitByLabel("db", "pending");
        assertEquals("a", f.server.rows("db", "t").get(0).get("full_name"));
    }

    @Test
    void aColumnDroppedAndAddedAgainIsANewColumnForPendingLoads() throws Exception {
        f.http.precommit("db", "t", "pending", ROW);
        ok("ALTER TABLE t DROP COLUMN name");
        ok("ALTER TABLE t ADD COLUMN name VARCHAR(3)");
        f.http.commitByLabel("db", "pending");
        assertNull(f.server.rows("db", "t").get(0).get("name"));
    }

    @Test
    void modifyColumnCommentIsImmediateWithoutAJob() throws Exception {
        f.http.precommit("db", "t", "pending", ROW);
        ok("ALTER TABLE t MODIFY COLUMN name COMMENT 'the name'");
        assertTrue(f.server.alterJobs().isEmpty());
        assertTrue(rows("SHOW CREATE TABLE t").get(0).get(1).contains("COMMENT \"the name\""));
    }

    // ---- alter jobs (Doris alter/SchemaChangeJobV2; DatabaseTransactionMgr.isPreviousTransactionsFinished)

    private static final Duration JOB_DONE = Duration.ofSeconds(10);

    private void awaitJob(SchemaChangeJob.State state) throws InterruptedException {
        Awaits.until("the alter job " + state, JOB_DONE, () -> f.server.alterJobs().get(0).state() == state);
    }

    @Test
    void typeChangeWaitsForAPrecommittedTransactionAndItsCommitSucceedsAcross() throws Exception {
        long txn = f.http.precommit("db", "t", "pending", "{\"id\":1,\"name\":\"abc\"}");
        ok("ALTER TABLE t MODIFY COLUMN id BIGINT NOT NULL");
        assertEquals(SchemaChangeJob.State.PENDING, f.server.alterJobs().get(0).state(), "a job never ends within its ALTER");
        awaitJob(SchemaChangeJob.State.WAITING_TXN);
        assertEquals("WAITING_TXN", rows("SHOW ALTER TABLE COLUMN").get(0).get(9));
        assertTrue(describe("t").contains("id INT No true"));
        assertEquals("Success", f.http.commit("db", txn).get("status").asText());
        awaitJob(SchemaChangeJob.State.FINISHED);
        assertEquals(List.of(SchemaChangeJob.State.PENDING, SchemaChangeJob.State.WAITING_TXN,
                SchemaChangeJob.State.RUNNING, SchemaChangeJob.State.FINISHED), f.server.alterJobs().get(0).history());
        assertTrue(describe("t").contains("id BIGINT No true"));
        assertEquals("abc", f.server.rows("db", "t").get(0).get("name"));
    }

    @Test
    void makingAColumnNullableIsAnAlterJob() throws Exception {
        ok("ALTER TABLE t ADD COLUMN strict INT NOT NULL DEFAULT '0'");
        f.http.precommit("db", "t", "pending", ROW);
        ok("ALTER TABLE t MODIFY COLUMN strict INT NULL DEFAULT '0'");
        Awaits.until("the nullability change waits for the pre-committed transaction", JOB_DONE,
                () -> f.server.alterJobs().get(1).state() == SchemaChangeJob.State.WAITING_TXN);
        assertTrue(describe("t").contains("strict INT No false"));
    }

    @Test
    void typeChangeWaitsForATransactionStillLoadingUntilItEnds() throws Exception {
        try (InFlightLoad open = InFlightLoad.open(f.server, "db", "t", "loading")) {
            ok("ALTER TABLE t MODIFY COLUMN id BIGINT NOT NULL");
            awaitJob(SchemaChangeJob.State.WAITING_TXN);
            open.send(ROW + "\n");
            assertTrue(open.finish().contains("\"Status\": \"Success\""));
        }
        awaitJob(SchemaChangeJob.State.FINISHED);
        assertTrue(describe("t").contains("id BIGINT No true"));
    }

    @Test
    void typeChangeWaitsForACommittedTransactionUntilItIsVisible() throws Exception {
        restartWith(b -> b.publishDelay(Duration.ofMillis(1500)).alterJobStep(Duration.ofMillis(20)));
        f.http.commit("db", f.http.precommit("db", "t", "committed", ROW));
        ok("ALTER TABLE t MODIFY COLUMN id BIGINT NOT NULL");
        awaitJob(SchemaChangeJob.State.WAITING_TXN);
        assertEquals(TxnState.COMMITTED, f.state("committed"));
        awaitJob(SchemaChangeJob.State.FINISHED);
        assertEquals(TxnState.VISIBLE, f.state("committed"));
    }

    @Test
    void typeChangeDoesNotWaitForTransactionsBegunAfterIt() throws Exception {
        long before = f.http.precommit("db", "t", "before", ROW);
        ok("ALTER TABLE t MODIFY COLUMN score DECIMAL(10, 2)");
        awaitJob(SchemaChangeJob.State.WAITING_TXN);
        f.http.precommit("db", "t", "after", "{\"id\":2}");
        f.http.commit("db", before);
        awaitJob(SchemaChangeJob.State.FINISHED);
        assertEquals(TxnState.PRECOMMITTED, f.state("after"));
    }

    @Test
    void anotherAlterIsRefusedWhileAJobRunsEvenARename() throws Exception {
        f.http.precommit("db", "t", "pending", ROW);
        ok("ALTER TABLE t MODIFY COLUMN id BIGINT NOT NULL");
        for (String alter : List.of("ALTER TABLE t ADD COLUMN x INT", "ALTER TABLE t RENAME COLUMN name n2",
                "ALTER TABLE t MODIFY COLUMN name VARCHAR(10)", "ALTER TABLE t DROP COLUMN note")) {
            assertTrue(refused(alter).endsWith("Table[t]'s state(SCHEMA_CHANGE) is not NORMAL. Do not allow doing ALTER ops"),
                    alter);
        }
    }

    @Test
    void severalClausesInOneAlterMakeOneJob() throws Exception {
        long txn = f.http.precommit("db", "t", "pending", ROW);
        ok("ALTER TABLE t MODIFY COLUMN id BIGINT NOT NULL, MODIFY COLUMN name VARCHAR(10), ADD COLUMN extra INT");
        assertEquals(1, f.server.alterJobs().size());
        assertFalse(f.server.columns("db", "t").contains("extra"), "a clause of a pending job is not applied yet");
        f.http.commit("db", txn);
        awaitJob(SchemaChangeJob.State.FINISHED);
        assertTrue(describe("t").containsAll(List.of("id BIGINT No true", "name VARCHAR(10) Yes false", "extra INT Yes false")));
    }

    @Test
    void anAlterWithOneBadClauseChangesNothing() throws Exception {
        assertTrue(refused("ALTER TABLE t ADD COLUMN extra INT, DROP COLUMN no_such_column").contains("no_such_column"));
        assertFalse(f.server.columns("db", "t").contains("extra"));
        assertTrue(refused("ALTER TABLE t MODIFY COLUMN id BIGINT NOT NULL, MODIFY COLUMN name VARCHAR(2)")
                .contains("Cannot shorten string length"));
        assertTrue(f.server.alterJobs().isEmpty());
        assertTrue(describe("t").contains("id INT No true"));
    }

    // ---- TRUNCATE, DROP

    @Test
    void truncateEmptiesTheTable() throws Exception {
        f.http.jsonLines("db", "t", "l", false, ROW);
        ok("TRUNCATE TABLE t");
        assertEquals(List.of(List.of("0")), rows("SELECT count(*) FROM t"));
    }

    /** Doris: InternalCatalog.truncateTable gives the table new partitions; publishing skips the old ones. */
    @Test
    void aTransactionBegunBeforeTruncateCommitsAfterItWithoutItsRows() throws Exception {
        long txn = f.http.precommit("db", "t", "pending", ROW);
        ok("TRUNCATE TABLE t");
        assertEquals("Success", f.http.commit("db", txn).get("status").asText());
        assertTrue(f.server.rows("db", "t").isEmpty());
        f.http.jsonLines("db", "t", "after", false, ROW);
        assertEquals(1, f.server.rows("db", "t").size(), "a load begun after the truncate lands");
    }

    /** Doris: FrontendServiceImpl.loadTxn2PCImpl looks the transaction's tables up, and throws if one is gone. */
    @Test
    void aTransactionOfADroppedTableCannotBeCommittedButCanBeAborted() throws Exception {
        long txn = f.http.precommit("db", "t", "pending", ROW);
        ok("DROP TABLE t");
        assertTrue(f.http.commit("db", txn).toString().contains("unknown table, tableId="));
        assertEquals("Success", f.http.abort("db", txn).get("status").asText());
        assertTrue(f.http.commit("db", txn).toString().contains("unknown table, tableId="), "the table is looked up "
                + "before the transaction's state");
    }

    @Test
    void dropTableAndDropTableIfExists() throws Exception {
        ok("DROP TABLE t");
        assertFalse(f.server.tableExists("db", "t"));
        assertTrue(refused("DROP TABLE t").endsWith("Unknown table 't'"));
        ok("DROP TABLE IF EXISTS t");
    }

    @Test
    void describeListsFieldTypeNullKeyDefaultExtra() throws Exception {
        ok("ALTER TABLE t ADD COLUMN flag BOOLEAN NOT NULL DEFAULT 'true'");
        JsonNode data = ok("DESC t");
        List<String> names = new ArrayList<>();
        data.get("meta").forEach(m -> names.add(m.get("name").asText()));
        assertEquals(List.of("Field", "Type", "Null", "Key", "Default", "Extra"), names);
        assertEquals(List.of("flag", "BOOLEAN", "No", "false", "true", "NONE"), rows("DESC t").get(6));
    }
}
