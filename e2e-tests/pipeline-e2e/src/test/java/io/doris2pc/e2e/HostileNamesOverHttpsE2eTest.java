package io.doris2pc.e2e;

import io.doris2pc.examples.EmbeddedMySql;
import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.SelfSignedTls;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.cluster.DorisVersion;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MySQL tables and columns named with reserved words, spaces, dots, quotes, mixed case and Chinese, through the real
 * Flink CDC 3.2.0 composer and a YAML route into a Doris that serves HTTPS with a self-signed certificate: every
 * change lands in the right table, no password reaches a log line or the Flink UI, and a wrong Doris address or
 * password fails the pipeline when it is built.
 */
class HostileNamesOverHttpsE2eTest {

    private static final Path PIPELINE = Paths.get("src/test/resources/hostile-names-over-https.yaml");
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final String DORIS_PASSWORD = "doris-Secret-7731";
    private static final String MYSQL_PASSWORD = "mysql-Secret-4409";
    private static final String TRUSTSTORE_PASSWORD = "truststore-Secret-2286";
    private static final String ORDER_TABLE = "SELECT * FROM shop.`order`";
    private static final String DETAIL_TABLE = "SELECT * FROM shop.`Order-Details`";

    private static EmbeddedMySql mysql;
    private static SelfSignedTls tls;

    @BeforeAll
    static void start(@TempDir Path certificates) {
        mysql = EmbeddedMySql.start(Paths.get("target/e2e-mysql-hostile-names"));
        tls = SelfSignedTls.generate(certificates, TRUSTSTORE_PASSWORD);
    }

    @AfterAll
    static void stop() {
        mysql.close();
    }

    @Test
    void hostileNamesReachTheirDorisTablesOverHttpsAndNoPasswordIsShown(@TempDir Path checkpoints) throws Exception {
        mysql.execute(
                "DROP DATABASE IF EXISTS shop",
                "CREATE DATABASE shop CHARACTER SET utf8mb4",
                "CREATE TABLE shop.`order` (`key` INT PRIMARY KEY, `select` VARCHAR(20), `first name` VARCHAR(20), "
                        + "`a.b` INT, `MixedCase` VARCHAR(20), `备注` VARCHAR(20))",
                "CREATE TABLE shop.`Order-Details` (`编号` INT PRIMARY KEY, `Key` VARCHAR(20), `say \"hi\"` VARCHAR(20))",
                "INSERT INTO shop.`order` VALUES (1, 'from', 'Ada Lovelace', 10, 'Mixed', '第一'), "
                        + "(2, 'where', 'Grace Hopper', 20, NULL, '第二')",
                "INSERT INTO shop.`Order-Details` VALUES (1, 'k1', '你好'), (2, 'k2', 'hello \"there\"')");
        // A Doris with enable_unicode_name_support: Chinese table and column names are valid there. Doris 2.1 and
        // 3.0 then refuse spaces and '"' in column names (FeNameFormat's unicode regex); newer Doris takes them.
        try (AllLogs logs = new AllLogs();
                DorisTestServer doris = DorisTestServer.builder().user("loader").password(DORIS_PASSWORD)
                        .tls(tls.serverContext()).unicodeNames(true).dorisVersion(DorisVersion.NEWER).start();
                RunningPipeline pipeline = runner(doris.feAddress(), DORIS_PASSWORD, checkpoints).start()) {
            awaitDorisEqualsSource(pipeline, doris, "the snapshot");

            mysql.execute(
                    "UPDATE shop.`order` SET `first name` = 'Ada King', `备注` = '更新' WHERE `key` = 1",
                    "DELETE FROM shop.`order` WHERE `key` = 2",
                    "INSERT INTO shop.`order` VALUES (3, 'group', 'Edsger Dijkstra', 30, 'Case', NULL)",
                    "UPDATE shop.`Order-Details` SET `say \"hi\"` = '再见' WHERE `编号` = 1",
                    "DELETE FROM shop.`Order-Details` WHERE `编号` = 2");
            awaitDorisEqualsSource(pipeline, doris, "updates, deletes and an insert");

            assertEquals(List.of("key", "select", "first name", "a.b", "MixedCase", "备注"),
                    doris.columns("shop", "order"));
            assertEquals(List.of("编号", "Key", "say \"hi\""), doris.columns("shop", "订单-明细"));
            for (TxnInfo txn : doris.transactions()) {
                assertTrue(txn.label().matches("hostile_names_[a-z0-9]+_0_0_[0-9]+"), txn.label());
            }
            for (String page : List.of("/jobs/" + pipeline.jobId() + "/config", "/jobs/" + pipeline.jobId(),
                    "/jobs/" + pipeline.jobId() + "/plan", "/jobmanager/config")) {
                assertNoSecret(flinkUi(pipeline, page), "the Flink UI's " + page);
            }
            for (String logger : List.of(" io.doris2pc.", " org.apache.flink.", " io.debezium.")) {
                assertTrue(logs.lines().stream().anyMatch(line -> line.contains(logger)), "no line of" + logger);
            }
            for (String line : logs.lines()) {
                assertNoSecret(line, "a log line");
            }
        }
    }

    @Test
    void aWrongDorisPasswordFailsThePipelineWhenItIsBuilt(@TempDir Path checkpoints) {
        mysql.execute("CREATE DATABASE IF NOT EXISTS shop", "CREATE TABLE IF NOT EXISTS shop.t (id INT PRIMARY KEY)");
        try (DorisTestServer doris = DorisTestServer.builder().user("loader").password(DORIS_PASSWORD)
                .tls(tls.serverContext()).start()) {
            String failure = failureText(assertThrows(Exception.class,
                    () -> runner(doris.feAddress(), "wrong-" + DORIS_PASSWORD, checkpoints).start().close()));
            assertTrue(failure.contains("Doris refused the credentials of user 'loader'"), failure);
            assertTrue(failure.contains("'username' and 'password'"), failure);
            assertNoSecret(failure, "the failure");
            assertTrue(doris.transactions().isEmpty());
        }
    }

    @Test
    void anUnreachableDorisFailsThePipelineWhenItIsBuilt(@TempDir Path checkpoints) throws Exception {
        mysql.execute("CREATE DATABASE IF NOT EXISTS shop", "CREATE TABLE IF NOT EXISTS shop.t (id INT PRIMARY KEY)");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String failure = failureText(assertThrows(Exception.class,
                () -> runner("https://127.0.0.1:" + closedPort, DORIS_PASSWORD, checkpoints).start().close()));
        assertTrue(failure.contains("No Doris FE of 'fenodes'"), failure);
        assertTrue(failure.contains("'sink.connect-timeout'"), failure);
    }

    private static LocalPipelineRunner.Builder runner(String fenodes, String dorisPassword, Path checkpoints) {
        return LocalPipelineRunner.builder(PIPELINE)
                .variable("MYSQL_PORT", String.valueOf(mysql.port()))
                .variable("MYSQL_USER", EmbeddedMySql.USER)
                .variable("MYSQL_PASSWORD", MYSQL_PASSWORD)
                .variable("DORIS_FENODES", fenodes)
                .variable("DORIS_USER", "loader")
                .variable("DORIS_PASSWORD", dorisPassword)
                .variable("TRUSTSTORE_PATH", tls.truststore().toString())
                .variable("TRUSTSTORE_PASSWORD", TRUSTSTORE_PASSWORD)
                .checkpointInterval(Duration.ofSeconds(1))
                .checkpointDir(checkpoints);
    }

    private static void awaitDorisEqualsSource(RunningPipeline pipeline, DorisTestServer doris, String step) {
        String[] last = {""};
        try {
            pipeline.awaitUntil("Doris equals MySQL after " + step, CATCH_UP, () -> {
                if (!doris.tableExists("shop", "order") || !doris.tableExists("shop", "订单-明细")) {
                    last[0] = "tables not created yet";
                    return false;
                }
                Map<String, Map<String, String>> orders = byKey(mysql.query(ORDER_TABLE), "key");
                Map<String, Map<String, String>> details = byKey(mysql.query(DETAIL_TABLE), "编号");
                Map<String, Map<String, String>> dorisOrders = byKey(doris.rows("shop", "order"), "key");
                Map<String, Map<String, String>> dorisDetails = byKey(doris.rows("shop", "订单-明细"), "编号");
                last[0] = "MySQL " + orders + " " + details + ", Doris " + dorisOrders + " " + dorisDetails;
                return orders.equals(dorisOrders) && details.equals(dorisDetails);
            });
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + last[0], e);
        }
    }

    /** Rows by key, every value as text (numbers of either side compare equal). */
    private static Map<String, Map<String, String>> byKey(List<Map<String, Object>> rows, String key) {
        Map<String, Map<String, String>> result = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            Map<String, String> text = new HashMap<>();
            row.forEach((column, value) -> text.put(column, value == null ? null : String.valueOf(value)));
            result.put(text.get(key), text);
        }
        return result;
    }

    private static String flinkUi(RunningPipeline pipeline, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(pipeline.restAddress() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static void assertNoSecret(String text, String where) {
        String basicAuth = Base64.getEncoder().encodeToString(("loader:" + DORIS_PASSWORD).getBytes(UTF_8));
        for (String secret : List.of(DORIS_PASSWORD, MYSQL_PASSWORD, TRUSTSTORE_PASSWORD, basicAuth)) {
            assertFalse(text.contains(secret), () -> "a password shows in " + where + ": " + text);
        }
    }

    private static String failureText(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
