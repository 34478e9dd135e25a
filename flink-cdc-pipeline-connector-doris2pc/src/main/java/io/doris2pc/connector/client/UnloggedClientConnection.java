package io.doris2pc.connector.client;

import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.MonitoringResponseOutOfOrderStrategy;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An HTTP/1.1 connection to Doris that never logs headers or wire bytes. httpclient5's own pooled connection logs
 * every header and byte at DEBUG (its {@code headers} and {@code wire} loggers, which the connector jar relocates
 * under {@code io.doris2pc}): whoever raised {@code io.doris2pc} to DEBUG would find the Authorization header and the
 * {@code user:password@} Doris writes into every redirect Location in the logs.
 */
final class UnloggedClientConnection extends DefaultBHttpClientConnection implements ManagedHttpClientConnection {

    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Timeout socketTimeout;

    private UnloggedClientConnection() {
        // notices a response that arrives while a body is still being sent (Doris refusing a load early)
        super(Http1Config.DEFAULT, null, null, null, null, MonitoringResponseOutOfOrderStrategy.INSTANCE, null, null);
    }

    /** What the connection pool creates its connections with. */
    static HttpConnectionFactory<ManagedHttpClientConnection> factory() {
        return socket -> {
            UnloggedClientConnection connection = new UnloggedClientConnection();
            if (socket != null) {
                connection.bind(socket);
            }
            return connection;
        };
    }

    @Override
    public void bind(Socket socket) throws IOException {
        bind(new SocketHolder(socket));
    }

    @Override
    public void bind(SocketHolder socketHolder) throws IOException {
        if (closed.get()) {
            socketHolder.getSocket().close();
            throw new InterruptedIOException("Connection already shut down");
        }
        super.bind(socketHolder);
        socketTimeout = Timeout.ofMilliseconds(socketHolder.getSocket().getSoTimeout());
    }

    @Override
    public Socket getSocket() {
        SocketHolder holder = getSocketHolder();
        return holder == null ? null : holder.getSocket();
    }

    @Override
    public SSLSession getSSLSession() {
        Socket socket = getSocket();
        return socket instanceof SSLSocket ? ((SSLSocket) socket).getSession() : null;
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        super.setSocketTimeout(timeout);
        socketTimeout = timeout;
    }

    /** An idle pooled connection waits without a timeout; {@link #activate} restores it. */
    @Override
    public void passivate() {
        super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
    }

    @Override
    public void activate() {
        super.setSocketTimeout(socketTimeout);
    }

    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            super.close();
        }
    }

    @Override
    public void close(CloseMode closeMode) {
        if (closed.compareAndSet(false, true)) {
            super.close(closeMode);
        }
    }
}
