package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The FE redirect (FE LoadAction), the BE load (BE http/action/stream_load.cpp), the answer's exact shape. */
class StreamLoadProtocolTest {
    private DorisTestServer server;
    private DorisHttp http;

    @BeforeEach
    void start() {
        server = DorisTestServer.builder().password("secret").start();
        http = new DorisHttp(server);
        TestTables.createUsers(server, "db", "t");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String rawRequest(int port, String request) throws Exception {
        return DorisHttp.raw(port, request);
    }

    @Test
    void feRedirectsWithCredentialsInLocationBeforeAnyBodyByte() throws Exception {
        String response = rawRequest(server.fePort(), "PUT /api/db/t/_stream_load?x=1 HTTP/1.1\r\nHost: h\r\n"
                + "Authorization: " + http.auth() + "\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\nlabel: l1\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 307"), response);
        assertFalse(response.contains("100 Continue"), response);
        assertTrue(response.contains("Location: http://root:secret@127.0.0.1:" + server.bePort() + "/api/db/t/_stream_load?x=1"), response);
    }

    @Test
    void locationAlwaysCarriesTheQuestionMark() throws Exception {
        String response = rawRequest(server.fePort(), "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\n"
                + "Authorization: " + http.auth() + "\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
        assertTrue(response.contains("/api/db/t/_stream_load?\r\n"), response);
    }

    @Test
    void feRefusesALoadWithoutExpectHeader() throws Exception {
        String response = rawRequest(server.fePort(), "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\n"
                + "Authorization: " + http.auth() + "\r\nContent-Length: 0\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.contains("{\"status\":\"FAILED\",\"msg\":\"There is no 100-continue header\"}"), response);
    }

    @Test
    void feChecksCredentialsFirstAndAnswersThe401EnvelopeWithHttp200() throws Exception {
        // LoadAction.streamLoad -> executeCheckPassword throws UnauthorizedException -> RestApiExceptionHandler
        String response = rawRequest(server.fePort(), "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\n"
                + "Authorization: " + DorisHttp.auth("root", "wrong") + "\r\nContent-Length: 0\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.contains("{\"msg\":\"Unauthorized\",\"code\":401,\"data\":\"Access denied for user 'root@"),
                response);
        assertTrue(response.contains("(using password: YES)\",\"count\":0}"), response);
        String none = rawRequest(server.fePort(), "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\n"
                + "Expect: 100-continue\r\nContent-Length: 0\r\n\r\n");
        assertTrue(none.contains("{\"msg\":\"Unauthorized\",\"code\":401,\"data\":\"Need auth information.\",\"count\":0}"),
                none);
    }

    @Test
    void beSendsContinueThenReadsAChunkedBody() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.bePort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: h\r\nAuthorization: " + http.auth()
                    + "\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\nformat: json\r\nread_json_by_line: true\r\n"
                    + "label: chunked1\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = new byte[25];
            int read = 0;
            while (read < head.length) {
                read += in.read(head, read, head.length - read);
            }
            assertTrue(new String(head, StandardCharsets.UTF_8).startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
            String chunk = "{\"id\":1,\"name\":\"a\"}\n";
            out.write((Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            byte[] rest = new byte[2000];
            int n = in.read(rest);
            assertTrue(new String(rest, 0, n, StandardCharsets.UTF_8).contains("\"Status\": \"Success\""));
        }
        assertEquals(1, server.rows("db", "t").size());
    }

    @Test
    void answerHasDorisFieldsInOrderAndTwoPhaseCommitAsString() throws Exception {
        JsonNode r = http.load("db", "t", Map.of("label", "order1", "format", "json", "read_json_by_line", "true"),
                "{\"id\":1,\"name\":\"ab\"}\n{\"id\":2}\n");
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertEquals(List.of("TxnId", "Label", "Comment", "TwoPhaseCommit", "Status", "Message", "NumberTotalRows",
                "NumberLoadedRows", "NumberFilteredRows", "NumberUnselectedRows", "LoadBytes", "LoadTimeMs",
                "BeginTxnTimeMs", "StreamLoadPutTimeMs", "ReadDataTimeMs", "WriteDataTimeMs", "CommitAndPublishTimeMs"), names);
        assertEquals("false", r.get("TwoPhaseCommit").textValue());
        assertEquals("OK", r.get("Message").asText());
        assertEquals(2, r.get("NumberLoadedRows").asLong());
        assertEquals(2, server.rows("db", "t").size());
    }

    @Test
    void answerIsPrettyPrinted() throws Exception {
        String body = http.put("http://" + server.beAddress() + "/api/db/t/_stream_load",
                Map.of("format", "json", "read_json_by_line", "true"), "", http.auth()).body();
        assertTrue(body.startsWith("{\n    \"TxnId\": "), body);
    }

    @Test
    void emptyBodyIsAValidLoad() throws Exception {
        JsonNode r = http.load("db", "t", Map.of("label", "empty", "two_phase_commit", "true", "format", "json",
                "read_json_by_line", "true"), "");
        assertEquals("Success", r.get("Status").asText());
        assertEquals(TxnState.PRECOMMITTED, server.transaction("db", "empty").orElseThrow().state());
        assertEquals(0, server.transaction("db", "empty").orElseThrow().loadedRows());
    }

    @Test
    void aTransactionKeepsItsLoadedRowCountOnceVisibleOrAborted() throws Exception {
        Map<String, String> json = Map.of("format", "json", "read_json_by_line", "true");
        String twoRows = "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n";
        Map<String, String> visible = new HashMap<>(json);
        visible.put("label", "visible");
        http.load("db", "t", visible, twoRows);
        assertEquals(TxnState.VISIBLE, server.transaction("db", "visible").orElseThrow().state());
        assertEquals(2, server.transaction("db", "visible").orElseThrow().loadedRows());

        server.faults().cutNextLoadBodyAfter(twoRows.length() + 5);
        Map<String, String> cut = new HashMap<>(json);
        cut.put("label", "cut");
        http.load("db", "t", cut, twoRows + twoRows.replace("\"a\"", "\"c\""));
        // The first attempt was cut; the HTTP client may retry the PUT, which then reuses the freed label.
        TxnInfo aborted = server.transactions("db").stream()
                .filter(txn -> txn.label().equals("cut") && txn.state() == TxnState.ABORTED)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no aborted load 'cut': " + server.transactions("db")));
        assertEquals(2, aborted.loadedRows(), "rows read before the body was cut: " + aborted);
    }

    @Test
    void deleteSignDeletesByKey() throws Exception {
        Map<String, String> h = Map.of("format", "json", "read_json_by_line", "true", "hidden_columns", "__DORIS_DELETE_SIGN__");
        http.load("db", "t", h, "{\"id\":1,\"name\":\"a\",\"__DORIS_DELETE_SIGN__\":\"0\"}\n{\"id\":2,\"name\":\"b\",\"__DORIS_DELETE_SIGN__\":\"0\"}");
        http.load("db", "t", h, "{\"id\":1,\"__DORIS_DELETE_SIGN__\":\"1\"}\n{\"id\":2,\"name\":\"c\",\"__DORIS_DELETE_SIGN__\":\"0\"}");
        List<Map<String, Object>> rows = server.rows("db", "t");
        assertEquals(1, rows.size());
        assertEquals(2L, rows.get(0).get("id"));
        assertEquals("c", rows.get(0).get("name"));
    }

    @Test
    void csvLoadWithColumnsHeaderAndNulls() throws Exception {
        JsonNode r = http.load("db", "t", Map.of("format", "csv", "column_separator", ",", "columns", "id,name"),
                "1,ab\n2,\\N\n");
        assertEquals("Success", r.get("Status").asText(), r.toString());
        assertEquals(null, server.rows("db", "t").get(1).get("name"));
    }

    @Test
    void missingTableFailsWhenTheTransactionBegins() throws Exception {
        JsonNode r = http.load("db", "nope", Map.of("label", "x"), "");
        assertEquals("Fail", r.get("Status").asText());
        assertEquals(-1, r.get("TxnId").asLong());
        assertTrue(r.get("Message").asText().contains("unknown table"), r.toString());
    }

    @Test
    void beRefusesBadCredentials() throws Exception {
        JsonNode r = DorisHttp.JSON.readTree(http.put("http://" + server.beAddress() + "/api/db/t/_stream_load",
                Map.of(), "", DorisHttp.auth("root", "nope")).body());
        assertEquals("Fail", r.get("Status").asText());
        assertTrue(r.get("Message").asText().contains("Access denied"));
    }
}
