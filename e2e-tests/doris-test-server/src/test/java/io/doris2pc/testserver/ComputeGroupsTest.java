package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.doris2pc.testserver.auth.Privilege;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SHOW CLUSTERS / SHOW COMPUTE GROUPS per release and mode, as the FE's ShowClusterStmt with
 * ShowExecutor.handleShowCluster (3.0) and ShowClustersCommand (master) answer them: the statements doris2pc's
 * start-up check reads cloud mode from.
 */
class ComputeGroupsTest {
    private static final String REFUSED = "Failed to execute sql: errCode = 2, detailMessage = ";
    private DorisTestServer server;
    private final String loader = DorisHttp.auth("loader", "loader-pw");

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private DorisHttp start(String release, boolean cloud) {
        server = DorisTestServer.builder().dorisVersion(release).cloudMode(cloud)
                .account("loader", "loader-pw", Privilege.SELECT, Privilege.LOAD).start();
        return new DorisHttp(server);
    }

    @Test
    void inCloudModeAnyUserSeesTheComputeGroupsWithIsCurrent() throws Exception {
        DorisHttp http = start("3.0.5", true);
        JsonNode clusters = http.sql("information_schema", "SHOW CLUSTERS", loader);
        assertEquals(List.of("cluster", "is_current", "users", "backend_num"), columns(clusters));
        assertEquals("TRUE", clusters.path("data").path("data").get(0).get(1).asText());
        assertEquals(List.of("Name", "IsCurrent", "Users", "BackendNum"),
                columns(http.sql("information_schema", "SHOW COMPUTE GROUPS", loader)));
    }

    @Test
    void outsideCloudModeTheStatementNeedsAdminThenRefuses() throws Exception {
        DorisHttp http = start("3.0.5", false);
        assertEquals(REFUSED + "Access denied; you need (at least one of) the ADMIN privilege(s) for this operation",
                http.sql("information_schema", "SHOW CLUSTERS", loader).path("data").asText());
        assertEquals(REFUSED + "Command only support in cloud mode.",
                http.sql("information_schema", "SHOW CLUSTERS").path("data").asText());
    }

    @Test
    void from414OutsideCloudModeTheLocationTagsAnswerWithoutIsCurrent() throws Exception {
        DorisHttp http = start("4.1.4", false);
        assertEquals(List.of("cluster", "backend_num"), columns(http.sql("information_schema", "SHOW CLUSTERS", loader)));
        assertEquals(List.of("Name", "BackendNum"),
                columns(http.sql("information_schema", "SHOW COMPUTE GROUPS", loader)));
    }

    @Test
    void releasesBeforeTheStatementRefuseIt() throws Exception {
        assertEquals(1, start("3.0.1", true).sql("information_schema", "SHOW COMPUTE GROUPS").path("code").asInt());
        server.close();
        assertEquals(1, start("2.1.10", false).sql("information_schema", "SHOW CLUSTERS").path("code").asInt());
    }

    private static List<String> columns(JsonNode envelope) {
        assertEquals(0, envelope.path("code").asInt(), envelope.toString());
        List<String> names = new ArrayList<>();
        envelope.path("data").path("meta").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }
}
