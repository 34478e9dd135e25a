package io.doris2pc.connector.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written HTTP peer that shows what a client really sends: an FE that answers every load with a 307 (and
 * records the head and any byte after it) and every 2PC request with success, or BEs that misbehave.
 */
final class RawHttpPeer implements AutoCloseable {

    /** What one connection received: the request head, and the bytes that followed it. */
    static final class Received {
        final String head;
        final int bytesAfterHead;
        final String body;

        Received(String head, int bytesAfterHead) {
            this(head, bytesAfterHead, "");
        }

        Received(String head, String body) {
            this(head, body.length(), body);
        }

        private Received(String head, int bytesAfterHead, String body) {
            this.head = head;
            this.bytesAfterHead = bytesAfterHead;
            this.body = body;
        }
    }

    private final ServerSocket server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private RawHttpPeer(ServerSocket server) {
        this.server = server;
    }

    /** An FE that redirects loads to {@code location} and then listens 300 ms for body bytes; 2PC requests succeed. */
    static RawHttpPeer redirectingFe(String location) throws IOException {
        RawHttpPeer peer = new RawHttpPeer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        peer.acceptEach(socket -> {
            String head = readHead(socket.getInputStream());
            if (head.contains("/_stream_load_2pc ")) {
                byte[] aborted = "{\"status\": \"Success\", \"msg\": \"transaction [1] abort successfully.\"}"
                        .getBytes(StandardCharsets.UTF_8);
                socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + aborted.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(aborted);
                socket.getOutputStream().flush();
                return;
            }
            socket.getOutputStream().write(("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + location
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.setSoTimeout(300);
            int extra = 0;
            try {
                while (socket.getInputStream().read() >= 0) {
                    extra++;
                }
            } catch (SocketTimeoutException e) {
                // the client sent nothing more
            } catch (IOException e) {
                // the client closed the connection
            }
            peer.received.add(new Received(head, extra));
        });
        return peer;
    }

    /** A BE that answers 100 Continue to a load and never reads a body byte; its receive buffer is small. */
    static RawHttpPeer stalledBackend() throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReceiveBufferSize(4096);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        RawHttpPeer peer = new RawHttpPeer(server);
        peer.acceptEach(socket -> {
            String head = readHead(socket.getInputStream());
            peer.received.add(new Received(head, 0));
            socket.getOutputStream().write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        });
        return peer;
    }

    /**
     * A BE that accepts a load, reads {@code bytes} of its body, answers {@code json} at once (as a BE whose load
     * failed midway does) and then discards whatever else the client sends.
     */
    static RawHttpPeer backendAnsweringAfter(int bytes, String json) throws IOException {
        RawHttpPeer peer = new RawHttpPeer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        peer.acceptEach(socket -> {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            peer.received.add(new Received(head, 0));
            socket.getOutputStream().write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            in.readNBytes(bytes);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            in.transferTo(OutputStream.nullOutputStream());
        });
        return peer;
    }

    /**
     * A BE that accepts a load and reads its body until the client closes the connection or ends the body with the
     * last chunk; it never answers. Each load's body is recorded when it ends.
     */
    static RawHttpPeer readingBackend() throws IOException {
        RawHttpPeer peer = new RawHttpPeer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        peer.acceptEach(socket -> {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            socket.getOutputStream().write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    body.write(b);
                    if (endsChunkedBody(body.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the client reset the connection
            }
            peer.received.add(new Received(head, body.toString(StandardCharsets.ISO_8859_1)));
        });
        return peer;
    }

    /** Whether a chunked body ends here: the last chunk, alone or after others. */
    static boolean endsChunkedBody(String body) {
        return body.equals("0\r\n\r\n") || body.endsWith("\r\n0\r\n\r\n");
    }

    int port() {
        return server.getLocalPort();
    }

    List<Received> received() {
        return received;
    }

    private interface Conversation {
        void run(Socket socket) throws IOException;
    }

    private void acceptEach(Conversation conversation) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    sockets.add(socket);
                    Thread t = new Thread(() -> {
                        try {
                            conversation.run(socket);
                        } catch (IOException e) {
                            // the client went away
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-http-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
