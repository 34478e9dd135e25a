package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The names Doris accepts (FE FeNameFormat): ASCII table and database names by default, unicode ones with
 * enable_unicode_name_support, a wider ASCII set for columns, table names up to 64 characters, labels by regex.
 */
class NameRulesTest {

    @Test
    void byDefaultTablesAreAsciiLettersDigitsDashAndUnderscoreUpTo64Characters() {
        try (DorisTestServer server = DorisTestServer.builder().start()) {
            server.sql("", "CREATE DATABASE shop");
            createTable(server, "shop", "order");
            createTable(server, "shop", "Mixed-Case_2");
            createTable(server, "shop", "t" + "x".repeat(63));
            assertTrue(server.tableExists("shop", "order"));

            for (String refused : List.of("order items", "a.b", "订单", "1st", "it's", "x`y", "t" + "x".repeat(64))) {
                DorisSqlException e = assertThrows(DorisSqlException.class, () -> createTable(server, "shop", refused));
                assertTrue(e.getMessage().startsWith("Incorrect table name '" + refused + "'. Table name regex is"),
                        e.getMessage());
                assertFalse(server.tableExists("shop", refused));
            }
            assertEquals("Incorrect database name '销售'",
                    assertThrows(DorisSqlException.class, () -> server.sql("", "CREATE DATABASE `销售`")).getMessage());
        }
    }

    @Test
    void columnsMayHoldSpacesDotsAndQuotesButNoBackticks() {
        try (DorisTestServer server = DorisTestServer.builder().start()) {
            server.sql("", "CREATE DATABASE shop");
            server.sql("shop", "CREATE TABLE t (`key` INT, `first name` VARCHAR(10), `a.b` INT, `say \"hi\"` INT) "
                    + "UNIQUE KEY(`key`) DISTRIBUTED BY HASH(`key`) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
            assertEquals(List.of("key", "first name", "a.b", "say \"hi\""), server.columns("shop", "t"));

            DorisSqlException backtick = assertThrows(DorisSqlException.class,
                    () -> server.sql("shop", "ALTER TABLE t ADD COLUMN `x``y` INT"));
            assertTrue(backtick.getMessage().startsWith("Incorrect column name 'x`y'. Column regex is"));
            assertThrows(DorisSqlException.class, () -> server.sql("shop", "ALTER TABLE t ADD COLUMN `备注` INT"));
            assertThrows(DorisSqlException.class, () -> server.sql("shop", "ALTER TABLE t RENAME COLUMN `a.b` `it's`"));
        }
    }

    @Test
    void unicodeNameSupportAllowsLettersOfAnyLanguage() {
        try (DorisTestServer server = DorisTestServer.builder().unicodeNames(true).start()) {
            server.sql("", "CREATE DATABASE `销售`");
            server.sql("销售", "CREATE TABLE `订单` (`编号` INT, `备注` VARCHAR(10)) UNIQUE KEY(`编号`) "
                    + "DISTRIBUTED BY HASH(`编号`) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
            assertEquals(List.of("编号", "备注"), server.columns("销售", "订单"));
            assertThrows(DorisSqlException.class, () -> createTable(server, "销售", "订单 明细"));
        }
    }

    @Test
    void aLoadWithALabelOutsideDorissRegexFails() throws Exception {
        try (DorisTestServer server = DorisTestServer.builder().start()) {
            TestTables.createUsers(server, "db", "t");
            DorisHttp http = new DorisHttp(server);
            for (String label : List.of("has.dot", "has space", "x".repeat(129))) {
                JsonNode answer = http.load("db", "t", Map.of("label", label, "format", "json"), "{\"id\":1}");
                assertEquals("Fail", answer.path("Status").asText(), label);
                assertTrue(answer.path("Message").asText().contains(
                        "Label format error. regex: ^[-_A-Za-z0-9:]{1,128}$, label: " + label), answer.toString());
            }
            JsonNode ok = http.load("db", "t", Map.of("label", "a-B_9:" + "x".repeat(122), "format", "json"),
                    "{\"id\":1}");
            assertEquals("Success", ok.path("Status").asText(), ok.toString());
        }
    }

    private static void createTable(DorisTestServer server, String db, String table) {
        server.sql(db, "CREATE TABLE `" + table.replace("`", "``") + "` (id INT) UNIQUE KEY(id) "
                + "DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')");
    }
}
