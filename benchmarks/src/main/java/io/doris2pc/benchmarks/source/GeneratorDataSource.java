package io.doris2pc.benchmarks.source;

import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.source.DataSource;
import org.apache.flink.cdc.common.source.EventSourceProvider;
import org.apache.flink.cdc.common.source.FlinkSourceFunctionProvider;
import org.apache.flink.cdc.common.source.MetadataAccessor;

import java.util.List;

/** The generated table as a Flink CDC DataSource. */
final class GeneratorDataSource implements DataSource {
    private final TableId tableId;
    private final TableShape shape;
    private final long rows;

    GeneratorDataSource(TableId tableId, TableShape shape, long rows) {
        this.tableId = tableId;
        this.shape = shape;
        this.rows = rows;
    }

    @Override
    public EventSourceProvider getEventSourceProvider() {
        return FlinkSourceFunctionProvider.of(new ChangeEventGenerator(tableId, shape, rows));
    }

    @Override
    public MetadataAccessor getMetadataAccessor() {
        return new MetadataAccessor() {
            @Override
            public List<String> listNamespaces() {
                return List.of();
            }

            @Override
            public List<String> listSchemas(String namespace) {
                return List.of(tableId.getSchemaName());
            }

            @Override
            public List<TableId> listTables(String namespace, String schemaName) {
                return List.of(tableId);
            }

            @Override
            public Schema getTableSchema(TableId table) {
                return shape.schema();
            }
        };
    }
}
