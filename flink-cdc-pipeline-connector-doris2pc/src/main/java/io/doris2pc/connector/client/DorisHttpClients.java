package io.doris2pc.connector.client;

import io.doris2pc.connector.config.Doris2pcSinkConfig;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Builds the httpclient5 clients that talk to Doris, with the settings every Doris request needs. */
public final class DorisHttpClients {

    /** Every open Stream Load holds one connection, so the pool must not cap the number of tables. */
    private static final int MAX_CONNECTIONS = 4096;

    private DorisHttpClients() {}

    /**
     * A client that never follows redirects (a streamed body cannot be re-sent, and a redirect Location carries
     * the password), never retries on its own (the callers decide what a lost answer means), validates pooled
     * connections before reuse (Doris and the test server close idle ones), notices a response that arrives
     * while a body is still being sent, and logs no header or wire byte, whatever the log levels
     * ({@link UnloggedClientConnection}).
     *
     * @param listener told of every request and response head, or null
     */
    public static CloseableHttpClient create(Doris2pcSinkConfig config, Http1StreamListener listener) {
        return create(config, listener, config.socketTimeout());
    }

    /** The same, waiting at most {@code responseTimeout} for Doris to answer instead of {@code sink.socket-timeout}. */
    public static CloseableHttpClient create(
            Doris2pcSinkConfig config, Http1StreamListener listener, Duration responseTimeout) {
        Timeout connectTimeout = Timeout.of(config.connectTimeout());
        Timeout socketTimeout = Timeout.of(responseTimeout);
        PoolingHttpClientConnectionManager connections =
                PoolingHttpClientConnectionManagerBuilder.create()
                        .setSSLSocketFactory(
                                SSLConnectionSocketFactoryBuilder.create()
                                        .setSslContext(DorisTls.context(config))
                                        .build())
                        .setConnectionFactory(UnloggedClientConnection.factory())
                        .setDefaultConnectionConfig(
                                ConnectionConfig.custom()
                                        .setConnectTimeout(connectTimeout)
                                        .setSocketTimeout(socketTimeout)
                                        .setValidateAfterInactivity(TimeValue.ZERO_MILLISECONDS)
                                        .build())
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .build();
        RequestConfig requests =
                RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setAuthenticationEnabled(false)
                        .setExpectContinueEnabled(false)
                        .setConnectionRequestTimeout(connectTimeout)
                        .setResponseTimeout(socketTimeout)
                        .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(requests)
                // waiting for "100 Continue" is waiting for Doris to answer: the socket timeout bounds it
                .setRequestExecutor(new HttpRequestExecutor(socketTimeout, null, listener))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .setUserAgent("doris2pc")
                .build();
    }

    /** The value of the Basic {@code Authorization} header. Never log it. */
    public static String authorization(Doris2pcSinkConfig config) {
        String credentials = config.username() + ':' + config.password();
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** A database, table or label as one URL path segment or query value. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
