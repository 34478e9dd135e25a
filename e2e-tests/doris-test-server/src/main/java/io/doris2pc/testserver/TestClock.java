package io.doris2pc.testserver;

import java.time.Duration;
import java.time.Instant;

/**
 * The time the test server's transaction manager sees: it moves only when a test advances it, so
 * timeouts of an hour or twelve are reached in an instant. Expiry is checked lazily on each request.
 */
public final class TestClock {
    private Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    public static TestClock startingNow() {
        return new TestClock(Instant.now());
    }

    public synchronized Instant now() {
        return now;
    }

    public synchronized void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + d);
        }
        now = now.plus(d);
    }
}
