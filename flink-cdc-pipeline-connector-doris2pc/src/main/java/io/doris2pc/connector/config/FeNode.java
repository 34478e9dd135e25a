package io.doris2pc.connector.config;

import java.io.Serializable;
import java.util.Objects;

/** One Doris FE HTTP endpoint from {@code fenodes}. */
public final class FeNode implements Serializable {

    private static final long serialVersionUID = 1L;

    private final boolean https;
    private final String host;
    private final int port;

    public FeNode(boolean https, String host, int port) {
        this.https = https;
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
    }

    /**
     * Parses {@code host:port}, {@code http://host:port} or {@code https://host:port}.
     *
     * @throws IllegalArgumentException with a message saying what is wrong with {@code text}
     */
    public static FeNode parse(String text) {
        String shown = withoutUserInfo(text);
        String rest = text.trim();
        boolean https = false;
        if (rest.regionMatches(true, 0, "https://", 0, 8)) {
            https = true;
            rest = rest.substring(8);
        } else if (rest.regionMatches(true, 0, "http://", 0, 7)) {
            rest = rest.substring(7);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int colon = rest.lastIndexOf(':');
        if (rest.contains("@")) {
            throw new IllegalArgumentException("'" + shown + "' carries user info: give the user and password in the "
                    + "options 'username' and 'password', and only host:port here");
        }
        if (rest.isEmpty() || colon <= 0 || colon == rest.length() - 1 || rest.contains("/")) {
            throw new IllegalArgumentException(
                    "'" + shown + "' is not host:port (for example 127.0.0.1:8030, the FE's http_port)");
        }
        String host = rest.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + shown + "' has no numeric port");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + shown + "' has port " + port + ", outside 1..65535");
        }
        return new FeNode(https, host, port);
    }

    /** The entry with anything up to an {@code @} hidden: a user may have put {@code user:password@} there. */
    private static String withoutUserInfo(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return text.trim();
        }
        int scheme = text.indexOf("://");
        String start = scheme >= 0 && scheme < at ? text.substring(0, scheme + 3) : "";
        return (start + "****" + text.substring(at)).trim();
    }

    public boolean isHttps() {
        return https;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code http://host:port} or {@code https://host:port}, without a trailing slash. */
    public String baseUrl() {
        return (https ? "https://" : "http://") + host + ':' + port;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FeNode)) {
            return false;
        }
        FeNode other = (FeNode) o;
        return https == other.https && port == other.port && host.equals(other.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(https, host, port);
    }

    @Override
    public String toString() {
        return baseUrl();
    }
}
