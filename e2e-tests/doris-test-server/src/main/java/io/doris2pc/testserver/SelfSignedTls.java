package io.doris2pc.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made with the JDK's own {@code keytool}, and a truststore
 * (PKCS12) that trusts it: what a test needs to run the Doris test server over HTTPS and a client that trusts it.
 */
public final class SelfSignedTls {
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofMinutes(1);

    private final Path keystore;
    private final Path truststore;
    private final String password;

    private SelfSignedTls(Path keystore, Path truststore, String password) {
        this.keystore = keystore;
        this.truststore = truststore;
        this.password = password;
    }

    /**
     * Generates the key pair, certificate and truststore in {@code dir}.
     *
     * @param password protects both stores
     */
    public static SelfSignedTls generate(Path dir, String password) {
        try {
            Files.createDirectories(dir);
            Path keystore = dir.resolve("doris-test-server.p12");
            Path truststore = dir.resolve("doris-test-server-truststore.p12");
            Files.deleteIfExists(keystore);
            keytool(List.of("-genkeypair", "-alias", "doris", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass", password, "-keypass", password));
            KeyStore keys = load(keystore, password);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("doris", keys.getCertificate("doris"));
            try (OutputStream out = Files.newOutputStream(truststore)) {
                trusted.store(out, password.toCharArray());
            }
            return new SelfSignedTls(keystore, truststore, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate in " + dir, e);
        }
    }

    private static void keytool(List<String> arguments) throws IOException {
        Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while keytool ran", e);
        }
    }

    private static KeyStore load(Path path, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    /** The server side: hand to {@link DorisTestServer.Builder#tls}. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(load(keystore, password), password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + keystore, e);
        }
    }

    /** A PKCS12 truststore holding only the certificate. */
    public Path truststore() {
        return truststore;
    }

    public String truststorePassword() {
        return password;
    }
}
