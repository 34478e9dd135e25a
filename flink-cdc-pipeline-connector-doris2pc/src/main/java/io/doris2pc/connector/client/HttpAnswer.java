package io.doris2pc.connector.client;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/** The status, {@code Location} and body text of one HTTP answer from Doris. */
public final class HttpAnswer {

    private static final int SHORT_BODY = 300;

    private final int status;
    private final String location;
    private final String body;

    HttpAnswer(int status, String location, String body) {
        this.status = status;
        this.location = location;
        this.body = body;
    }

    /**
     * Sends {@code request} (whose URI carries no credentials) and reads the whole answer.
     *
     * @throws NodeUnavailableException on a transport failure or an HTTP 5xx, naming the URI and status
     */
    public static HttpAnswer send(CloseableHttpClient http, ClassicHttpRequest request, Redactor redactor)
            throws NodeUnavailableException {
        HttpAnswer answer;
        try {
            answer = http.execute(
                    request,
                    response -> {
                        Header location = response.getFirstHeader(HttpHeaders.LOCATION);
                        String body = response.getEntity() == null
                                ? ""
                                : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                        return new HttpAnswer(response.getCode(), location == null ? null : location.getValue(), body);
                    });
        } catch (IOException e) {
            throw new NodeUnavailableException(
                    request.getMethod() + ' ' + target(request, redactor) + " failed: " + redactor.redact(e.toString()), e);
        }
        if (answer.status >= 500) {
            throw new NodeUnavailableException(
                    request.getMethod() + ' ' + target(request, redactor) + " answered HTTP " + answer.status + ": "
                            + redactor.redact(answer.shortBody()),
                    null);
        }
        return answer;
    }

    private static String target(ClassicHttpRequest request, Redactor redactor) {
        try {
            return redactor.redact(request.getUri().toString());
        } catch (URISyntaxException e) {
            return redactor.redact(request.getRequestUri());
        }
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public boolean isRedirect() {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * Where a redirect points, without the {@code user:password@} Doris puts into it.
     *
     * @param requested the URI that was redirected, to resolve a relative Location against
     */
    public URI redirectTarget(URI requested) throws IOException {
        if (location == null || location.isEmpty()) {
            throw new IOException("HTTP " + status + " from " + requested + " has no Location header");
        }
        String stripped = Redactor.stripUserInfo(location);
        try {
            return requested.resolve(new URI(stripped));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("HTTP " + status + " from " + requested + " has a Location that is not a valid URI");
        }
    }

    /** The body cut to a length fit for an error message (not yet redacted). */
    public String shortBody() {
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= SHORT_BODY ? flat : flat.substring(0, SHORT_BODY) + "...";
    }
}
