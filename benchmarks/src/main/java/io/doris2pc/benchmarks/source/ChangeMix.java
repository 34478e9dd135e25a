package io.doris2pc.benchmarks.source;

import org.apache.flink.cdc.common.event.OperationType;

/**
 * Which change the n-th event is, deterministically: of every 10 events 7 insert a new key, 2 update a live key
 * and 1 deletes the oldest live key. Every event is one row in Doris (an update is its after image, a delete
 * the before image with the delete sign), so a sink must land exactly as many rows as events.
 */
final class ChangeMix {
    private long nextInsertKey;
    private long nextDeleteKey;

    /** A change: its type and the key it touches. */
    static final class Change {
        final OperationType type;
        final long key;

        Change(OperationType type, long key) {
            this.type = type;
            this.key = key;
        }
    }

    /** Resumes after {@code emitted} events (after a restore). */
    ChangeMix(long emitted) {
        for (long i = 0; i < emitted; i++) {
            next(i);
        }
    }

    Change next(long index) {
        int slot = (int) (index % 10);
        if (slot < 7 || nextInsertKey - nextDeleteKey < 2) {
            return new Change(OperationType.INSERT, nextInsertKey++);
        }
        if (slot < 9) {
            long live = nextInsertKey - nextDeleteKey;
            return new Change(OperationType.UPDATE, nextDeleteKey + (index * 7919) % live);
        }
        return new Change(OperationType.DELETE, nextDeleteKey++);
    }
}
