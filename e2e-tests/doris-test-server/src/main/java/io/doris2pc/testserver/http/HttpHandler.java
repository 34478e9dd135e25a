package io.doris2pc.testserver.http;

import java.io.IOException;

/** Serves one request of an {@link HttpServer}; answers through the exchange. */
@FunctionalInterface
public interface HttpHandler {
    void handle(HttpExchange exchange) throws IOException;
}
