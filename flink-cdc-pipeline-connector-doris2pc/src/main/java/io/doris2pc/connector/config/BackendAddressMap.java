package io.doris2pc.connector.config;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code sink.backend-address-map}: where to reach a BE that the FE names by an address this machine cannot reach
 * (NAT, Docker, Kubernetes): {@code registered-host:port=reachable-host:port}, comma separated.
 */
public final class BackendAddressMap implements Serializable {

    private static final long serialVersionUID = 1L;

    /** From {@code host:port} (host lower-cased) to the address to use instead. */
    private final Map<String, FeNode> reachable;

    private BackendAddressMap(Map<String, FeNode> reachable) {
        this.reachable = Collections.unmodifiableMap(reachable);
    }

    public static BackendAddressMap empty() {
        return new BackendAddressMap(Collections.emptyMap());
    }

    /**
     * Parses {@code a:8040=b:18040,c:8040=d:18040}.
     *
     * @throws IllegalArgumentException saying which entry is wrong and how it should look
     */
    public static BackendAddressMap parse(String text) {
        Map<String, FeNode> map = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            String[] sides = entry.split("=", -1);
            if (sides.length != 2 || sides[0].trim().isEmpty() || sides[1].trim().isEmpty()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not registered-host:port="
                        + "reachable-host:port (for example 172.17.0.3:8040=doris-be.example.com:18040)");
            }
            FeNode from = FeNode.parse(sides[0]);
            FeNode to = FeNode.parse(sides[1]);
            String key = key(from.host(), from.port());
            if (map.put(key, to) != null) {
                throw new IllegalArgumentException("maps " + key + " twice");
            }
        }
        return new BackendAddressMap(map);
    }

    /** The address to reach {@code host:port} at, if it is mapped. */
    public Optional<FeNode> reachableFor(String host, int port) {
        return Optional.ofNullable(reachable.get(key(host, port)));
    }

    public boolean isEmpty() {
        return reachable.isEmpty();
    }

    private static String key(String host, int port) {
        return host.toLowerCase(Locale.ROOT) + ':' + port;
    }

    @Override
    public String toString() {
        return reachable.toString();
    }
}
