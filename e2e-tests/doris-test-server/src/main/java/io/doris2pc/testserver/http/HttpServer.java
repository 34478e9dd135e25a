package io.doris2pc.testserver.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ServerSocketFactory;

/**
 * A small HTTP/1.1 server: one daemon thread per connection, keep-alive, Content-Length and chunked
 * request bodies. Written by hand because {@code com.sun.net.httpserver} answers {@code 100 Continue}
 * on its own, which a Doris FE never does before its redirect.
 */
public final class HttpServer implements AutoCloseable {
    private final String name;
    private final ServerSocket serverSocket;
    private final HttpHandler handler;
    private final Supplier<Duration> responseDelay;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Bumped by {@link #dropConnections()}: a connection accepted before may not serve another request. */
    private volatile int generation;

    private HttpServer(String name, ServerSocket serverSocket, HttpHandler handler, Supplier<Duration> responseDelay) {
        this.name = name;
        this.serverSocket = serverSocket;
        this.handler = handler;
        this.responseDelay = responseDelay;
    }

    /** Binds 127.0.0.1:port (0 = a free port) with the given socket factory and starts accepting. */
    public static HttpServer start(
            String name, int port, ServerSocketFactory sockets, HttpHandler handler, Supplier<Duration> responseDelay)
            throws IOException {
        ServerSocket serverSocket = sockets.createServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        HttpServer server = new HttpServer(name, serverSocket, handler, responseDelay);
        Thread acceptor = new Thread(server::acceptLoop, name + "-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Closes every open connection; the listening socket stays, as after a process restart. */
    public void dropConnections() {
        generation++;
        for (Socket s : connections) {
            closeQuietly(s);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        dropConnections();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                connections.add(socket);
                Thread t = new Thread(() -> serve(socket), name + "-conn-" + socket.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        int born = generation;
        try (Socket s = socket) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
            String remoteHost = s.getInetAddress().getHostAddress();
            while (!closed) {
                HttpExchange exchange = readRequest(in, out, remoteHost);
                // a read racing with dropConnections() may still return a request: it must not be served
                if (exchange == null || generation != born) {
                    return;
                }
                handler.handle(exchange);
                if (exchange.abandoned()) {
                    return;
                }
                if (!exchange.responded()) {
                    exchange.respond(500, "text/plain", "no answer".getBytes(StandardCharsets.UTF_8), Map.of());
                }
                if (exchange.closesConnection() || exchange.bodyWithheld()) {
                    return;
                }
                drain(exchange.rawBody());
            }
        } catch (SocketException e) {
            // the peer or dropConnections() closed the socket: nothing to answer
        } catch (IOException e) {
            // a broken request or connection ends this connection only
        } finally {
            connections.remove(socket);
        }
    }

    private HttpExchange readRequest(InputStream in, OutputStream out, String remoteHost) throws IOException {
        String requestLine = HttpLines.readLine(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length < 3) {
            throw new IOException("bad request line");
        }
        Map<String, String> headers = new HashMap<>();
        String line;
        while ((line = HttpLines.readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        InputStream body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = new ChunkedInputStream(in);
        } else if (headers.containsKey("content-length")) {
            body = new BoundedInputStream(in, Long.parseLong(headers.get("content-length")));
        } else {
            body = InputStream.nullInputStream();
        }
        return new HttpExchange(parts[0], parts[1], headers, body, out, remoteHost, responseDelay);
    }

    private static void drain(InputStream body) throws IOException {
        byte[] buf = new byte[8192];
        while (body.read(buf) >= 0) {
            // discard what the handler did not read, so the next request starts at its first byte
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }
}
