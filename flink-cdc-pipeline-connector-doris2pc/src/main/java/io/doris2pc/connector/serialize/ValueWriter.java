package io.doris2pc.connector.serialize;

import org.apache.flink.cdc.common.data.RecordData;

/** Writes the non-null value at one position of a record as a JSON value. Built once per column type. */
@FunctionalInterface
interface ValueWriter {

    void write(RecordData row, int pos, RowBuffer out);
}
