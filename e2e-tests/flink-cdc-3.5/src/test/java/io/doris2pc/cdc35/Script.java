package io.doris2pc.cdc35;

import org.apache.flink.cdc.common.event.Event;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The events a {@link ScriptedSource} emits, in steps, and how far the test lets it go: the test thread releases
 * step after step and watches Doris in between. Shared through a static registry because the job runs in this
 * JVM's MiniCluster, while the source itself is serialized with the job.
 */
final class Script {

    private static final Map<String, Script> RUNNING = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(50);

    private final String name;
    private final List<List<Event>> steps;
    private final AtomicInteger released = new AtomicInteger();
    private final AtomicInteger failAfterStep = new AtomicInteger(-1);
    private final AtomicInteger starts = new AtomicInteger();
    private volatile boolean failureReleased;

    private Script(String name, List<List<Event>> steps) {
        this.name = name;
        this.steps = steps;
    }

    static Script register(String name, List<List<Event>> steps) {
        Script script = new Script(name, steps);
        RUNNING.put(name, script);
        return script;
    }

    static Script named(String name) {
        return RUNNING.get(name);
    }

    String name() {
        return name;
    }

    /** Lets the source emit steps up to and including {@code step}. */
    void release(int step) {
        released.set(step + 1);
    }

    /**
     * Once: after emitting {@code step} the source holds its checkpoint lock (no checkpoint can cover the step) until
     * {@link #releaseFailure}, then throws.
     */
    void failOnceAfter(int step) {
        failAfterStep.set(step);
    }

    void releaseFailure() {
        failureReleased = true;
    }

    boolean failureReleased() {
        return failureReleased;
    }

    /** How often a source subtask opened: 2 after one failover. */
    int starts() {
        return starts.get();
    }

    void started() {
        starts.incrementAndGet();
    }

    int size() {
        return steps.size();
    }

    boolean mayEmit(int step) {
        return step < released.get();
    }

    boolean failsAfter(int step) {
        return failAfterStep.compareAndSet(step, -1);
    }

    List<Event> step(int step) {
        return steps.get(step);
    }

    static void awaitUntil(String description, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + description);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting until " + description, e);
            }
        }
    }
}
