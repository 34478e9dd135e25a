package io.doris2pc.testserver.http;

import io.doris2pc.testserver.auth.Account;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Checks HTTP Basic credentials against the cluster's accounts ({@code user@default_cluster} accepted). */
public final class BasicAuth {
    private final Account admin;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    public BasicAuth(Account admin) {
        this.admin = admin;
        accounts.put(admin.name(), admin);
    }

    public void add(Account account) {
        accounts.put(account.name(), account);
    }

    public String user() {
        return admin.name();
    }

    public String password() {
        return admin.password();
    }

    public Account admin() {
        return admin;
    }

    /** Null when the credentials are right, else Doris's refusal text. */
    public String refusal(HttpExchange exchange) {
        String header = exchange.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return "Need auth information.";
        }
        String[] credentials = credentials(header);
        if (credentials == null) {
            return "Invalid auth information.";
        }
        if (matching(credentials) != null) {
            return null;
        }
        return "Access denied for user '" + credentials[0] + "@" + exchange.remoteHost() + "' (using password: "
                + (credentials[1].isEmpty() ? "NO" : "YES") + ")";
    }

    /** Whether the request carries a Basic header that decodes (right or wrong credentials). */
    public boolean hasBasicCredentials(HttpExchange exchange) {
        String header = exchange.header("Authorization");
        return header != null && header.regionMatches(true, 0, "Basic ", 0, 6) && credentials(header) != null;
    }

    /** The account whose credentials the request carries; null when {@link #refusal} is not. */
    public Account account(HttpExchange exchange) {
        String header = exchange.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String[] credentials = credentials(header);
        return credentials == null ? null : matching(credentials);
    }

    private Account matching(String[] credentials) {
        Account account = accounts.get(credentials[0]);
        return account != null && account.password().equals(credentials[1]) ? account : null;
    }

    /** {user, password}, without {@code @default_cluster}; null when the header does not decode. */
    private static String[] credentials(String header) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        String user = colon >= 0 ? decoded.substring(0, colon) : decoded;
        String password = colon >= 0 ? decoded.substring(colon + 1) : "";
        if (user.endsWith("@default_cluster")) {
            user = user.substring(0, user.length() - "@default_cluster".length());
        }
        return new String[] {user, password};
    }
}
