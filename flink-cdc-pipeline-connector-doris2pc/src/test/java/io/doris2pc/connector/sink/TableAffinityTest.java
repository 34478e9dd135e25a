package io.doris2pc.connector.sink;

import org.apache.flink.cdc.common.data.RecordData;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.function.HashFunction;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.cdc.common.types.RowType;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where {@link TableAffinity} sends rows, as Flink CDC 3.2.0's PrePartitionOperator uses it (value % parallelism). */
class TableAffinityTest {

    private static final int PARALLELISM = 4;

    @Test
    void aTableReachesAtMostWritersPerTableSubtasksAndEachKeyAlwaysTheSameOne() {
        for (int writersPerTable = 1; writersPerTable <= PARALLELISM + 1; writersPerTable++) {
            TableAffinity affinity = new TableAffinity(PARALLELISM, writersPerTable);
            for (int t = 0; t < 50; t++) {
                EmployeeEvents table = new EmployeeEvents("app_db", "table_" + t);
                HashFunction<DataChangeEvent> hash = affinity.getHashFunction(table.tableId, table.create().getSchema());
                Set<Integer> subtasks = new HashSet<>();
                Map<Integer, Integer> subtaskOfKey = new HashMap<>();
                for (int key = 0; key < 200; key++) {
                    int subtask = hash.hashcode(table.insert(key, "a")) % PARALLELISM;
                    subtasks.add(subtask);
                    subtaskOfKey.put(key, subtask);
                    assertEquals(subtask, hash.hashcode(table.update(key, "a", "b")) % PARALLELISM);
                    assertEquals(subtask, hash.hashcode(table.delete(key, "b")) % PARALLELISM);
                }
                HashFunction<DataChangeEvent> again =
                        new TableAffinity(PARALLELISM, writersPerTable)
                        .getHashFunction(table.tableId, table.create().getSchema());
                for (int key = 0; key < 200; key++) {
                    assertEquals(subtaskOfKey.get(key), again.hashcode(table.insert(key, "c")) % PARALLELISM,
                            "the same subtask in another attempt");
                }
                assertEquals(Math.min(writersPerTable, PARALLELISM), subtasks.size(),
                        table.tableId + " with " + writersPerTable + " writers per table: " + subtasks);
            }
        }
    }

    @Test
    void tablesSpreadOverAllSubtasks() {
        TableAffinity affinity = new TableAffinity(PARALLELISM, 1);
        int[] tablesPerSubtask = new int[PARALLELISM];
        for (int t = 0; t < 1000; t++) {
            tablesPerSubtask[affinity.firstSubtask(TableId.tableId("app_db", "table_" + t))]++;
        }
        for (int count : tablesPerSubtask) {
            assertTrue(count > 200 && count < 300, "1000 tables over 4 subtasks: " + Arrays.toString(tablesPerSubtask));
        }
    }

    @Test
    void aTableWithoutPrimaryKeyStaysOnOneSubtask() {
        Schema noKey = Schema.newBuilder().physicalColumn("v", DataTypes.INT()).build();
        TableId id = TableId.tableId("app_db", "log");
        HashFunction<DataChangeEvent> hash = new TableAffinity(PARALLELISM, 2).getHashFunction(id, noKey);
        Set<Integer> subtasks = new HashSet<>();
        for (int v = 0; v < 100; v++) {
            RecordData row = new BinaryRecordDataGenerator((RowType) noKey.toRowDataType()).generate(new Object[] {v});
            subtasks.add(hash.hashcode(DataChangeEvent.insertEvent(id, row)) % PARALLELISM);
        }
        assertEquals(1, subtasks.size(), "rows without a key cannot be told apart, as with Flink CDC's default hash");
    }
}
