package io.doris2pc.benchmarks;

import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.Event;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.function.HashFunction;
import org.apache.flink.cdc.common.function.HashFunctionProvider;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjIntConsumer;

/**
 * Sends events to sink subtasks as Flink CDC 3.2.0's PrePartitionOperator does: a CreateTableEvent to every
 * subtask, a data change to {@code hashcode % parallelism} of the sink's hash function for its table.
 */
final class EventRouter {
    private final HashFunctionProvider<DataChangeEvent> provider;
    private final int parallelism;
    private final Map<TableId, HashFunction<DataChangeEvent>> hashes = new HashMap<>();

    EventRouter(HashFunctionProvider<DataChangeEvent> provider, int parallelism) {
        this.provider = provider;
        this.parallelism = parallelism;
    }

    /** Hands the event to {@code target} once per subtask it goes to, with that subtask's index. */
    void route(Event event, ObjIntConsumer<Event> target) {
        if (event instanceof CreateTableEvent) {
            CreateTableEvent create = (CreateTableEvent) event;
            hashes.put(create.tableId(), provider.getHashFunction(create.tableId(), create.getSchema()));
            for (int subtask = 0; subtask < parallelism; subtask++) {
                target.accept(event, subtask);
            }
        } else if (event instanceof DataChangeEvent) {
            DataChangeEvent change = (DataChangeEvent) event;
            HashFunction<DataChangeEvent> hash = hashes.get(change.tableId());
            if (hash == null) {
                throw new IllegalStateException("A change of " + change.tableId() + " before its CreateTableEvent");
            }
            target.accept(event, hash.hashcode(change) % parallelism);
        } else {
            throw new IllegalArgumentException("Only CreateTableEvents and data changes are routed, not " + event);
        }
    }
}
