package io.doris2pc.connector.sink;

import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.function.HashFunction;
import org.apache.flink.cdc.common.function.HashFunctionProvider;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.sink.DefaultDataChangeEventHashFunctionProvider;

import javax.annotation.Nullable;

/**
 * Where Flink CDC 3.2.0's {@code PrePartitionOperator} sends each row: to one of {@code writersPerTable} consecutive
 * sink subtasks, starting at one chosen by the table's name, the key picking among them. One key therefore always
 * reaches the same subtask (its changes stay in order), and one table's rows reach at most {@code writersPerTable}
 * subtasks, each holding one transaction of it per checkpoint. Flink CDC's default hash spreads every table over
 * every subtask: active tables x parallelism transactions.
 *
 * <p>The operator takes the returned value modulo the sink parallelism, which the composer also passes here.
 */
final class TableAffinity implements HashFunctionProvider<DataChangeEvent> {

    private static final long serialVersionUID = 1L;

    private final int parallelism;
    private final int writersPerTable;

    TableAffinity(int parallelism, int writersPerTable) {
        if (parallelism < 1 || writersPerTable < 1) {
            throw new IllegalArgumentException(
                    "parallelism " + parallelism + " and writers per table " + writersPerTable + " must be positive");
        }
        this.parallelism = parallelism;
        this.writersPerTable = Math.min(writersPerTable, parallelism);
    }

    @Override
    public HashFunction<DataChangeEvent> getHashFunction(@Nullable TableId tableId, Schema schema) {
        HashFunction<DataChangeEvent> keyHash =
                new DefaultDataChangeEventHashFunctionProvider().getHashFunction(tableId, schema);
        int first = tableId == null ? 0 : firstSubtask(tableId);
        if (writersPerTable == 1) {
            return event -> first;
        }
        return event -> (first + keyHash.hashcode(event) % writersPerTable) % parallelism;
    }

    /** The first subtask of a table: a hash of its name, the same in every JVM and attempt. */
    int firstSubtask(TableId tableId) {
        return Math.floorMod(spread(tableId.toString().hashCode()), parallelism);
    }

    /** Murmur3's finalizer: similar table names (t_1, t_2, ...) land on unrelated subtasks. */
    private static int spread(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
