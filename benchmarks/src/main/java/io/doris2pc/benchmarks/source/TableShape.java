package io.doris2pc.benchmarks.source;

import org.apache.flink.cdc.common.schema.Schema;

import java.io.Serializable;

/** The columns of a generated table and the values of its rows, as RecordData field objects. */
public interface TableShape extends Serializable {

    Schema schema();

    /**
     * The row with primary key {@code key}; {@code version} 0 is the inserted row, higher versions are updates.
     * Values are what {@code BinaryRecordDataGenerator} takes (Integer days for DATE, StringData, DecimalData,
     * TimestampData).
     */
    Object[] values(long key, int version);

    /** A shape by its name on the command line: {@code employees} or {@code wide}. */
    static TableShape named(String name) {
        switch (name) {
            case "employees":
                return new EmployeesShape();
            case "wide":
                return new WideShape();
            default:
                throw new IllegalArgumentException("Unknown table shape '" + name + "': employees or wide");
        }
    }
}
