package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The FE's other endpoints and their envelope, and the BE's health. */
class EndpointsTest {
    private static final String ROW = "{\"id\":1,\"name\":\"a\"}";

    private ServerFixture f = new ServerFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    private String loadState(String label) throws Exception {
        JsonNode envelope = f.http.feGet("/api/db/get_load_state?label=" + label);
        assertEquals(0, envelope.get("code").asInt(), envelope.toString());
        return envelope.get("data").asText();
    }

    @Test
    void schemaListsColumnsWithTypesWithoutLength() throws Exception {
        JsonNode envelope = f.http.feGet("/api/db/t/_schema");
        assertEquals(0, envelope.get("code").asInt());
        JsonNode data = envelope.get("data");
        assertEquals(200, data.get("status").asInt());
        assertEquals("UNIQUE_KEYS", data.get("keysType").asText());
        List<String> names = new ArrayList<>();
        for (JsonNode p : data.get("properties")) {
            names.add(p.get("name").asText());
            assertTrue(p.has("type") && p.has("comment") && p.has("aggregation_type"), p.toString());
        }
        assertEquals(List.of("id", "name", "score", "day", "ts", "note"), names);
        JsonNode id = data.get("properties").get(0);
        assertEquals("INT", id.get("type").asText());
        assertEquals("key", id.get("comment").asText());
        assertEquals("VARCHAR", data.get("properties").get(1).get("type").asText());
        JsonNode score = data.get("properties").get(2);
        assertEquals("5", score.get("precision").asText());
        assertEquals("2", score.get("scale").asText());
    }

    @Test
    void schemaOfADuplicateTableAndNoHiddenColumns() throws Exception {
        f.server.sql("db", "CREATE TABLE d (id INT, v STRING) DUPLICATE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1 "
                + "PROPERTIES ('replication_num' = '1')");
        JsonNode data = f.http.feGet("/api/db/d/_schema").get("data");
        assertEquals("DUP_KEYS", data.get("keysType").asText());
        assertEquals(2, data.get("properties").size());
        assertTrue(f.http.feGet("/api/db/t/_schema").toString().indexOf("__DORIS_") < 0);
    }

    @Test
    void schemaOfAnUnknownTableIsAnError() throws Exception {
        JsonNode envelope = f.http.feGet("/api/db/nope/_schema");
        assertEquals(1, envelope.get("code").asInt());
        assertTrue(envelope.get("data").asText().contains("nope"), envelope.toString());
    }

    @Test
    void loadStateFollowsATransactionThroughItsStates() throws Exception {
        assertEquals("UNKNOWN", loadState("never"));
        try (InFlightLoad open = InFlightLoad.open(f.server, "db", "t", "l", "two_phase_commit: true\r\n")) {
            assertEquals("PREPARE", loadState("l"));
            open.send(ROW);
            open.finish();
        }
        assertEquals("PRECOMMITTED", loadState("l"));
        f.http.commitByLabel("db", "l");
        assertEquals("VISIBLE", loadState("l"));
        f.http.abort("db", f.http.precommit("db", "t", "a", ROW));
        assertEquals("ABORTED", loadState("a"));
    }

    @Test
    void loadStateIsCommittedBetweenCommitAndPublish() throws Exception {
        f.close();
        f = new ServerFixture(b -> b.publishDelay(Duration.ofHours(1)));
        f.http.commit("db", f.http.precommit("db", "t", "c", ROW));
        assertEquals("COMMITTED", loadState("c"));
    }

    @Test
    void backendsListsTheOneAliveBackend() throws Exception {
        JsonNode data = f.http.feGet("/api/backends?is_alive=true").get("data");
        JsonNode be = data.get("backends").get(0);
        assertEquals(1, data.get("backends").size());
        assertEquals("127.0.0.1", be.get("ip").asText());
        assertEquals(f.server.bePort(), be.get("http_port").asInt());
        assertTrue(be.get("is_alive").asBoolean());
    }

    @Test
    void healthCountsBackends() throws Exception {
        JsonNode data = f.http.feGet("/api/health").get("data");
        assertEquals(1, data.get("total_backend_num").asInt());
        assertEquals(1, data.get("online_backend_num").asInt());
    }

    @Test
    void rootPagesAnswer() throws Exception {
        assertEquals(200, f.http.get("http://" + f.server.feAddress() + "/", null).statusCode());
        assertEquals(200, f.http.get("http://" + f.server.beAddress() + "/", null).statusCode());
        JsonNode beHealth = DorisHttp.JSON.readTree(f.http.get("http://" + f.server.beAddress() + "/api/health", null).body());
        assertEquals("OK", beHealth.get("status").asText());
    }

    @Test
    void envelopeCodesAreInTheBodyWithHttp200() throws Exception {
        HttpResponse<String> unauthorized = f.http.get("http://" + f.server.feAddress() + "/api/health",
                DorisHttp.auth("root", "wrong"));
        assertEquals(200, unauthorized.statusCode());
        assertEquals(401, DorisHttp.JSON.readTree(unauthorized.body()).get("code").asInt());
        HttpResponse<String> missing = f.http.get("http://" + f.server.feAddress() + "/api/no/such/thing/here", f.http.auth());
        assertEquals(200, missing.statusCode());
        assertEquals(404, DorisHttp.JSON.readTree(missing.body()).get("code").asInt());
    }

    @Test
    void queryWithoutStatementIsABadRequest() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://" + f.server.feAddress() + "/api/query/default_cluster/db"))
                .header("Authorization", f.http.auth())
                .POST(HttpRequest.BodyPublishers.ofString("{\"no_stmt\": 1}"))
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals(403, DorisHttp.JSON.readTree(answer.body()).get("code").asInt());
    }
}
