package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FE and BE over HTTPS with a certificate made in the test; a client trusts it only through the truststore. */
class TlsTest {
    private static SelfSignedTls tls;

    @BeforeAll
    static void certificate(@TempDir Path dir) {
        tls = SelfSignedTls.generate(dir, "store-pw");
    }

    @Test
    void feAndBeServeHttpsAndTheRedirectPointsToAnHttpsBackend() throws Exception {
        try (DorisTestServer server = DorisTestServer.builder().password("pw").tls(tls.serverContext()).start()) {
            assertEquals("https://127.0.0.1:" + server.fePort(), server.feAddress());
            HttpClient client = HttpClient.newBuilder().sslContext(trusting()).connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> health = client.send(
                    HttpRequest.newBuilder(URI.create(server.feAddress() + "/api/health"))
                            .header("Authorization", DorisHttp.auth("root", "pw")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"online_backend_num\""), health.body());

            HttpResponse<String> be = client.send(
                    HttpRequest.newBuilder(URI.create("https://" + server.beAddress() + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, be.statusCode());
        }
    }

    @Test
    void aClientWithoutTheCertificateIsRefusedInTheHandshake() {
        try (DorisTestServer server = DorisTestServer.builder().tls(tls.serverContext()).start()) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(SSLHandshakeException.class, () -> client.send(
                    HttpRequest.newBuilder(URI.create(server.feAddress() + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }

    private static SSLContext trusting() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.truststore())) {
            store.load(in, tls.truststorePassword().toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
