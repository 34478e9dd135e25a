package io.doris2pc.connector.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes credentials from any text that may reach an exception message or a log line: the {@code user:password@}
 * part of URLs (a Doris FE writes it into every 307 {@code Location}) and every form of the configured password
 * (raw, URL-encoded, and inside a Basic {@code Authorization} value).
 */
public final class Redactor {

    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#\\s\"]*@");
    private static final String HIDDEN = "****";

    private final List<String> secrets;

    public Redactor(String username, String password) {
        List<String> forms = new ArrayList<>();
        if (password != null && !password.isEmpty()) {
            forms.add(Base64.getEncoder().encodeToString((username + ':' + password).getBytes(StandardCharsets.UTF_8)));
            forms.add(password);
            forms.add(URLEncoder.encode(password, StandardCharsets.UTF_8));
            forms.add(URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        this.secrets = Collections.unmodifiableList(forms);
    }

    /** {@code http://user:pw@host:port/path} becomes {@code http://host:port/path}; other text is kept. */
    public static String stripUserInfo(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceAll("$1");
    }

    /** The text with user info removed from every URL in it and every form of the password replaced. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = stripUserInfo(text);
        for (String secret : secrets) {
            result = result.replace(secret, HIDDEN);
        }
        return result;
    }
}
