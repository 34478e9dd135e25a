package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.DorisAuthException;
import io.doris2pc.connector.client.UnknownDatabaseException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Repeats an idempotent Doris call (a commit or abort by transaction id, a label's load state) after transport
 * errors and after answers that only say "not now", {@code maxRetries} times at most, waiting {@code backoff}
 * before the first retry and twice as long before each further one.
 *
 * <p>The retries happen inside the call, on the caller's thread. For the committer that is the point: a
 * transaction whose commit is retried here stays the only one in flight, so nothing committed later (by this
 * committer, or by another subtask after the next checkpoint) can overtake it.
 */
final class DorisRetries {

    private static final Logger LOG = LoggerFactory.getLogger(DorisRetries.class);

    /** A Doris call that may be repeated. */
    interface Call<T> {
        T run() throws IOException;
    }

    /** How the caller waits between attempts. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxRetries;
    private final Duration backoff;
    private final Pause pause;

    DorisRetries(int maxRetries, Duration backoff) {
        this(maxRetries, backoff, duration -> Thread.sleep(duration.toMillis()));
    }

    DorisRetries(int maxRetries, Duration backoff, Pause pause) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative: " + backoff);
        }
        this.maxRetries = maxRetries;
        this.backoff = backoff;
        this.pause = pause;
    }

    int maxRetries() {
        return maxRetries;
    }

    /**
     * Runs {@code call} until it answers with something that is not {@code notNow}, or the retries are used up.
     *
     * @return the first answer that is not {@code notNow}, or the last answer when every attempt was told "not now"
     * @throws IOException the last transport error when the final attempt failed with one; an
     *     {@link InterruptedIOException} when interrupted while waiting
     */
    <T> T call(String what, Call<T> call, Predicate<? super T> notNow) throws IOException {
        for (int retry = 0; ; retry++) {
            if (retry > 0) {
                waitBefore(retry);
            }
            try {
                T answer = call.run();
                if (retry == maxRetries || !notNow.test(answer)) {
                    return answer;
                }
                LOG.warn("{}: Doris answered {}; retrying in {} (retry {} of {})",
                        what, answer, backoffBefore(retry + 1), retry + 1, maxRetries);
            } catch (InterruptedIOException | UnknownDatabaseException | DorisAuthException e) {
                // interrupted, or Doris's definite answer: asking again changes nothing
                throw e;
            } catch (IOException e) {
                if (retry == maxRetries) {
                    throw e;
                }
                LOG.warn("{} failed; retrying in {} (retry {} of {}): {}",
                        what, backoffBefore(retry + 1), retry + 1, maxRetries, e.getMessage());
            }
        }
    }

    /** The wait before the {@code retry}-th retry. */
    Duration backoffBefore(int retry) {
        return backoff.multipliedBy(1L << Math.min(retry - 1, 30));
    }

    private void waitBefore(int retry) throws InterruptedIOException {
        Duration wait = backoffBefore(retry);
        if (wait.isZero()) {
            return;
        }
        try {
            pause.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to retry a Doris request");
        }
    }
}
