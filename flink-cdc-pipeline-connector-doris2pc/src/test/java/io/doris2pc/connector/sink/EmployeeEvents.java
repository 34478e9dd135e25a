package io.doris2pc.connector.sink;

import org.apache.flink.cdc.common.data.RecordData;
import org.apache.flink.cdc.common.data.binary.BinaryStringData;
import org.apache.flink.cdc.common.event.AddColumnEvent;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DataChangeEvent;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.schema.Column;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataTypes;
import org.apache.flink.cdc.common.types.RowType;
import org.apache.flink.cdc.common.utils.SchemaUtils;
import org.apache.flink.cdc.runtime.typeutils.BinaryRecordDataGenerator;

import java.util.Collections;

/** Schema and change events of a small employees table, as Flink CDC would send them to the sink. */
final class EmployeeEvents {

    final TableId tableId;
    private Schema schema =
            Schema.newBuilder()
                    .physicalColumn("emp_no", DataTypes.INT().notNull())
                    .physicalColumn("first_name", DataTypes.VARCHAR(14))
                    .primaryKey("emp_no")
                    .build();

    EmployeeEvents(String db, String table) {
        this.tableId = TableId.tableId(db, table);
    }

    CreateTableEvent create() {
        return new CreateTableEvent(tableId, schema);
    }

    /** Adds a nullable column at the end; later rows carry a value for it. */
    AddColumnEvent addColumn(String name) {
        AddColumnEvent event =
                new AddColumnEvent(
                        tableId,
                        Collections.singletonList(
                                AddColumnEvent.last(Column.physicalColumn(name, DataTypes.VARCHAR(20)))));
        schema = SchemaUtils.applySchemaChangeEvent(schema, event);
        return event;
    }

    DataChangeEvent insert(int empNo, String firstName, Object... extra) {
        return DataChangeEvent.insertEvent(tableId, row(empNo, firstName, extra));
    }

    DataChangeEvent update(int empNo, String before, String after) {
        return DataChangeEvent.updateEvent(tableId, row(empNo, before), row(empNo, after));
    }

    /** An UPDATE that changes the primary key, as a transform's primary-keys on an updatable column yields. */
    DataChangeEvent updateKey(int fromEmpNo, int toEmpNo, String firstName) {
        return DataChangeEvent.updateEvent(tableId, row(fromEmpNo, firstName), row(toEmpNo, firstName));
    }

    DataChangeEvent delete(int empNo, String firstName) {
        return DataChangeEvent.deleteEvent(tableId, row(empNo, firstName));
    }

    private RecordData row(int empNo, String firstName, Object... extra) {
        RowType rowType = (RowType) schema.toRowDataType();
        Object[] fields = new Object[rowType.getFieldCount()];
        fields[0] = empNo;
        fields[1] = BinaryStringData.fromString(firstName);
        for (int i = 0; i < extra.length; i++) {
            fields[2 + i] = extra[i] == null ? null : BinaryStringData.fromString(extra[i].toString());
        }
        return new BinaryRecordDataGenerator(rowType).generate(fields);
    }
}
