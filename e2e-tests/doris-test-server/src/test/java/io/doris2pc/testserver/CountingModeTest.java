package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A counting server checks rows as Doris would and counts them, but keeps none. */
class CountingModeTest {
    private static final Map<String, String> TWO_PC_JSON =
            Map.of("two_phase_commit", "true", "format", "json", "read_json_by_line", "true");

    private DorisTestServer server;
    private DorisHttp http;

    @BeforeEach
    void start() {
        server = DorisTestServer.builder().countingOnly(true).start();
        http = new DorisHttp(server);
        TestTables.createUsers(server, "db", "t");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void committedRowsAndBytesAreCountedButNotKept() throws Exception {
        String body = "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":\"b\"}\n{\"id\":3,\"name\":\"c\"}";
        Instant before = Instant.now();
        JsonNode load = http.load("db", "t", withLabel("counted"), body);
        assertEquals("Success", load.get("Status").asText(), load.toString());
        assertEquals("Success", http.commit("db", load.get("TxnId").asLong()).get("status").asText());

        List<CommitRecord> commits = server.commits();
        assertEquals(1, commits.size(), commits.toString());
        CommitRecord commit = commits.get(0);
        assertEquals(3, commit.rows());
        assertEquals(body.getBytes(StandardCharsets.UTF_8).length, commit.bytes());
        assertFalse(commit.wallTime().isBefore(before), commit.wallTime() + " is before the load began, " + before);
        assertEquals(3, server.transaction("db", "counted").orElseThrow().loadedRows());
        assertTrue(server.rows("db", "t").isEmpty(), "a counting server keeps no rows");
    }

    @Test
    void rowsAreStillCheckedAgainstTheTable() throws Exception {
        // name is VARCHAR(3): "abcd" does not fit and filters the row, which fails the load (max_filter_ratio 0)
        JsonNode load = http.load("db", "t", withLabel("too-long"), "{\"id\":1,\"name\":\"abc\"}\n{\"id\":2,\"name\":\"abcd\"}");

        assertEquals("Fail", load.get("Status").asText(), load.toString());
        assertEquals(1, load.get("NumberFilteredRows").asLong(), load.toString());
        assertEquals(TxnState.ABORTED, server.transaction("db", "too-long").orElseThrow().state());
        // the row that fit was read into the transaction, which then aborted: nothing was committed
        assertEquals(1, server.transaction("db", "too-long").orElseThrow().loadedRows());
        assertTrue(server.commits().isEmpty(), server.commits().toString());
    }

    private static Map<String, String> withLabel(String label) {
        Map<String, String> headers = new HashMap<>(TWO_PC_JSON);
        headers.put("label", label);
        return headers;
    }
}
