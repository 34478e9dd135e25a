package io.doris2pc.cdc35;

import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DropTableEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.SchemaChangeEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.utils.SchemaUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private volatile boolean checkpointsBlocked;

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
     * Once: no checkpoint completes from now on (the source declines them), and after emitting {@code step} the
     * source waits for {@link #releaseFailure}, then throws: the job restores to the checkpoint before the step.
     */
    void failOnceAfter(int step) {
        checkpointsBlocked = true;
        failAfterStep.set(step);
    }

    void releaseFailure() {
        failureReleased = true;
    }

    boolean checkpointsBlocked() {
        return checkpointsBlocked;
    }

    void unblockCheckpoints() {
        checkpointsBlocked = false;
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

    /** A CreateTableEvent for every table the steps before {@code step} created and did not drop, as it was then. */
    List<Event> tablesBefore(int step) {
        Map<TableId, Schema> tables = new LinkedHashMap<>();
        for (List<Event> events : steps.subList(0, step)) {
            for (Event event : events) {
                if (event instanceof CreateTableEvent) {
                    tables.put(((CreateTableEvent) event).tableId(), ((CreateTableEvent) event).getSchema());
                } else if (event instanceof DropTableEvent) {
                    tables.remove(((DropTableEvent) event).tableId());
                } else if (event instanceof SchemaChangeEvent) {
                    SchemaChangeEvent change = (SchemaChangeEvent) event;
                    tables.computeIfPresent(change.tableId(),
                            (id, schema) -> SchemaUtils.applySchemaChangeEvent(schema, change));
                }
            }
        }
        List<Event> creates = new ArrayList<>();
        tables.forEach((id, schema) -> creates.add(new CreateTableEvent(id, schema)));
        return creates;
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
