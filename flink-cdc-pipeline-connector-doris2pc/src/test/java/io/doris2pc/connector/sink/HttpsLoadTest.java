package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.CapturedLogs;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplier;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.SelfSignedTls;

import org.apache.flink.api.common.JobID;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.event.Event;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A real write (create table, rows, pre-commit, commit) against a Doris whose FE, or FE and BE, serve HTTPS with a
 * self-signed certificate the sink trusts through its truststore options; neither password reaches a log line.
 */
class HttpsLoadTest {

    private static final String PASSWORD = "doris-Pa55-https";

    private static SelfSignedTls tls;

    @BeforeAll
    static void certificate(@TempDir Path dir) {
        tls = SelfSignedTls.generate(dir, "truststore-Pa55");
    }

    @Test
    void loadsAndCommitsWhenFeAndBeServeHttps() throws Exception {
        writeThrough(builder -> builder.tls(tls.serverContext()));
    }

    @Test
    void loadsAndCommitsWhenOnlyTheFeServesHttpsAndRedirectsToAPlainBe() throws Exception {
        writeThrough(builder -> builder.feTls(tls.serverContext()));
    }

    private void writeThrough(Function<DorisTestServer.Builder, DorisTestServer.Builder> tlsMode) throws Exception {
        try (CapturedLogs logs = new CapturedLogs();
                DorisTestServer server = tlsMode.apply(DorisTestServer.builder().user("loader").password(PASSWORD))
                        .start()) {
            Doris2pcSinkConfig config = config(server);
            EmployeeEvents employees = new EmployeeEvents("demo", "employees");
            new Doris2pcMetadataApplier(config).applySchemaChange(employees.create());
            Collection<Doris2pcCommittable> committables;
            try (Doris2pcWriter writer = new Doris2pcWriter(config, LabelNamespace.newRunId(), TestInitContext.fresh(new JobID()), List.of())) {
                for (Event event : List.of(employees.create(), employees.insert(1, "Georgi"), employees.insert(2, "Anneke"))) {
                    writer.write(event, NoWriteContext.INSTANCE);
                }
                writer.flush(false);
                committables = writer.prepareCommit();
            }
            try (Doris2pcCommitter committer = new Doris2pcCommitter(config)) {
                List<RecordingCommitRequest<Doris2pcCommittable>> requests =
                        committables.stream().map(RecordingCommitRequest::new).collect(Collectors.toList());
                committer.commit(new ArrayList<>(requests));
                assertEquals(RecordingCommitRequest.Signal.NONE, requests.get(0).signal());
            }
            assertEquals(List.of("Georgi", "Anneke"), server.rows("demo", "employees").stream()
                    .map(row -> row.get("first_name")).collect(Collectors.toList()));
            for (String line : logs.lines()) {
                assertFalse(line.contains(PASSWORD) || line.contains(tls.truststorePassword()), line);
            }
        }
    }

    private static Doris2pcSinkConfig config(DorisTestServer server) {
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", server.feAddress());
        options.put("username", server.user());
        options.put("password", server.password());
        options.put("sink.ssl.truststore.path", tls.truststore().toString());
        options.put("sink.ssl.truststore.password", tls.truststorePassword());
        options.put("table.create.properties.replication_num", "1");
        return Doris2pcSinkConfig.from(Configuration.fromMap(options), ZoneId.of("UTC"));
    }
}
