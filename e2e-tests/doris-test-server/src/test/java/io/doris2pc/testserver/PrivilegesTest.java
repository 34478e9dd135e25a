package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.doris2pc.testserver.auth.Privilege;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users with some privileges only: what they lack is refused with Doris's texts, before anything changes. */
class PrivilegesTest {
    private DorisTestServer server;
    private DorisHttp http;
    private final String reader = DorisHttp.auth("reader", "reader-pw");
    private final String loader = DorisHttp.auth("loader", "loader-pw");

    @BeforeEach
    void start() {
        server = DorisTestServer.builder().password("admin-pw")
                .account("reader", "reader-pw", Privilege.SELECT)
                .account("loader", "loader-pw", Privilege.SELECT, Privilege.LOAD)
                .start();
        http = new DorisHttp(server);
        TestTables.createUsers(server, "db", "t");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aUserWithoutLoadGetsTheFesRefusalInsteadOfARedirect() throws Exception {
        // LoadAction's checkTblAuth throws UnauthorizedException: RestApiExceptionHandler's 401 envelope, HTTP 200
        DorisHttp.Answer fe = http.put("http://" + server.feAddress() + "/api/db/t/_stream_load",
                Map.of("label", "l1", "format", "json"), "{\"id\":1}", reader);
        assertEquals(200, fe.status);
        JsonNode body = DorisHttp.JSON.readTree(fe.body);
        assertEquals("Unauthorized", body.path("msg").asText());
        assertEquals(401, body.path("code").asInt());
        assertEquals("Access denied; you need (at least one of) the Admin_priv,Load_priv privilege(s) for this "
                + "operation", body.path("data").asText());
        assertTrue(server.transactions().isEmpty());
    }

    @Test
    void theRedirectCarriesTheCredentialsOfTheUserWhoAsked() throws Exception {
        DorisHttp.Answer fe = http.put("http://" + server.feAddress() + "/api/db/t/_stream_load",
                Map.of("label", "l1", "format", "json"), "", loader);
        assertEquals(307, fe.status);
        assertEquals("loader:loader-pw", URI.create(fe.location).getUserInfo());
    }

    @Test
    void sqlNeedsThePrivilegeOfEachStatement() throws Exception {
        assertRefused(http.sql("db", "CREATE TABLE t2 (id INT) UNIQUE KEY(id) DISTRIBUTED BY HASH(id) BUCKETS 1 "
                + "PROPERTIES ('replication_num' = '1')", loader),
                "CREATE command denied to user 'loader'@'127.0.0.1' for table 'db: t2'");
        assertRefused(http.sql("db", "ALTER TABLE t ADD COLUMN c INT", loader),
                "ALTER TABLE command denied to user 'loader'@'127.0.0.1' for table 'db: t'");
        assertRefused(http.sql("db", "CREATE DATABASE other", reader), "Access denied for user 'reader' to database 'other'");
        assertEquals(0, http.sql("db", "SELECT id FROM t", reader).path("code").asInt());
        assertEquals(0, http.sql("db", "CREATE DATABASE other").path("code").asInt(), "the admin may do anything");
        assertEquals(false, server.tableExists("db", "t2"));
    }

    private static void assertRefused(JsonNode envelope, String text) {
        assertEquals(1, envelope.path("code").asInt(), envelope.toString());
        assertEquals("Failed to execute sql: errCode = 2, detailMessage = " + text, envelope.path("data").asText());
    }
}
