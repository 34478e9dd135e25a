package io.doris2pc.connector.client;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.config.TrustStoreFile;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** The TLS settings of HTTPS connections to Doris: the configured truststore, else the JVM's default one. */
public final class DorisTls {

    private DorisTls() {}

    /**
     * Trusts the certificates of {@code sink.ssl.truststore.path} when set; otherwise the JVM default
     * ({@code javax.net.ssl.trustStore}, else the JDK's cacerts).
     */
    public static SSLContext context(Doris2pcSinkConfig config) {
        try {
            if (!config.truststorePath().isPresent()) {
                return SSLContext.getDefault();
            }
            KeyStore trusted = TrustStoreFile.load(config.truststorePath().get(), config.truststorePassword());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot set up TLS for Doris: " + e.getMessage(), e);
        }
    }
}
