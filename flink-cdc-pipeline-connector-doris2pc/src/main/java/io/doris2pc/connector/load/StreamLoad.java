package io.doris2pc.connector.load;

import io.doris2pc.connector.client.HttpAnswer;

import org.apache.hc.client5.http.classic.methods.HttpPut;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One open Stream Load: a Doris transaction in PREPARE whose body is being streamed to a BE. A two-phase-commit load
 * ends PRECOMMITTED; a plain one (at-least-once) ends committed.
 *
 * <p>The writer thread appends rows into a pool buffer; full buffers (and, when the pool runs dry, partial ones) go
 * to the loader's sending thread, which writes each as one HTTP chunk and returns it to the pool. Not thread-safe:
 * {@link #write}, {@link #endBody}, {@link #awaitAnswer} and {@link #abort} belong to one (the writer's) thread.
 */
public final class StreamLoad {

    private static final LoadBuffer END = new LoadBuffer(0);
    private static final LoadBuffer ABORT = new LoadBuffer(0);

    private final StreamLoader loader;
    private final BufferPool pool;
    private final String db;
    private final String table;
    private final String label;
    private final String backend;
    private final HttpPut request;
    /** Buffers the sending thread has yet to write, then END or ABORT: at most every pool buffer and both marks. */
    private final ArrayBlockingQueue<LoadBuffer> outbox;
    /** Completes when the BE asked for the body, or exceptionally when the load ended before. */
    private final CompletableFuture<Void> accepted = new CompletableFuture<>();
    /** Completes with a successful answer, or exceptionally with everything else. */
    private final CompletableFuture<StreamLoadAnswer> answered = new CompletableFuture<>();

    private volatile boolean bodyStarted;
    private volatile boolean answeredBeforeBody;
    private volatile StreamLoadAnswer answer;
    private volatile IOException failure;
    private volatile boolean senderDone;

    private LoadBuffer current;
    private long bytes;
    private boolean bodyEnded;
    private boolean finished;
    private volatile boolean aborted;

    StreamLoad(
            StreamLoader loader,
            BufferPool pool,
            int poolSize,
            String db,
            String table,
            String label,
            String backend,
            HttpPut request) {
        this.loader = loader;
        this.pool = pool;
        this.db = db;
        this.table = table;
        this.label = label;
        this.backend = backend;
        this.request = request;
        this.outbox = new ArrayBlockingQueue<>(poolSize + 2);
        request.setEntity(new LoadBody(this));
    }

    public String db() {
        return db;
    }

    public String table() {
        return table;
    }

    public String label() {
        return label;
    }

    /** Body bytes written so far. */
    public long bytes() {
        return bytes;
    }

    /**
     * Appends bytes to the body (for the writer: one JSON line per call). Waits for a buffer when all are in flight.
     *
     * @throws IOException when the sending side failed (naming table, label and Doris's message), or no buffer
     *     became free within {@code sink.buffer-wait-timeout}
     */
    public void write(byte[] bytes, int offset, int length) throws IOException {
        checkOpen();
        while (length > 0) {
            if (current == null) {
                current = loader.acquireBuffer(this);
            }
            int copied = current.append(bytes, offset, length);
            offset += copied;
            length -= copied;
            this.bytes += copied;
            if (current.isFull()) {
                handOver();
            }
        }
    }

    /** Ends the body without waiting for Doris's answer, so that many loads can finish at once. Idempotent. */
    public void endBody() throws IOException {
        if (bodyEnded) {
            return;
        }
        checkOpen();
        if (current != null) {
            handOver();
        }
        bodyEnded = true;
        outbox.add(END);
        if (senderDone) {
            drainOutbox();
        }
    }

    /**
     * Waits for Doris's answer to a load whose body has ended. On success the transaction is PRECOMMITTED and belongs
     * to whoever commits it (or, for a plain load, committed): a later {@link #abort} leaves it alone. On failure the
     * load is aborted.
     *
     * @throws StreamLoadException when Doris refused the rows (status, message and rejected rows in the message)
     * @throws IOException when no answer arrived in time
     */
    public PreCommittedLoad awaitAnswer() throws IOException {
        if (!bodyEnded) {
            throw new IllegalStateException("endBody() must come before awaitAnswer() for " + name());
        }
        Duration timeout = loader.answerTimeout();
        StreamLoadAnswer ok;
        try {
            ok = answered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            abort();
            throw (IOException) e.getCause();
        } catch (TimeoutException e) {
            abort();
            throw new IOException("The BE at " + backend + " did not answer the Stream Load of " + name()
                    + " within " + timeout + " (twice 'sink.socket-timeout'); the load was aborted");
        } catch (InterruptedException e) {
            abort();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for Doris's answer to " + name());
        }
        finished = true;
        loader.forget(this);
        return new PreCommittedLoad(db, table, label, ok.txnId, ok.loadedRows, ok.filteredRows, bytes, ok.timings);
    }

    /** Whether Doris's answer (or the load's failure) is in, so that {@link #awaitAnswer} would not wait. */
    public boolean answerArrived() {
        return answered.isDone();
    }

    /** {@link #endBody()} then {@link #awaitAnswer()}. */
    public PreCommittedLoad finish() throws IOException {
        try {
            endBody();
        } catch (IOException e) {
            abort();
            throw e;
        }
        return awaitAnswer();
    }

    /**
     * Stops the load: closes its connection (the BE then aborts the PREPARE transaction), returns its buffers, and
     * aborts the transaction by label if Doris may still hold it. Best effort and idempotent; does nothing to a load
     * that {@link #awaitAnswer} already reported pre-committed.
     */
    public void abort() {
        if (aborted || finished) {
            return;
        }
        aborted = true;
        if (current != null) {
            pool.release(current);
            current = null;
        }
        drainOutbox();
        // Close the connection before waking the sending thread: the chunked stream writes its last chunk when it
        // is closed after a failure, and a body ended cleanly would let the BE pre-commit the rows sent so far.
        request.cancel();
        outbox.add(ABORT);
        loader.forget(this);
        StreamLoadAnswer known = answer;
        if (known != null ? known.isSuccess() : bodyStarted) {
            loader.abortTransaction(db, label, name());
        }
    }

    /** Waits until the BE asked for the body; aborts the load and throws if it refused or did not answer. */
    void awaitAccepted(Duration timeout) throws IOException {
        try {
            accepted.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            abort();
            throw (IOException) e.getCause();
        } catch (TimeoutException e) {
            abort();
            throw new IOException("The BE at " + backend + " did not accept the Stream Load of " + name() + " within "
                    + timeout + "; the load was aborted");
        } catch (InterruptedException e) {
            abort();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while starting the Stream Load of " + name());
        }
    }

    /** Hands the partially filled buffer to the sending thread, so that the pool refills while this load idles. */
    void handOverPartialBuffer() {
        if (current != null) {
            handOver();
        }
    }

    /** Runs on a sending thread: the whole HTTP exchange with the BE. */
    void send() {
        try {
            HttpAnswer http;
            StreamLoader.SENDING.set(this);
            try {
                http = HttpAnswer.send(loader.http(), request, loader.redactor());
            } finally {
                StreamLoader.SENDING.remove();
            }
            StreamLoadAnswer parsed = StreamLoadAnswer.parse(http, "The BE at " + backend, loader.redactor());
            answer = parsed;
            if (parsed.isLabelAlreadyExists()) {
                fail(new LabelAlreadyExistsException(name(), table, label, parsed));
            } else if (!parsed.isSuccess()) {
                fail(new StreamLoadException(name(), table, label, parsed, loader.errorLog(parsed.errorUrl)));
            } else if (!bodyStarted) {
                fail(new StreamLoadException("The BE at " + backend + " answered the Stream Load of " + name()
                        + " before receiving its body", table, label, parsed));
            } else {
                answered.complete(parsed);
            }
        } catch (IOException | RuntimeException e) {
            fail(aborted
                    ? new IOException("The Stream Load of " + name() + " was aborted", e)
                    : new IOException("The Stream Load of " + name() + " failed without an answer from Doris: "
                            + loader.redactor().redact(e.getMessage()), e));
        } finally {
            senderDone = true;
            drainOutbox();
        }
    }

    /** Runs on the sending thread once the BE asked for the body (or did not answer in time). */
    void streamBody(OutputStream wire) throws IOException {
        if (answeredBeforeBody) {
            return;
        }
        bodyStarted = true;
        accepted.complete(null);
        CompressedBody out = CompressedBody.over(wire, loader.compression());
        try {
            while (true) {
                LoadBuffer buffer = outbox.poll();
                if (buffer == null) {
                    // the writer has nothing more yet: let Doris have what is buffered in the connection
                    out.flush();
                    buffer = takeNext();
                }
                if (buffer == END) {
                    out.finish();
                    return;
                }
                if (buffer == ABORT) {
                    throw new IOException("aborted");
                }
                try {
                    out.write(buffer.bytes, 0, buffer.length);
                } finally {
                    pool.release(buffer);
                }
            }
        } finally {
            out.release();
        }
    }

    /** Called on the sending thread for every response head; a final answer before the body means a refusal. */
    void onResponseHead(int status) {
        if (status >= 200 && !bodyStarted) {
            answeredBeforeBody = true;
        }
    }

    private LoadBuffer takeNext() throws InterruptedIOException {
        try {
            return outbox.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while streaming " + name());
        }
    }

    private void handOver() {
        outbox.add(current);
        current = null;
        if (senderDone) {
            drainOutbox();
        }
    }

    /** Returns every buffer the sending thread will not write; either thread may race here, each buffer once. */
    private void drainOutbox() {
        LoadBuffer buffer;
        while ((buffer = outbox.poll()) != null) {
            if (buffer != END && buffer != ABORT) {
                pool.release(buffer);
            }
        }
    }

    private void fail(IOException e) {
        failure = e;
        accepted.completeExceptionally(e);
        answered.completeExceptionally(e);
    }

    private void checkOpen() throws IOException {
        if (aborted || bodyEnded) {
            throw new IllegalStateException("The Stream Load of " + name() + " is " + (aborted ? "aborted" : "ended"));
        }
        IOException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    String name() {
        return describe(db, table, label);
    }

    /** How messages name a load: {@code table db.t (label L)}. */
    static String describe(String db, String table, String label) {
        return "table " + db + '.' + table + " (label " + label + ')';
    }

    @Override
    public String toString() {
        return "StreamLoad{" + name() + '}';
    }
}
