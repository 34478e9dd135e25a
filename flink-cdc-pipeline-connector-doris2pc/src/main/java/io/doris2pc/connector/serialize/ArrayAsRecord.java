package io.doris2pc.connector.serialize;

import org.apache.flink.cdc.common.data.ArrayData;
import org.apache.flink.cdc.common.data.DecimalData;
import org.apache.flink.cdc.common.data.LocalZonedTimestampData;
import org.apache.flink.cdc.common.data.MapData;
import org.apache.flink.cdc.common.data.RecordData;
import org.apache.flink.cdc.common.data.StringData;
import org.apache.flink.cdc.common.data.TimestampData;
import org.apache.flink.cdc.common.data.ZonedTimestampData;

/**
 * An {@link ArrayData} seen as a {@link RecordData}, so that array elements, map keys and map values are written by
 * the same {@link ValueWriter}s as columns. One instance per nested writer, re-pointed at each array: no allocation.
 */
final class ArrayAsRecord implements RecordData {

    private ArrayData array;

    ArrayAsRecord of(ArrayData array) {
        this.array = array;
        return this;
    }

    @Override
    public int getArity() {
        return array.size();
    }

    @Override
    public boolean isNullAt(int pos) {
        return array.isNullAt(pos);
    }

    @Override
    public boolean getBoolean(int pos) {
        return array.getBoolean(pos);
    }

    @Override
    public byte getByte(int pos) {
        return array.getByte(pos);
    }

    @Override
    public short getShort(int pos) {
        return array.getShort(pos);
    }

    @Override
    public int getInt(int pos) {
        return array.getInt(pos);
    }

    @Override
    public long getLong(int pos) {
        return array.getLong(pos);
    }

    @Override
    public float getFloat(int pos) {
        return array.getFloat(pos);
    }

    @Override
    public double getDouble(int pos) {
        return array.getDouble(pos);
    }

    @Override
    public byte[] getBinary(int pos) {
        return array.getBinary(pos);
    }

    @Override
    public StringData getString(int pos) {
        return array.getString(pos);
    }

    @Override
    public DecimalData getDecimal(int pos, int precision, int scale) {
        return array.getDecimal(pos, precision, scale);
    }

    @Override
    public TimestampData getTimestamp(int pos, int precision) {
        return array.getTimestamp(pos, precision);
    }

    @Override
    public ZonedTimestampData getZonedTimestamp(int pos, int precision) {
        return array.getZonedTimestamp(pos, precision);
    }

    @Override
    public LocalZonedTimestampData getLocalZonedTimestampData(int pos, int precision) {
        return array.getLocalZonedTimestamp(pos, precision);
    }

    @Override
    public ArrayData getArray(int pos) {
        return array.getArray(pos);
    }

    @Override
    public MapData getMap(int pos) {
        return array.getMap(pos);
    }

    @Override
    public RecordData getRow(int pos, int numFields) {
        return array.getRecord(pos, numFields);
    }
}
