package io.doris2pc.connector.factory;

import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.auth.Privilege;
import io.doris2pc.testserver.SelfSignedTls;

import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.factories.FactoryHelper;
import org.apache.flink.table.api.ValidationException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static io.doris2pc.connector.client.NoPassword.assertNoPassword;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sink logs in to Doris when the pipeline is built, so that a wrong address, certificate or password fails the
 * submission with the option to fix instead of the running job.
 */
class DorisStartupCheckTest {

    private static final String PASSWORD = "s3cr3t-P@ss";
    /** A hang guard: far above the 1 s connect timeout, far below the 2 min socket timeout the check must not use. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private static DorisTestServer plain;
    private static DorisTestServer https;
    private static SelfSignedTls tls;

    @BeforeAll
    static void startServers(@TempDir Path dir) {
        plain = DorisTestServer.builder().user("root").password(PASSWORD).start();
        tls = SelfSignedTls.generate(dir, "trust-" + PASSWORD);
        https = DorisTestServer.builder().user("root").password(PASSWORD).tls(tls.serverContext()).start();
    }

    @AfterAll
    static void stopServers() {
        plain.close();
        https.close();
    }

    /** Issue 13, point 4: the rule "forgotten and younger than the option means committed" needs option <= FE. */
    @Test
    void aPrecommitTimeoutLongerThanTheFesIsRefused() {
        try (DorisTestServer lowered =
                DorisTestServer.builder().user("root").password(PASSWORD).precommitTimeout(Duration.ofMinutes(30))
                        .start()) {
            Map<String, String> options = options(lowered.feAddress(), PASSWORD);

            ValidationException e = assertThrows(ValidationException.class, () -> create(options));

            assertEquals("Invalid doris2pc sink option 'sink.doris-precommit-timeout': 3600 s is longer than the"
                    + " Doris FE's stream_load_default_precommit_timeout_second (1800 s). Doris aborts pre-committed"
                    + " transactions after its setting, so a restored transaction it forgot could be taken as"
                    + " committed although Doris aborted it, and its rows would be lost silently. Set"
                    + " 'sink.doris-precommit-timeout' to 1800s or less.", e.getMessage());
            options.put("sink.doris-precommit-timeout", "1800s");
            assertNotNull(create(options));
        }
    }

    /** Without ADMIN, SHOW FRONTEND CONFIG is refused; the declared value is trusted (and a warning logged). */
    @Test
    void aUserWithoutAdminMayStartOnTheDeclaredPrecommitTimeout() {
        try (DorisTestServer server =
                DorisTestServer.builder().user("root").password(PASSWORD).precommitTimeout(Duration.ofMinutes(30))
                        .account("loader", PASSWORD, Privilege.LOAD, Privilege.SELECT).start()) {
            Map<String, String> options = options(server.feAddress(), PASSWORD);
            options.put("username", "loader");

            assertNotNull(create(options));
        }
    }

    @Test
    void theRightCredentialsPass() {
        assertNotNull(create(options(plain.feAddress(), PASSWORD)));
    }

    @Test
    void wrongCredentialsFailNamingTheOptionsButNotThePassword() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> create(options(plain.feAddress(), "wrong-" + PASSWORD)));
        assertTrue(e.getMessage().contains("user 'root'"), e.getMessage());
        assertTrue(e.getMessage().contains("'username' and 'password'"), e.getMessage());
        assertNoPassword(e);
    }

    @Test
    void anFeThatRefusesConnectionsFailsNamingFenodes() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ValidationException e = assertThrows(ValidationException.class,
                () -> create(options("127.0.0.1:" + closedPort, PASSWORD)));
        assertTrue(e.getMessage().contains("'fenodes'"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(e.getMessage().contains("'sink.connect-timeout'"), e.getMessage());
    }

    @Test
    void anFeThatNeverAnswersFailsWithinTheConnectTimeoutNotTheSocketTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> options = options("127.0.0.1:" + silent.getLocalPort(), PASSWORD);
            options.put("sink.socket-timeout", "2min");
            ValidationException e = assertTimeoutPreemptively(HANG_GUARD,
                    () -> assertThrows(ValidationException.class, () -> create(options)));
            assertTrue(e.getMessage().contains("'fenodes'"), e.getMessage());
        }
    }

    @Test
    void anHttpsFeIsTrustedThroughTheTruststoreOptions() {
        Map<String, String> options = options(https.feAddress(), PASSWORD);
        options.put("sink.ssl.truststore.path", tls.truststore().toString());
        options.put("sink.ssl.truststore.password", tls.truststorePassword());
        assertNotNull(create(options));
    }

    @Test
    void anUntrustedCertificateFailsNamingTheTruststoreOptions() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> create(options(https.feAddress(), PASSWORD)));
        assertTrue(e.getMessage().contains("'sink.ssl.truststore.path'"), e.getMessage());
        assertNoPassword(e);
    }

    @Test
    void aWrongTruststorePasswordFailsNamingTheOptionButNotThePassword() {
        Map<String, String> options = options(https.feAddress(), PASSWORD);
        options.put("sink.ssl.truststore.path", tls.truststore().toString());
        options.put("sink.ssl.truststore.password", "not-" + PASSWORD);
        ValidationException e = assertThrows(ValidationException.class, () -> create(options));
        assertTrue(e.getMessage().contains("'sink.ssl.truststore.path'"), e.getMessage());
        assertNoPassword(e);
    }

    @Test
    void plainHttpToAnHttpsFeFailsNamingFenodes() {
        String withoutScheme = https.feAddress().substring("https://".length());
        ValidationException e = assertThrows(ValidationException.class,
                () -> create(options(withoutScheme, PASSWORD)));
        assertTrue(e.getMessage().contains("'fenodes'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gz", "lz4"})
    void compressionAgainstADorisThatCannotReadCompressedJsonFailsNamingTheOption(String codec) {
        try (DorisTestServer doris21 =
                DorisTestServer.builder().user("root").password(PASSWORD).dorisVersion("2.1.10").start()) {
            Map<String, String> options = options(doris21.feAddress(), PASSWORD);
            options.put("sink.properties.compress_type", codec);
            ValidationException e = assertThrows(ValidationException.class, () -> create(options));
            assertEquals("Invalid doris2pc sink option 'sink.properties.compress_type': Doris 2.1.10 cannot read "
                    + "compressed JSON Stream Loads (its BE answers \"compress data of JSON format is not supported.\"; "
                    + "Doris reads them from 3.0.5 on, apache/doris#48990). Remove the option, or upgrade Doris.",
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gz", "lz4"})
    void compressionAgainstDoris305Passes(String codec) {
        try (DorisTestServer doris305 =
                DorisTestServer.builder().user("root").password(PASSWORD).dorisVersion("3.0.5").start()) {
            Map<String, String> options = options(doris305.feAddress(), PASSWORD);
            options.put("sink.properties.compress_type", codec);
            assertNotNull(create(options));
        }
    }

    /** SHOW CLUSTERS answers any user in cloud mode (ShowClustersCommand checks privileges only outside it). */
    @Test
    void cloudModeWithExactlyOnceIntoMergeOnWriteTablesFailsNamingBothWaysOut() {
        try (DorisTestServer cloud = DorisTestServer.builder().user("root").password(PASSWORD).dorisVersion("3.0.5")
                .cloudMode(true).account("loader", PASSWORD, Privilege.LOAD, Privilege.SELECT).start()) {
            Map<String, String> options = options(cloud.feAddress(), PASSWORD);
            options.put("username", "loader");

            ValidationException e = assertThrows(ValidationException.class, () -> create(options));

            assertEquals("doris2pc cannot start: this Doris runs storage-compute separated (cloud mode; SHOW CLUSTERS "
                    + "lists its compute groups), whose BE refuses two-phase-commit Stream Loads into merge-on-write "
                    + "UNIQUE tables (apache/doris#36816), and the UNIQUE KEY tables doris2pc creates are merge-on-write "
                    + "unless told otherwise. Either set 'table.create.properties.enable_unique_key_merge_on_write: "
                    + "false' to keep exactly-once (tables are created merge-on-read; an existing merge-on-write table "
                    + "must be recreated), or set 'sink.delivery-guarantee: at-least-once' (plain Stream Loads "
                    + "committed at each checkpoint; after a failure the rows since the last checkpoint are loaded "
                    + "again).", e.getMessage());

            Map<String, String> mergeOnRead = new HashMap<>(options);
            mergeOnRead.put("table.create.properties.enable_unique_key_merge_on_write", "false");
            assertNotNull(create(mergeOnRead));
            Map<String, String> atLeastOnce = new HashMap<>(options);
            atLeastOnce.put("sink.delivery-guarantee", "at-least-once");
            assertNotNull(create(atLeastOnce));
        }
    }

    /**
     * Outside cloud mode SHOW CLUSTERS is refused (ADMIN first, then "Command only support in cloud mode.") before
     * 4.1.4, and answers location tags without is_current from 4.1.4; before 3.0 it does not exist.
     */
    @Test
    void withoutCloudModeTheDefaultsPass() {
        for (String release : new String[] {"2.1.10", "3.0.5", "4.1.4"}) {
            try (DorisTestServer doris = DorisTestServer.builder().user("root").password(PASSWORD)
                    .dorisVersion(release).account("loader", PASSWORD, Privilege.LOAD, Privilege.SELECT).start()) {
                Map<String, String> options = options(doris.feAddress(), PASSWORD);
                assertNotNull(create(options), release + " as admin");
                options.put("username", "loader");
                assertNotNull(create(options), release + " as a loading user");
            }
        }
    }

    private static Map<String, String> options(String fenodes, String password) {
        Map<String, String> options = new HashMap<>();
        options.put("fenodes", fenodes);
        options.put("username", "root");
        options.put("password", password);
        options.put("sink.connect-timeout", "1s");
        return options;
    }

    private static Object create(Map<String, String> options) {
        Map<String, String> pipeline = new HashMap<>();
        pipeline.put("local-time-zone", "UTC");
        return new Doris2pcDataSinkFactory().createDataSink(new FactoryHelper.DefaultContext(
                Configuration.fromMap(options), Configuration.fromMap(pipeline),
                DorisStartupCheckTest.class.getClassLoader()));
    }
}
