package io.doris2pc.connector.client;

import io.doris2pc.connector.config.BackendAddressMap;
import io.doris2pc.connector.config.Doris2pcOptions;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.config.FeNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where requests for a BE go. By default wherever the FE redirects them, rewritten by
 * {@code sink.backend-address-map} where the FE names a BE by an address this machine cannot reach. With
 * {@code benodes}, loads and 2PC requests skip the FE and go straight to the listed BEs, in turn, passing over a BE
 * that does not accept a connection within {@code sink.connect-timeout} (as the official connector's
 * {@code BackendUtil} does); any BE serves any database, since it forwards transaction calls to the FE master.
 */
public final class BackendAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(BackendAddresses.class);

    private final List<FeNode> benodes;
    private final BackendAddressMap map;
    private final Duration connectTimeout;
    private final AtomicInteger next = new AtomicInteger();

    public BackendAddresses(Doris2pcSinkConfig config) {
        this.benodes = config.beNodes();
        this.map = config.backendAddressMap();
        this.connectTimeout = config.connectTimeout();
    }

    /** Whether {@code benodes} sends BE requests past the FE. */
    public boolean direct() {
        return !benodes.isEmpty();
    }

    /**
     * The next BE of {@code benodes} that accepts a connection, with {@code pathAndQuery}; empty without
     * {@code benodes} (ask an FE).
     *
     * @throws NodeUnavailableException when none of them accepts a connection
     */
    public Optional<URI> directTarget(String pathAndQuery) throws NodeUnavailableException {
        if (benodes.isEmpty()) {
            return Optional.empty();
        }
        int start = Math.floorMod(next.getAndIncrement(), benodes.size());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < benodes.size(); i++) {
            FeNode be = benodes.get((start + i) % benodes.size());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(be.host(), be.port()), (int) connectTimeout.toMillis());
                return Optional.of(URI.create(be.baseUrl() + pathAndQuery));
            } catch (IOException e) {
                failures.add(be + ": " + e.getMessage());
                LOG.warn("The BE {} of '{}' does not accept connections ({}); trying the next one", be,
                        Doris2pcOptions.BENODES.key(), e.getMessage());
            }
        }
        throw new NodeUnavailableException("No BE of '" + Doris2pcOptions.BENODES.key() + "' " + benodes
                + " accepted a connection within " + connectTimeout + " ('" + Doris2pcOptions.CONNECT_TIMEOUT.key()
                + "'): " + String.join("; ", failures), null);
    }

    /** {@code target} (a BE the FE named) at the address {@code sink.backend-address-map} gives it, if any. */
    public URI reachable(URI target) {
        if (map.isEmpty() || target.getHost() == null) {
            return target;
        }
        int port = target.getPort() >= 0 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
        Optional<FeNode> to = map.reachableFor(target.getHost(), port);
        if (!to.isPresent()) {
            return target;
        }
        String scheme = to.get().isHttps() ? "https" : target.getScheme();
        return URI.create(scheme + "://" + to.get().host() + ':' + to.get().port() + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
    }
}
