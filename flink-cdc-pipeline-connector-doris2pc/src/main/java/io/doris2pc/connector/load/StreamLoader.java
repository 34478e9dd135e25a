package io.doris2pc.connector.load;

import io.doris2pc.connector.client.BackendAddresses;
import io.doris2pc.connector.client.DorisAuthException;
import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.client.DorisHttpClients;
import io.doris2pc.connector.client.FeFailover;
import io.doris2pc.connector.client.HttpAnswer;
import io.doris2pc.connector.client.NodeUnavailableException;
import io.doris2pc.connector.client.Redactor;
import io.doris2pc.connector.client.TwoPhaseCommitAnswer;
import io.doris2pc.connector.config.Doris2pcOptions;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.config.FeNode;
import io.doris2pc.connector.config.LoadCompression;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.HttpConnection;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.impl.Http1StreamListener;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.doris2pc.connector.client.DorisHttpClients.encode;

/**
 * Starts the Stream Loads of one writer (two-phase-commit ones unless {@code sink.delivery-guarantee} is
 * at-least-once) and owns what they share: the buffer pool, the HTTP
 * connections and the sending threads ({@code doris2pc-load-N}, one per open load).
 *
 * <p>{@link #begin} asks an FE with {@code Expect: 100-continue} and no body; the FE answers 307 with a BE address
 * (and the credentials, which are dropped). The body then streams to that BE, chunked, once it sent 100 Continue.
 */
public final class StreamLoader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamLoader.class);

    /** Rejected rows quoted from the ErrorURL in a failure message. */
    private static final int ERROR_LOG_LINES = 5;
    private static final int ERROR_LOG_LINE_CHARS = 500;

    /** The load whose HTTP exchange runs on the current sending thread. */
    static final ThreadLocal<StreamLoad> SENDING = new ThreadLocal<>();

    private final Doris2pcSinkConfig config;
    private final String authorization;
    private final Redactor redactor;
    private final FeFailover fes;
    private final BackendAddresses backends;
    private final BufferPool pool;
    private final CloseableHttpClient http;
    private final DorisHttpClient transactions;
    private final ExecutorService senders;
    private final Set<StreamLoad> openLoads = ConcurrentHashMap.newKeySet();

    public StreamLoader(Doris2pcSinkConfig config) {
        this.config = config;
        this.authorization = DorisHttpClients.authorization(config);
        this.redactor = new Redactor(config.username(), config.password());
        this.fes = new FeFailover(config.feNodes());
        this.backends = new BackendAddresses(config);
        this.pool = new BufferPool(config.bufferCount(), config.bufferSize(), config.bufferWaitTimeout());
        this.http = DorisHttpClients.create(config, new ResponseHeadListener());
        this.transactions = new DorisHttpClient(config);
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "doris2pc-load-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a load and returns once the BE accepted it (its transaction began).
     *
     * @throws LabelAlreadyExistsException when {@code label} belongs to another live transaction
     * @throws StreamLoadException when Doris refused the load
     * @throws IOException when no FE or BE answered
     */
    public StreamLoad begin(String db, String table, String label, boolean withDeleteSign) throws IOException {
        Map<String, String> headers = loadHeaders(label, withDeleteSign);
        String name = StreamLoad.describe(db, table, label);
        URI backend = redirectToBackend(db, table, name, label, headers);
        HttpPut request = new HttpPut(backend);
        headers.forEach(request::setHeader);
        StreamLoad load = new StreamLoad(
                this, pool, config.bufferCount(), db, table, label, redactor.redact(backend.getAuthority()), request);
        openLoads.add(load);
        try {
            senders.execute(load::send);
        } catch (RejectedExecutionException e) {
            openLoads.remove(load);
            throw new IOException("The Stream Loader is closed; cannot start " + name, e);
        }
        load.awaitAccepted(config.connectTimeout().plus(config.socketTimeout().multipliedBy(2)));
        return load;
    }

    private Map<String, String> loadHeaders(String label, boolean withDeleteSign) {
        Map<String, String> headers = new LinkedHashMap<>(config.loadProperties());
        headers.put(HttpHeaders.AUTHORIZATION, authorization);
        headers.put(HttpHeaders.EXPECT, "100-continue");
        headers.put("label", label);
        if (config.deliveryGuarantee().twoPhaseCommit()) {
            headers.put("two_phase_commit", "true");
        }
        headers.put("format", "json");
        headers.put("read_json_by_line", "true");
        config.compression().headerValue().ifPresent(value -> headers.put(LoadCompression.HEADER, value));
        if (withDeleteSign) {
            headers.put("hidden_columns", "__DORIS_DELETE_SIGN__");
        }
        return headers;
    }

    /**
     * Asks the FEs for a BE, retrying while none answers ({@code sink.max-retries}, {@code sink.retry-backoff}
     * doubled each time). Safe to repeat: the FE only redirects, the transaction begins at the BE.
     */
    private URI redirectToBackend(String db, String table, String name, String label, Map<String, String> headers)
            throws IOException {
        Duration backoff = config.retryBackoff();
        for (int retry = 0; ; retry++) {
            try {
                Optional<URI> direct = backends.directTarget(loadPath(db, table));
                if (direct.isPresent()) {
                    return direct.get();
                }
                return backends.reachable(fes.call(
                        "the Stream Load of " + name, fe -> redirectToBackend(fe, db, table, name, label, headers)));
            } catch (NodeUnavailableException e) {
                if (retry == config.maxRetries()) {
                    throw new NodeUnavailableException(
                            e.getMessage() + " (no answer after " + config.maxRetries() + " retries, "
                                    + Doris2pcOptions.MAX_RETRIES.key() + ")",
                            e);
                }
                LOG.warn("Retrying the Stream Load of {} in {} (retry {} of {}): {}",
                        name, backoff, retry + 1, config.maxRetries(), e.getMessage());
                pause(backoff, name);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration duration, String name) throws InterruptedIOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to retry the Stream Load of " + name);
        }
    }

    /** Sends the load's headers, without a body, to the FE; returns the BE it redirects to. */
    private URI redirectToBackend(
            FeNode fe, String db, String table, String name, String label, Map<String, String> headers)
            throws IOException {
        URI uri = URI.create(fe.baseUrl() + loadPath(db, table));
        HttpPut request = new HttpPut(uri);
        headers.forEach(request::setHeader);
        HttpAnswer answer = HttpAnswer.send(http, request, redactor);
        if (answer.status() == 401) {
            throw new DorisAuthException(config.username(), "the FE " + fe);
        }
        if (answer.isRedirect()) {
            return answer.redirectTarget(uri);
        }
        String unauthorized = StreamLoadAnswer.unauthorized(answer);
        if (unauthorized != null) {
            throw new DorisAuthException(config.username(), "the FE " + fe + " for the Stream Load of " + name,
                    redactor.redact(unauthorized));
        }
        StreamLoadAnswer refusal = StreamLoadAnswer.parse(answer, "The FE " + fe, redactor);
        throw refusal.isLabelAlreadyExists()
                ? new LabelAlreadyExistsException(name, table, label, refusal)
                : new StreamLoadException(name, table, label, refusal, Collections.emptyList());
    }

    private static String loadPath(String db, String table) {
        return "/api/" + encode(db) + '/' + encode(table) + "/_stream_load";
    }

    /** A buffer for {@code requester}; when none is free, first makes every other open load hand over its own. */
    LoadBuffer acquireBuffer(StreamLoad requester) throws IOException {
        LoadBuffer buffer = pool.tryAcquire();
        if (buffer != null) {
            return buffer;
        }
        for (StreamLoad load : openLoads) {
            if (load != requester) {
                load.handOverPartialBuffer();
            }
        }
        return pool.acquire(requester.name());
    }

    /** The first lines of a load's error log: the rejected rows and why. */
    List<String> errorLog(String errorUrl) {
        if (errorUrl.isEmpty()) {
            return Collections.emptyList();
        }
        String url = Redactor.stripUserInfo(errorUrl);
        try {
            url = backends.reachable(URI.create(url)).toString();
        } catch (IllegalArgumentException e) {
            // not a URI: reported below when the GET fails
        }
        List<String> lines = new ArrayList<>();
        try {
            HttpGet get = new HttpGet(url);
            get.setHeader(HttpHeaders.AUTHORIZATION, authorization);
            http.execute(get, response -> {
                if (response.getEntity() == null) {
                    return null;
                }
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(response.getEntity().getContent(), StandardCharsets.UTF_8))) {
                    String line;
                    while (lines.size() < ERROR_LOG_LINES && (line = reader.readLine()) != null) {
                        if (!line.isBlank()) {
                            lines.add(redactor.redact(shorten(line)));
                        }
                    }
                }
                return null;
            });
        } catch (IOException | IllegalArgumentException e) {
            lines.add("(the error log at " + redactor.redact(url) + " could not be read: "
                    + redactor.redact(e.getMessage()) + ')');
        }
        return lines;
    }

    private static String shorten(String line) {
        return line.length() <= ERROR_LOG_LINE_CHARS ? line : line.substring(0, ERROR_LOG_LINE_CHARS) + "...";
    }

    /** Best effort: a failed abort leaves the transaction to Doris's own timeout. */
    void abortTransaction(String db, String label, String name) {
        try {
            TwoPhaseCommitAnswer answer = transactions.abortByLabel(db, label);
            LOG.info("Aborted the transaction of the Stream Load of {}: {}", name, answer);
        } catch (IOException e) {
            LOG.warn("Could not abort the transaction of the Stream Load of {}; Doris aborts it when its timeout "
                    + "passes: {}", name, redactor.redact(e.getMessage()));
        }
    }

    void forget(StreamLoad load) {
        openLoads.remove(load);
    }

    LoadCompression compression() {
        return config.compression();
    }

    CloseableHttpClient http() {
        return http;
    }

    Redactor redactor() {
        return redactor;
    }

    /** How long a load may wait for Doris's answer after its body ended: drain the buffers, then the socket timeout. */
    Duration answerTimeout() {
        return config.socketTimeout().multipliedBy(2);
    }

    /** The pool shared by this loader's loads. */
    public BufferPool bufferPool() {
        return pool;
    }

    /** Aborts every open load, then releases threads and connections. */
    @Override
    public void close() throws IOException {
        for (StreamLoad load : new ArrayList<>(openLoads)) {
            load.abort();
        }
        senders.shutdownNow();
        try {
            senders.awaitTermination(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close(CloseMode.IMMEDIATE);
        transactions.close();
    }

    /** Tells the load on the current sending thread of each response head (100 Continue or a final answer). */
    private static final class ResponseHeadListener implements Http1StreamListener {

        @Override
        public void onRequestHead(HttpConnection connection, HttpRequest request) {}

        @Override
        public void onResponseHead(HttpConnection connection, HttpResponse response) {
            StreamLoad load = SENDING.get();
            if (load != null) {
                load.onResponseHead(response.getCode());
            }
        }

        @Override
        public void onExchangeComplete(HttpConnection connection, boolean keepAlive) {}
    }
}
