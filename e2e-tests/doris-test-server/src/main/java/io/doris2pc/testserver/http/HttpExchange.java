package io.doris2pc.testserver.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One request and its answer. The body is not read until the handler asks for it, so a handler can
 * answer (for example redirect) before the client sends a single body byte.
 */
public final class HttpExchange {
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, String> headers;
    private final InputStream body;
    private final OutputStream out;
    private final String remoteHost;
    private final Supplier<Duration> responseDelay;
    private boolean continueSent;
    private boolean responded;
    private boolean closeAfterResponse;
    private boolean abandoned;

    HttpExchange(
            String method,
            String target,
            Map<String, String> headers,
            InputStream body,
            OutputStream out,
            String remoteHost,
            Supplier<Duration> responseDelay) {
        this.method = method;
        int q = target.indexOf('?');
        this.rawPath = q >= 0 ? target.substring(0, q) : target;
        this.rawQuery = q >= 0 ? target.substring(q + 1) : null;
        this.headers = headers;
        this.body = body;
        this.out = out;
        this.remoteHost = remoteHost;
        this.responseDelay = responseDelay;
    }

    public String method() {
        return method;
    }

    public String rawPath() {
        return rawPath;
    }

    /** The path split at '/', each segment percent-decoded; no empty segments. */
    public List<String> pathSegments() {
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(decode(s));
            }
        }
        return segments;
    }

    /** The raw query string without '?', or null when the target had none. */
    public String rawQuery() {
        return rawQuery;
    }

    public String queryParam(String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq >= 0 ? pair.substring(0, eq) : pair);
            if (key.equals(name)) {
                return eq >= 0 ? decode(pair.substring(eq + 1)) : "";
            }
        }
        return null;
    }

    /** Header value by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** All headers, names in lower case. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    public String remoteHost() {
        return remoteHost;
    }

    /** The request body; sends {@code 100 Continue} first when the client waits for it. */
    public InputStream body() throws IOException {
        if (!continueSent && "100-continue".equalsIgnoreCase(header("Expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            continueSent = true;
        }
        return body;
    }

    /** Whether the client may still send a body the handler never asked for. */
    boolean bodyWithheld() {
        return !continueSent && "100-continue".equalsIgnoreCase(header("Expect"));
    }

    InputStream rawBody() {
        return body;
    }

    public void respondJson(String json) throws IOException {
        respond(200, "application/json", json.getBytes(StandardCharsets.UTF_8), Collections.emptyMap());
    }

    public void redirect(String location) throws IOException {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Location", location);
        respond(307, "text/plain", new byte[0], extra);
    }

    public void respond(int status, String contentType, byte[] content, Map<String, String> extraHeaders)
            throws IOException {
        if (responded) {
            throw new IllegalStateException("already answered");
        }
        responded = true;
        sleep(responseDelay.get());
        StringBuilder head = new StringBuilder();
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        head.append("Content-Type: ").append(contentType).append("; charset=UTF-8\r\n");
        head.append("Content-Length: ").append(content.length).append("\r\n");
        for (Map.Entry<String, String> h : extraHeaders.entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        head.append("Connection: ").append(closeAfterResponse ? "close" : "keep-alive").append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.flush();
    }

    /** Close the connection after the answer instead of keeping it alive. */
    public void closeAfterResponse() {
        closeAfterResponse = true;
    }

    /** Close the connection without answering, as a crashed or unreachable server would. */
    public void abandon() {
        abandoned = true;
        closeAfterResponse = true;
    }

    boolean responded() {
        return responded;
    }

    boolean closesConnection() {
        return closeAfterResponse;
    }

    boolean abandoned() {
        return abandoned;
    }

    private static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 307:
                return "Temporary Redirect";
            case 400:
                return "Bad Request";
            case 404:
                return "Not Found";
            case 503:
                return "Service Unavailable";
            default:
                return "Status";
        }
    }
}
