package io.doris2pc.e2e;

import io.doris2pc.examples.LocalPipelineRunner;
import io.doris2pc.examples.MySqlClient;
import io.doris2pc.examples.RunningPipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The seed scenario against a real MySQL 8 and a real Doris 2.1 (FE + BE), started from the users'
 * {@code pipeline-examples/docker-compose.yml}. Runs where a Docker engine exists; elsewhere JUnit reports it as
 * skipped because Docker is not available.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealMySqlAndDorisE2eTest {

    private static final Path EXAMPLES = Paths.get("../../pipeline-examples").toAbsolutePath().normalize();
    private static final Duration STARTUP = Duration.ofMinutes(5);

    @Container
    private static final ComposeContainer CLUSTER =
            new ComposeContainer(new File(EXAMPLES.resolve("docker-compose.yml").toString()))
                    .withServices("mysql", "doris-fe", "doris-be")
                    .withExposedService("mysql", 3306, Wait.forLogMessage(".*ready for connections.*port: 3306.*", 1)
                            .withStartupTimeout(STARTUP))
                    .withExposedService("doris-fe", 8030, Wait.forHttp("/api/health")
                            .forResponsePredicate(body -> body.contains("\"online_backend_num\":1"))
                            .withStartupTimeout(STARTUP));

    @Test
    void theShardsArriveMergedInARealDoris(@TempDir Path checkpoints) throws Exception {
        MySqlClient mysql = new MySqlClient("127.0.0.1", 3306, "root", "rootpw");
        MySqlClient doris = new MySqlClient("127.0.0.1", 9030, "root", "");
        try (RunningPipeline pipeline =
                LocalPipelineRunner.builder(EXAMPLES.resolve("mysql-shards-to-doris.yaml"))
                        .variable("MYSQL_HOST", "127.0.0.1")
                        .variable("MYSQL_PORT", "3306")
                        .variable("MYSQL_USER", "root")
                        .variable("MYSQL_PASSWORD", "rootpw")
                        .variable("DORIS_FENODES", "127.0.0.1:8030")
                        .variable("DORIS_USER", "root")
                        .variable("DORIS_PASSWORD", "")
                        .checkpointInterval(Duration.ofSeconds(2))
                        .checkpointDir(checkpoints)
                        .start()) {
            List<String> key = List.of("emp_no");
            pipeline.awaitUntil("116 employees in Doris", STARTUP, () -> dorisRows(doris).size() == 116);

            mysql.execute("DELETE FROM emp_2.employees_2 ORDER BY emp_no LIMIT 3");
            pipeline.awaitUntil("113 employees in Doris", STARTUP, () -> dorisRows(doris).size() == 113);

            Map<String, Map<String, String>> expected = MergedShards.read(mysql, key);
            assertEquals(expected, MergedShards.fromDoris(dorisRows(doris), key));
        }
    }

    private static List<Map<String, Object>> dorisRows(MySqlClient doris) {
        boolean exists =
                !doris.query(
                                "SELECT 1 FROM information_schema.tables WHERE table_schema = 'demo'"
                                        + " AND table_name = 'all_employees_info'")
                        .isEmpty();
        return exists ? doris.query("SELECT * FROM demo.all_employees_info") : List.of();
    }
}
