package io.doris2pc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The runner drives the official Doris connector (streaming 2PC) against the Doris test server: rows become
 * visible only through checkpoint-driven commits.
 */
class OfficialDorisConnectorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void mergesTheShardsAndAppliesDeletesThroughTwoPhaseCommits(@TempDir Path workDir) throws Exception {
        try (EmbeddedMySql mysql = EmbeddedMySql.start(workDir.resolve("mysql"));
                DorisTestServer doris = DorisTestServer.builder().user("root").password("doris-pw").start()) {
            mysql.runSqlScript("emp_shards.sql");
            try (RunningPipeline pipeline =
                    LocalPipelineRunner.builder(resource("pipelines/mysql-shards-to-official-doris.yaml"))
                            .variables(variables(mysql, doris))
                            .checkpointInterval(Duration.ofSeconds(1))
                            .checkpointDir(workDir.resolve("checkpoints"))
                            .start()) {
                pipeline.awaitUntil("Doris holds the 116 employees", TIMEOUT, () -> count(doris) == 116);

                mysql.execute("DELETE FROM emp_2.employees_2 WHERE emp_no IN (10085, 10086, 10087)");
                pipeline.awaitUntil("the deletes are visible", TIMEOUT, () -> count(doris) == 113);
            }

            List<TxnInfo> transactions = doris.transactions("demo");
            assertTrue(transactions.size() >= 2, "one transaction per checkpoint with data: " + transactions);
            assertEquals(
                    List.of(TxnState.VISIBLE),
                    transactions.stream().map(TxnInfo::state).distinct().collect(Collectors.toList()),
                    "every load committed: " + transactions);
            Map<String, Object> first = doris.rows("demo", "all_employees_info").get(0);
            assertEquals("10001", first.get("emp_no").toString());
            assertEquals("emp_1", first.get("database_name"));
            assertEquals("employees_1", first.get("table_name"));
        }
    }

    private static int count(DorisTestServer doris) {
        return doris.tableExists("demo", "all_employees_info")
                ? doris.rows("demo", "all_employees_info").size()
                : 0;
    }

    private static Map<String, String> variables(EmbeddedMySql mysql, DorisTestServer doris) {
        return Map.of(
                "MYSQL_HOST", "127.0.0.1",
                "MYSQL_PORT", String.valueOf(mysql.port()),
                "MYSQL_USER", EmbeddedMySql.USER,
                "MYSQL_PASSWORD", "",
                "DORIS_FENODES", doris.feAddress(),
                "DORIS_USER", doris.user(),
                "DORIS_PASSWORD", doris.password(),
                "LABEL_PREFIX", "official_" + System.nanoTime());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Paths.get(OfficialDorisConnectorTest.class.getClassLoader().getResource(name).toURI());
    }
}
