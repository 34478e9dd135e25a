package io.doris2pc.connector.sink;

import io.doris2pc.connector.load.StreamLoad;
import io.doris2pc.connector.serialize.NonFiniteFloats;
import io.doris2pc.connector.serialize.RowSerializer;
import io.doris2pc.connector.serialize.TargetColumns;

import org.apache.flink.cdc.common.schema.Schema;

import javax.annotation.Nullable;

import java.time.ZoneId;

/** What the writer holds for one table: its current schema, the serializer built for it, and the open load. */
final class TableWriter {

    private final Schema schema;
    private final RowSerializer serializer;
    @Nullable private StreamLoad load;

    /**
     * @param schema the table's schema as the source announced it
     * @param keyed the same with the Doris table's key as primary key (wider where the table is auto-partitioned)
     */
    TableWriter(Schema schema, Schema keyed, ZoneId zoneId, TargetColumns target, NonFiniteFloats nonFiniteFloats) {
        this.schema = schema;
        this.serializer = new RowSerializer(keyed, zoneId, target, nonFiniteFloats);
    }

    Schema schema() {
        return schema;
    }

    RowSerializer serializer() {
        return serializer;
    }

    /** UNIQUE KEY tables take the delete sign; tables without a primary key are DUPLICATE KEY tables. */
    boolean hasPrimaryKey() {
        return !schema.primaryKeys().isEmpty();
    }

    @Nullable
    StreamLoad load() {
        return load;
    }

    void open(@Nullable StreamLoad load) {
        this.load = load;
    }
}
