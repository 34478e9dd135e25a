package io.doris2pc.connector.load;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.doris2pc.connector.config.Doris2pcOptions.BUFFER_COUNT;
import static io.doris2pc.connector.config.Doris2pcOptions.BUFFER_SIZE;
import static io.doris2pc.connector.config.Doris2pcOptions.BUFFER_WAIT_TIMEOUT;

/**
 * The fixed set of write buffers shared by all loads of one writer: the bound on the writer's memory for rows.
 * Buffers are allocated on first use, never more than {@code count}; a writer that finds none free waits for a
 * sending thread to return one (back-pressure), and fails after the wait timeout instead of hanging.
 */
public final class BufferPool {

    private final int count;
    private final int size;
    private final Duration waitTimeout;
    private final ArrayBlockingQueue<LoadBuffer> free;
    private int allocated;

    public BufferPool(int count, int size, Duration waitTimeout) {
        this.count = count;
        this.size = size;
        this.waitTimeout = waitTimeout;
        this.free = new ArrayBlockingQueue<>(count);
    }

    /** A free buffer, or null when all are in use. */
    LoadBuffer tryAcquire() {
        LoadBuffer buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        synchronized (this) {
            if (allocated < count) {
                allocated++;
                return new LoadBuffer(size);
            }
        }
        return free.poll();
    }

    /**
     * Waits for a free buffer for at most the wait timeout.
     *
     * @param loadName table and label of the load that waits, for the error message
     */
    LoadBuffer acquire(String loadName) throws IOException {
        LoadBuffer buffer = tryAcquire();
        if (buffer != null) {
            return buffer;
        }
        try {
            buffer = free.poll(waitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for a write buffer for " + loadName);
        }
        if (buffer == null) {
            throw new IOException(
                    "Doris accepted no data for " + waitTimeout + " ('" + BUFFER_WAIT_TIMEOUT.key() + "'): all "
                            + count + " write buffers ('" + BUFFER_COUNT.key() + "') of " + size + " bytes ('"
                            + BUFFER_SIZE.key() + "') stayed waiting to be sent while writing " + loadName
                            + ". Check that the Doris backends are up and accept Stream Loads, or raise '"
                            + BUFFER_WAIT_TIMEOUT.key() + "'.");
        }
        return buffer;
    }

    void release(LoadBuffer buffer) {
        buffer.length = 0;
        free.add(buffer);
    }

    /** The most buffers this pool ever holds. */
    public int capacity() {
        return count;
    }

    /** Buffers not held by any load: free ones plus those not yet allocated. */
    public int available() {
        synchronized (this) {
            return free.size() + count - allocated;
        }
    }

    /** Buffers ever allocated; never more than the pool's count. */
    public synchronized int allocated() {
        return allocated;
    }
}
