package io.doris2pc.connector.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** The truststore of {@code sink.ssl.truststore.path}: the certificates an HTTPS Doris is trusted by. */
public final class TrustStoreFile {

    private TrustStoreFile() {}

    /**
     * Loads the file as a PKCS12 or JKS keystore (the JDK detects which).
     *
     * @throws IllegalArgumentException saying what is wrong with the file, never showing the password
     */
    public static KeyStore load(String path, String password) {
        Path file = Paths.get(path);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("'" + path + "' is not a readable file on this machine");
        }
        char[] secret = password == null || password.isEmpty() ? null : password.toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(file.toFile(), secret);
            store.load(in, secret);
            if (store.size() == 0) {
                throw new IllegalArgumentException("'" + path + "' holds no certificate");
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("'" + path + "' cannot be read as a PKCS12 or JKS truststore with the "
                    + "password of 'sink.ssl.truststore.password' (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
