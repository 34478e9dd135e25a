package io.doris2pc.testserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A Stream Load whose chunked body is still being sent: the BE has begun its transaction (it answered
 * {@code 100 Continue}), so the transaction stays PREPARE until {@link #finish} or the connection dies.
 */
final class InFlightLoad implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private InFlightLoad(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Opens a JSON-lines load on the BE and waits for {@code 100 Continue}. */
    static InFlightLoad open(DorisTestServer server, String db, String table, String label, String extraHeaders)
            throws IOException {
        Socket s = new Socket("127.0.0.1", server.bePort());
        s.setSoTimeout(10_000);
        InFlightLoad load = new InFlightLoad(s);
        load.out.write(("PUT /api/" + db + "/" + table + "/_stream_load HTTP/1.1\r\nHost: h\r\nAuthorization: "
                + DorisHttp.auth(server.user(), server.password()) + "\r\nExpect: 100-continue\r\n"
                + "Transfer-Encoding: chunked\r\nformat: json\r\nread_json_by_line: true\r\nlabel: " + label + "\r\n"
                + extraHeaders + "\r\n").getBytes(StandardCharsets.UTF_8));
        load.out.flush();
        String head = load.readUntil("\r\n\r\n");
        if (!head.startsWith("HTTP/1.1 100 Continue")) {
            s.close();
            throw new IOException("expected 100 Continue, got: " + head);
        }
        return load;
    }

    static InFlightLoad open(DorisTestServer server, String db, String table, String label) throws IOException {
        return open(server, db, table, label, "");
    }

    /** Sends one chunk of rows. */
    void send(String rows) throws IOException {
        byte[] bytes = rows.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Ends the body and returns the whole HTTP answer (status line, headers, JSON body). */
    String finish() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readUntil("\r\n\r\n");
        int at = head.toLowerCase().indexOf("content-length: ");
        int length = Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)).trim());
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** True once the server has closed the connection (a read sees end of stream or a reset). */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private String readUntil(String end) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            got.write(b);
            if (got.toString(StandardCharsets.UTF_8).endsWith(end)) {
                break;
            }
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
