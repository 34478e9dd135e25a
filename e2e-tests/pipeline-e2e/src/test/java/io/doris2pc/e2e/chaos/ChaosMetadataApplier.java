package io.doris2pc.e2e.chaos;

import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.SchemaChangeEvent;
import org.apache.flink.cdc.common.event.SchemaChangeEventType;
import org.apache.flink.cdc.common.exceptions.SchemaEvolveException;
import org.apache.flink.cdc.common.sink.MetadataApplier;

import java.util.Set;

/**
 * The real doris2pc metadata applier, plus the {@link FailurePoint#SCHEMA_CHANGE_BEFORE} /
 * {@link FailurePoint#SCHEMA_CHANGE_AFTER} failures around a schema change other than a create table. It runs in
 * the schema registry (the JobManager): its failure fails the whole job.
 */
final class ChaosMetadataApplier implements MetadataApplier {

    private static final long serialVersionUID = 1L;

    private final MetadataApplier delegate;
    private final ChaosRun run;
    private final FailurePoint failure;

    ChaosMetadataApplier(MetadataApplier delegate, ChaosSettings settings) {
        this.delegate = delegate;
        this.run = settings.run();
        this.failure = settings.failure();
    }

    @Override
    public void applySchemaChange(SchemaChangeEvent event) throws SchemaEvolveException {
        boolean alter = !(event instanceof CreateTableEvent);
        if (alter && failure == FailurePoint.SCHEMA_CHANGE_BEFORE) {
            run.fireOnce(failure, "metadata applier, before " + event);
        }
        delegate.applySchemaChange(event);
        if (alter && failure == FailurePoint.SCHEMA_CHANGE_AFTER) {
            run.fireOnce(failure, "metadata applier, after " + event);
        }
    }

    @Override
    public MetadataApplier setAcceptedSchemaEvolutionTypes(Set<SchemaChangeEventType> types) {
        delegate.setAcceptedSchemaEvolutionTypes(types);
        return this;
    }

    @Override
    public boolean acceptsSchemaEvolutionType(SchemaChangeEventType type) {
        return delegate.acceptsSchemaEvolutionType(type);
    }

    @Override
    public Set<SchemaChangeEventType> getSupportedSchemaEvolutionTypes() {
        return delegate.getSupportedSchemaEvolutionTypes();
    }
}
