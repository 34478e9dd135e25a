package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stream Load, FE endpoint and transaction rules as Apache Doris's sources have them (issue 11, items 7-19); each
 * test names the Doris file it follows. BE = {@code be/src/}, FE = {@code fe/fe-core/src/main/java/org/apache/doris/}.
 */
class DorisLoadRulesTest {
    private static final String ROW = "{\"id\":1,\"name\":\"a\"}";

    private ServerFixture f = new ServerFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    private JsonNode json(String table, String body, String... headerPairs) throws Exception {
        Map<String, String> headers = new HashMap<>(Map.of("format", "json", "read_json_by_line", "true"));
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return f.http.load("db", table, headers, body);
    }

    private String errorLog(JsonNode answer) throws Exception {
        return f.http.get(answer.get("ErrorURL").asText(), null).body();
    }

    // ---- item 7: BE vec/exec/format/json/new_json_reader.cpp (_column_index, _simdjson_set_column_value)

    @Test
    void jsonKeysMatchColumnNamesCaseSensitivelySoAKeyInAnotherCaseLeavesTheColumnNull() throws Exception {
        JsonNode r = json("t", "{\"id\":1,\"NAME\":\"a\"}");
        assertEquals("Success", r.get("Status").asText(), r.toString());
        assertNull(f.server.rows("db", "t").get(0).get("name"), "key NAME does not fill column name");
    }

    @Test
    void aJsonObjectWithNoKeyNamingAColumnIsFiltered() throws Exception {
        JsonNode r = json("t", "{\"ID\":1,\"NAME\":\"a\"}");
        assertEquals("Fail", r.get("Status").asText(), r.toString());
        assertTrue(errorLog(r).contains("There is no column matching jsonpaths in the json file, columns:[id, name, score, "
                + "day, ts, note, ], please check columns and jsonpaths:"), errorLog(r));
    }

    // ---- item 8: BE vec/io/io_helper.h read_float_text_fast_impl; new_json_reader.cpp _simdjson_write_data_to_column

    private void createFloats() {
        f.server.sql("db", "CREATE TABLE fl (id INT NOT NULL, d DOUBLE, f FLOAT, s VARCHAR(5)) UNIQUE KEY(id) "
                + "DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
    }

    @Test
    void nanInfinityAndFloatOverflowLoadAsNullWithoutStrictModeAndABooleanIntoAStringIsOneOrZero() throws Exception {
        createFloats();
        JsonNode r = json("fl", "{\"id\":1,\"d\":\"NaN\",\"f\":3.5e38,\"s\":true}\n{\"id\":2,\"d\":\"-Infinity\",\"f\":1.5,\"s\":false}");
        assertEquals("Success", r.get("Status").asText(), r.toString());
        List<Map<String, Object>> rows = f.server.rows("db", "fl");
        assertNull(rows.get(0).get("d"));
        assertNull(rows.get(0).get("f"));
        assertEquals("1", rows.get(0).get("s"));
        assertNull(rows.get(1).get("d"));
        assertEquals(1.5, rows.get(1).get("f"));
        assertEquals("0", rows.get(1).get("s"));
    }

    @Test
    void nanIsFilteredInStrictMode() throws Exception {
        createFloats();
        JsonNode r = json("fl", "{\"id\":1,\"d\":\"Infinity\"}", "strict_mode", "true");
        assertEquals("Fail", r.get("Status").asText(), r.toString());
        assertTrue(errorLog(r).contains("column(d) value is incorrect while strict mode is true"), errorLog(r));
    }

    // ---- item 10: BE vec/runtime/vdatetime_value.cpp from_date_str_base

    @Test
    void extraDatetimeFractionDigitsRoundHalfUpWithCarry() throws Exception {
        json("t", "{\"id\":1,\"ts\":\"2024-12-31 23:59:59.9996\"}");
        assertEquals("2025-01-01 00:00:00.000", f.server.rows("db", "t").get(0).get("ts"));
    }

    @Test
    void aZoneSuffixIsConvertedIntoTheLoadsTimeZone() throws Exception {
        json("t", "{\"id\":1,\"ts\":\"2024-01-31 10:00:00Z\"}\n{\"id\":2,\"ts\":\"2024-01-31T10:00:00.5+02:00\"}",
                "timezone", "Asia/Shanghai");
        List<Map<String, Object>> rows = f.server.rows("db", "t");
        assertEquals("2024-01-31 18:00:00.000", rows.get(0).get("ts"));
        assertEquals("2024-01-31 16:00:00.500", rows.get(1).get("ts"));
    }

    // ---- item 11: BE http/action/stream_load.cpp (on_header, _on_header, _process_put), StreamLoadContext::to_json

    @Test
    void twoPhaseCommitMustBeExactlyTrueElseTheLoadCommitsAtOnce() throws Exception {
        JsonNode r = json("t", ROW, "label", "upper", "two_phase_commit", "TRUE");
        assertEquals("false", r.get("TwoPhaseCommit").asText());
        assertEquals(TxnState.VISIBLE, f.state("upper"));
        assertEquals(1, f.server.rows("db", "t").size());
    }

    @Test
    void strictModeThatIsNotABooleanFailsAndRollsBackTheTransaction() throws Exception {
        JsonNode r = json("t", ROW, "label", "strict", "strict_mode", "yes");
        assertEquals("Fail", r.get("Status").asText());
        assertEquals("[INVALID_ARGUMENT]Invalid strict mode format. Must be bool type", r.get("Message").asText());
        assertEquals(TxnState.ABORTED, f.state("strict"));
    }

    @Test
    void theCommentHeaderIsEchoed() throws Exception {
        assertEquals("nightly run", json("t", ROW, "comment", "nightly run").get("Comment").asText());
    }

    @Test
    void aBodyWithNeitherContentLengthNorChunkedFramingFailsBeforeAnyTransaction() throws Exception {
        String answer = DorisHttp.raw(f.server.bePort(), "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\n"
                + "Authorization: " + f.http.auth() + "\r\nlabel: unframed\r\nformat: json\r\n\r\n");
        assertTrue(answer.contains("\"Message\": \"[INTERNAL_ERROR]content_length is empty and "
                + "transfer-encoding!=chunked, please set content_length or transfer-encoding=chunked\""), answer);
        assertTrue(f.server.transactions().isEmpty());
    }

    @Test
    void aBackendLoadWithoutBasicAuthorizationFails() throws Exception {
        String answer = DorisHttp.raw(f.server.bePort(), "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\n"
                + "label: anonymous\r\nContent-Length: 0\r\n\r\n");
        assertTrue(answer.contains("\"Message\": \"[INTERNAL_ERROR]no valid Basic authorization\""), answer);
        assertTrue(f.server.transactions().isEmpty());
    }

    // ---- item 12: BE common/status.h Status::create(TStatus); FE FrontendServiceImpl.loadTxnBeginImpl

    @Test
    void anUnknownDatabaseOnLoadIsNotFoundWithErrCode7() throws Exception {
        JsonNode r = f.http.load("nodb", "t", Map.of("format", "json"), ROW);
        assertEquals("[NOT_FOUND]TStatus: errCode = 7, detailMessage = unknown database, database=nodb",
                r.get("Message").asText());
    }

    // ---- item 13: BE http/action/stream_load.cpp _handle_group_commit

    private String labelOfChunkedGroupCommit2pc() throws Exception {
        try (InFlightLoad load = InFlightLoad.open(f.server, "db", "t", "gc2pc",
                "two_phase_commit: true\r\ngroup_commit: sync_mode\r\n")) {
            load.send(ROW + "\n");
            String answer = load.finish();
            JsonNode body = DorisHttp.JSON.readTree(answer.substring(answer.indexOf('{')));
            assertEquals("Success", body.get("Status").asText(), answer);
            assertEquals("true", body.get("TwoPhaseCommit").asText());
            return body.get("Label").asText();
        }
    }

    @Test
    void groupCommitIsIgnoredByA2pcLoadButAChunkedBodyLosesItsLabel() throws Exception {
        String label = labelOfChunkedGroupCommit2pc();
        assertFalse(label.equals("gc2pc"), "the label was dropped and a new one generated: " + label);
        assertFalse(f.server.transaction("db", "gc2pc").isPresent());
        assertEquals(TxnState.PRECOMMITTED, f.server.transaction("db", label).orElseThrow().state());
        JsonNode sized = json("t", ROW, "label", "gcsized", "two_phase_commit", "true", "group_commit", "async_mode");
        assertEquals("gcsized", sized.get("Label").asText(), "a body with Content-Length keeps its label");
    }

    @Test
    void groupCommitKeepsTheLabelOfAChunked2pcLoadAsIn210() throws Exception {
        f.close();
        f = new ServerFixture(b -> b.groupCommitChunkedDropsLabel(false));
        assertEquals("gc2pc", labelOfChunkedGroupCommit2pc());
    }

    // ---- items 14, 15, 16: FE httpv2/rest/LoadAction, httpv2/exception/RestApiExceptionHandler; BE stream_load_2pc.cpp;
    // FE transaction/DatabaseTransactionMgr.getTransactionIdByLabel

    private DorisHttp.Answer fe2pc(Map<String, String> headers, String authorization) throws Exception {
        return f.http.put("http://" + f.server.feAddress() + "/api/db/_stream_load_2pc", headers, "", authorization);
    }

    @Test
    void feAnswersA2pcRequestWithWrongCredentialsWithThe401Envelope() throws Exception {
        DorisHttp.Answer a = fe2pc(Map.of("txn_operation", "abort", "label", "x"), DorisHttp.auth("root", "bad"));
        assertEquals(200, a.status);
        JsonNode body = DorisHttp.JSON.readTree(a.body);
        assertEquals("Unauthorized", body.get("msg").asText());
        assertEquals(401, body.get("code").asInt());
        assertTrue(body.get("data").asText().startsWith("Access denied for user 'root@"), a.body);
        assertEquals(0, body.get("count").asInt());
    }

    @Test
    void feAnswers2pcRequestsWithoutTransactionOrOperationItself() throws Exception {
        DorisHttp.Answer noTxn = fe2pc(Map.of("txn_operation", "commit"), f.http.auth());
        assertEquals("{\"status\":\"FAILED\",\"msg\":\"No transaction id or label selected.\"}", noTxn.body);
        DorisHttp.Answer noOperation = fe2pc(Map.of("label", "x"), f.http.auth());
        assertEquals("{\"status\":\"FAILED\",\"msg\":\"No transaction operation('commit' or 'abort') selected.\"}",
                noOperation.body);
    }

    @Test
    void commitOrAbortByALabelWithNoTransactionInTheRightStateIsRunningTransactionNotFound() throws Exception {
        f.http.jsonLines("db", "t", "done", false, ROW);
        JsonNode commit = f.http.commitByLabel("db", "done");
        assertEquals("TStatus: errCode = 2, detailMessage = running transaction not found, label=done",
                commit.get("msg").asText());
        JsonNode abort = f.http.abortByLabel("db", "done");
        assertEquals("TStatus: errCode = 2, detailMessage = running transaction not found, label=done",
                abort.get("msg").asText());
        assertEquals("TStatus: errCode = 2, detailMessage = transaction not found, label=never",
                f.http.abortByLabel("db", "never").get("msg").asText());
    }

    // ---- item 17: FE httpv2/rest/GetStreamLoadState

    @Test
    void getLoadStateRefusesAnUnknownDatabaseAndAMissingLabel() throws Exception {
        assertEquals("{\"msg\":\"Error\",\"code\":1,\"data\":\"errCode = 7, detailMessage = unknown databases, "
                + "dbName=nodb\",\"count\":0}", f.http.get("http://" + f.server.feAddress()
                        + "/api/nodb/get_load_state?label=l", f.http.auth()).body());
        assertEquals("{\"msg\":\"Bad Request\",\"code\":403,\"data\":\"No label selected\",\"count\":0}",
                f.http.get("http://" + f.server.feAddress() + "/api/db/get_load_state", f.http.auth()).body());
    }

    // ---- item 18: FE httpv2/rest/StmtExecutionAction, httpv2/util/streamresponse/JsonStreamResponse

    @Test
    void sqlAnswersAreStreamedUnlessXDorisStreamIsFalseWhichLimitsRowsTo1000() throws Exception {
        f.server.sql("db", "CREATE TABLE many (id INT NOT NULL) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1 "
                + "PROPERTIES ('replication_num' = '1')");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            body.append("{\"id\":").append(i).append("}\n");
        }
        assertEquals("Success", json("many", body.toString()).get("Status").asText());
        String select = "{\"stmt\":\"SELECT id FROM many\"}";
        JsonNode streamed = f.http.sqlBody("db", select, Map.of());
        assertFalse(streamed.has("count"));
        assertEquals(1001, streamed.get("data").get("data").size());
        JsonNode envelope = f.http.sqlBody("db", select, Map.of("X-Doris-Stream", "false"));
        assertEquals(0, envelope.get("count").asInt());
        assertEquals(1000, envelope.get("data").get("data").size());
        assertEquals("{\"msg\":\"Bad Request\",\"code\":403,\"data\":\"Missing statement request body\",\"count\":0}",
                f.http.sqlBody("db", "{\"stmt\":\"\"}", Map.of()).toString());
    }

    // ---- item 19: FE transaction/DatabaseTransactionMgr (unprotectUpsertTransactionState, removeExpiredAndTimeoutTxns)

    @Test
    void anFeRestartForgetsPrepareTransactionsSoTheirLabelsAreFree() throws Exception {
        long kept = f.http.precommit("db", "t", "kept", ROW);
        try (InFlightLoad streaming = InFlightLoad.open(f.server, "db", "t", "streaming", "two_phase_commit: true\r\n")) {
            f.server.restartFrontend();
            assertFalse(f.server.transaction("db", "streaming").isPresent(), "PREPARE is not persisted by the FE");
            assertEquals("UNKNOWN", f.http.feGet("/api/db/get_load_state?label=streaming").get("data").asText());
            streaming.send("{\"id\":2}\n");
            String answer = streaming.finish();
            assertTrue(answer.contains("\"Status\": \"Fail\""), answer);
        }
        assertEquals(TxnState.PRECOMMITTED, f.state("kept"));
        assertEquals("Success", f.http.commit("db", kept).get("status").asText());
        assertEquals("Success", f.http.jsonLines("db", "t", "streaming", true, ROW).get("Status").asText());
    }

    @Test
    void anFeRestartAbortsPrepareTransactionsWhenSwitchedTo() throws Exception {
        f.close();
        f = new ServerFixture(b -> b.frontendRestartForgetsPrepare(false));
        try (InFlightLoad streaming = InFlightLoad.open(f.server, "db", "t", "streaming", "two_phase_commit: true\r\n")) {
            f.server.restartFrontend();
            assertEquals(TxnState.ABORTED, f.state("streaming"));
        }
    }

    @Test
    void anOverduePrecommittedTransactionCanBeCommittedUntilTheCleanerRuns() throws Exception {
        long txn = f.http.precommit("db", "t", "overdue", ROW);
        f.clock().advance(Duration.ofSeconds(3610));
        assertEquals(TxnState.PRECOMMITTED, f.state("overdue"), "3600 s passed, the cleaner last ran at 3600 s");
        assertEquals("Success", f.http.commit("db", txn).get("status").asText());
        assertEquals(1, f.server.rows("db", "t").size());
    }

    @Test
    void withAZeroCleanIntervalTransactionsExpireAtTheirExactDeadline() throws Exception {
        f.close();
        f = new ServerFixture(b -> b.transactionCleanInterval(Duration.ZERO));
        f.http.precommit("db", "t", "exact", ROW);
        f.clock().advance(Duration.ofSeconds(3601));
        assertEquals(TxnState.ABORTED, f.state("exact"));
    }
}
