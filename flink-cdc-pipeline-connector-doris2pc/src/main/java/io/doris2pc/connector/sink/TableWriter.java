package io.doris2pc.connector.sink;

import io.doris2pc.connector.load.StreamLoad;
import io.doris2pc.connector.serialize.RowSerializer;

import org.apache.flink.cdc.common.schema.Schema;

import javax.annotation.Nullable;

import java.util.Set;

/**
 * What the writer holds for one table: its current schema, the serializer built for it once the table's first row
 * arrives, and the open load.
 */
final class TableWriter {

    private final Schema schema;
    private final Schema keyed;
    private final Set<String> typeChangedColumns;
    @Nullable private RowSerializer serializer;
    @Nullable private StreamLoad load;

    /**
     * @param schema the table's schema as the source announced it
     * @param keyed the same with the Doris table's key as primary key (wider where the table is auto-partitioned)
     * @param typeChangedColumns the columns whose type the pipeline changed since the serializer was last built
     */
    TableWriter(Schema schema, Schema keyed, Set<String> typeChangedColumns) {
        this.schema = schema;
        this.keyed = keyed;
        this.typeChangedColumns = Set.copyOf(typeChangedColumns);
    }

    Schema schema() {
        return schema;
    }

    Schema keyed() {
        return keyed;
    }

    Set<String> typeChangedColumns() {
        return typeChangedColumns;
    }

    /** Null until {@link #serializeWith} gave the table its serializer. */
    @Nullable
    RowSerializer serializer() {
        return serializer;
    }

    void serializeWith(RowSerializer serializer) {
        this.serializer = serializer;
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
