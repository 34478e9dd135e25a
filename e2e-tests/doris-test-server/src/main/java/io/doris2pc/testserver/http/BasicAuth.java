package io.doris2pc.testserver.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Checks HTTP Basic credentials against the one user of the cluster ({@code user@default_cluster} accepted). */
public final class BasicAuth {
    private final String user;
    private final String password;

    public BasicAuth(String user, String password) {
        this.user = user;
        this.password = password;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Null when the credentials are right, else Doris's refusal text. */
    public String refusal(HttpExchange exchange) {
        String header = exchange.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "Need auth information.";
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "Invalid auth information.";
        }
        int colon = decoded.indexOf(':');
        String givenUser = colon >= 0 ? decoded.substring(0, colon) : decoded;
        String givenPassword = colon >= 0 ? decoded.substring(colon + 1) : "";
        if (givenUser.endsWith("@default_cluster")) {
            givenUser = givenUser.substring(0, givenUser.length() - "@default_cluster".length());
        }
        if (givenUser.equals(user) && givenPassword.equals(password)) {
            return null;
        }
        return "Access denied for user '" + givenUser + "@" + exchange.remoteHost() + "' (using password: "
                + (givenPassword.isEmpty() ? "NO" : "YES") + ")";
    }
}
