package io.doris2pc.connector.schema;

import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.client.DorisRefusalHints;
import io.doris2pc.connector.client.DorisSqlException;
import io.doris2pc.connector.client.DorisSqlExecutor;
import io.doris2pc.connector.config.Doris2pcOptions;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.ExistingTable.ExistingColumn;

import org.apache.flink.cdc.common.event.AddColumnEvent;
import org.apache.flink.cdc.common.event.AlterColumnTypeEvent;
import org.apache.flink.cdc.common.event.CreateTableEvent;
import org.apache.flink.cdc.common.event.DropColumnEvent;
import org.apache.flink.cdc.common.event.RenameColumnEvent;
import org.apache.flink.cdc.common.event.SchemaChangeEvent;
import org.apache.flink.cdc.common.event.SchemaChangeEventType;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.exceptions.SchemaEvolveException;
import org.apache.flink.cdc.common.exceptions.UnsupportedSchemaChangeEventException;
import org.apache.flink.cdc.common.schema.Column;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.sink.MetadataApplier;
import org.apache.flink.cdc.common.types.DataType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.doris2pc.connector.schema.DorisIdentifiers.quote;

/**
 * Applies schema change events to Doris as DDL over the FE's SQL endpoint. The sink TableId's schema name is the
 * Doris database, its table name the table.
 *
 * <p>Idempotent: the framework may apply a change again after a failover (FLINK-36701), so each event is decided
 * against the table's current columns: an existing compatible table, a column already added, dropped, renamed or
 * of the requested type is a no-op. The same re-reading makes a retry after a lost answer safe.
 *
 * <p>Changes are submitted, never awaited. A Doris type change (MODIFY COLUMN) is a heavy alter job that waits for
 * every earlier transaction of the table, the ones the writers pre-committed at the flush before this change
 * included; the writers commit those when they receive the change and wait for the job to finish before they write
 * a row under the new schema (see {@code Doris2pcWriter}, "Heavy schema changes"). So by the time Flink CDC applies
 * the table's next change, its job has finished and the table accepts ALTERs again.
 *
 * <p>A lost answer to an ALTER is retried; when the retry finds the table busy with a job newer than the ones it had
 * before the first attempt, that job is the first attempt's, and the change counts as applied. A table busy with
 * another job (started by someone else, or by an attempt of the pipeline that failed) is waited for, up to
 * {@code table.schema-change.timeout}.
 *
 * <p>Flink CDC 3.3+ also sends TruncateTableEvent and DropTableEvent (opt-in there) and closes the applier. This jar
 * compiles against 3.2.0, which has neither event, so they are recognised by their type's name; {@link #close} is
 * the {@code AutoCloseable.close()} that 3.3+'s MetadataApplier declares. What the 2PC transactions of a truncated
 * or dropped table become is decided by Doris and by the committer ({@code TwoPhaseCommitOutcome.TABLE_DROPPED}).
 */
public class Doris2pcMetadataApplier implements MetadataApplier, Closeable {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(Doris2pcMetadataApplier.class);

    private static final Set<SchemaChangeEventType> SUPPORTED =
            Collections.unmodifiableSet(EnumSet.allOf(SchemaChangeEventType.class));
    private static final String TABLE_NOT_NORMAL = "is not NORMAL";
    private static final String NOTHING_CHANGED = "Nothing is changed";
    private static final Duration LONGEST_POLL = Duration.ofSeconds(5);

    private final Doris2pcSinkConfig config;
    private final DorisDdl ddl;
    private Set<SchemaChangeEventType> acceptedTypes = SUPPORTED;
    private transient DorisSqlExecutor executor;
    /** The executor this applier created, and so closes. */
    private transient DorisHttpClient ownedClient;

    public Doris2pcMetadataApplier(Doris2pcSinkConfig config) {
        this(config, null);
    }

    /** With the given executor instead of an HTTP client to the configured FEs. */
    Doris2pcMetadataApplier(Doris2pcSinkConfig config, DorisSqlExecutor executor) {
        this.config = config;
        this.ddl = new DorisDdl(config);
        this.executor = executor;
    }

    @Override
    public MetadataApplier setAcceptedSchemaEvolutionTypes(Set<SchemaChangeEventType> types) {
        Set<SchemaChangeEventType> accepted = EnumSet.noneOf(SchemaChangeEventType.class);
        accepted.addAll(types);
        accepted.retainAll(SUPPORTED);
        this.acceptedTypes = Collections.unmodifiableSet(accepted);
        return this;
    }

    @Override
    public boolean acceptsSchemaEvolutionType(SchemaChangeEventType type) {
        return acceptedTypes.contains(type);
    }

    @Override
    public Set<SchemaChangeEventType> getSupportedSchemaEvolutionTypes() {
        return SUPPORTED;
    }

    @Override
    public void applySchemaChange(SchemaChangeEvent event) throws SchemaEvolveException {
        TableId id = event.tableId();
        if (id.getSchemaName() == null) {
            throw new SchemaEvolveException(
                    event,
                    "Sink table '" + id + "' has no database: doris2pc writes to <database>.<table>; route the "
                            + "source table to a two-part sink table (route: sink-table: db.table)");
        }
        String db = id.getSchemaName();
        String table = id.getTableName();
        String target = event.getType() + " of table " + quote(db, table);
        Duration backoff = config.retryBackoff();
        int transportFailures = 0;
        long busyDeadline = 0;
        Long newestJobBefore = null;
        Duration poll = config.retryBackoff().compareTo(LONGEST_POLL) < 0 ? config.retryBackoff() : LONGEST_POLL;
        while (true) {
            try {
                if (newestJobBefore == null && !(event instanceof CreateTableEvent)) {
                    newestJobBefore = DorisAlterJob.newest(executor(), db, table).map(DorisAlterJob::jobId).orElse(-1L);
                }
                apply(event, db, table);
                return;
            } catch (DorisSqlException e) {
                if (!e.dorisMessage().contains(TABLE_NOT_NORMAL)) {
                    throw new SchemaEvolveException(event, "Failed to apply " + target + ": " + e.getMessage()
                            + DorisRefusalHints.hintFor(e.dorisMessage()), e);
                }
                if (transportFailures > 0 && startedByLostAttempt(db, table, newestJobBefore, event)) {
                    return;
                }
                long now = System.nanoTime();
                if (busyDeadline == 0) {
                    busyDeadline = now + config.schemaChangeTimeout().toNanos();
                    LOG.info("Waiting up to {} for the running alter job of {} to finish before `{}`",
                            config.schemaChangeTimeout(), quote(db, table), e.statement());
                }
                if (now - busyDeadline >= 0) {
                    throw new SchemaEvolveException(event, busyTimeout(target, db, table, e), e);
                }
                sleep(event, Math.min(poll.toNanos(), busyDeadline - now));
                poll = poll.multipliedBy(2).compareTo(LONGEST_POLL) < 0 ? poll.multipliedBy(2) : LONGEST_POLL;
            } catch (IOException e) {
                if (++transportFailures > config.maxRetries()) {
                    throw new SchemaEvolveException(
                            event,
                            "Failed to apply " + target + ": Doris could not be reached after " + transportFailures
                                    + " attempts (" + Doris2pcOptions.MAX_RETRIES.key() + " = " + config.maxRetries()
                                    + "): " + e.getMessage(),
                            e);
                }
                LOG.warn("Attempt {} to apply {} failed, retrying in {}: {}",
                        transportFailures, target, backoff, e.getMessage());
                sleep(event, backoff.toNanos());
                backoff = backoff.multipliedBy(2);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new SchemaEvolveException(event, "Cannot apply " + target + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether the table's running job is newer than every job it had before the first attempt, whose answer was lost. */
    private boolean startedByLostAttempt(String db, String table, Long newestJobBefore, SchemaChangeEvent event) {
        Optional<DorisAlterJob> job;
        try {
            job = DorisAlterJob.newest(executor(), db, table);
        } catch (IOException e) {
            LOG.warn("Cannot list the alter jobs of {}; waiting for the running one: {}", quote(db, table), e.getMessage());
            return false;
        }
        if (newestJobBefore == null || !job.isPresent() || !job.get().isRunning()
                || job.get().jobId() <= newestJobBefore) {
            return false;
        }
        LOG.info("The answer to applying {} of {} was lost; Doris runs it as {}, so it is not sent again",
                event.getType(), quote(db, table), job.get());
        return true;
    }

    private static String busyTimeout(String target, String db, String table, DorisSqlException e) {
        return "Cannot apply " + target + ": another alter job of the table is still running after "
                + Doris2pcOptions.SCHEMA_CHANGE_TIMEOUT.key() + " (see SHOW ALTER TABLE COLUMN FROM " + quote(db)
                + "). It was not started by this change; if it waits for transactions, commit or abort them (or "
                + "CANCEL ALTER TABLE COLUMN FROM " + quote(db, table) + "), then restart the pipeline. "
                + "Last statement: " + e.getMessage();
    }

    private void sleep(SchemaChangeEvent event, long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaEvolveException(event, "Interrupted while applying " + event.getType(), e);
        }
    }

    private void apply(SchemaChangeEvent event, String db, String table) throws IOException {
        if (event instanceof CreateTableEvent) {
            createTable(db, table, ((CreateTableEvent) event).getSchema());
        } else if (event instanceof AddColumnEvent) {
            addColumns(db, table, ((AddColumnEvent) event).getAddedColumns());
        } else if (event instanceof DropColumnEvent) {
            dropColumns(db, table, ((DropColumnEvent) event).getDroppedColumnNames());
        } else if (event instanceof RenameColumnEvent) {
            renameColumns(db, table, ((RenameColumnEvent) event).getNameMapping());
        } else if (event instanceof AlterColumnTypeEvent) {
            alterColumnTypes((AlterColumnTypeEvent) event, db, table);
        } else if (TableEvents.isTruncateTable(event)) {
            execute(db, DorisDdl.truncateTable(db, table));
        } else if (TableEvents.isDropTable(event)) {
            execute(db, DorisDdl.dropTable(db, table));
        } else {
            throw new UnsupportedSchemaChangeEventException(event);
        }
    }

    /**
     * Creates the table, or accepts an existing one with the same key. Columns the existing table lacks are added:
     * a pipeline started again without state announces its tables with their current source schema, which may have
     * gained columns that no earlier run applied (one failed during the ADD COLUMN, or none ran).
     */
    private void createTable(String db, String table, Schema schema) throws IOException {
        String create = ddl.createTable(db, table, schema);
        Optional<ExistingTable> existing = ExistingTable.read(executor(), db, table);
        if (existing.isPresent()) {
            List<String> keys = existing.get().keyColumnNames();
            List<String> dorisKey = config.autoPartitioning().keyed(db, table, schema).primaryKeys();
            if (!dorisKey.isEmpty() && !equalsIgnoreCase(keys, dorisKey)) {
                throw new IllegalStateException(
                        "the table exists with an incompatible schema: its key columns are " + keys
                                + ", the primary key is " + dorisKey);
            }
            List<AddColumnEvent.ColumnWithPosition> missing = missingColumns(existing.get(), schema);
            if (missing.isEmpty()) {
                LOG.info("Table {} exists with a compatible schema; not creating it", quote(db, table));
            } else {
                LOG.info("Table {} exists; adding the columns it lacks: {}", quote(db, table), missing);
                addColumns(db, table, missing);
            }
            return;
        }
        execute(ExistingTable.INFORMATION_SCHEMA, DorisDdl.createDatabase(db));
        execute(db, create);
    }

    /**
     * The schema's columns the table lacks, each placed after the schema column before it, and nullable: the rows
     * already in the table have no value for them (as Flink CDC's lenient schema evolution adds columns).
     */
    private static List<AddColumnEvent.ColumnWithPosition> missingColumns(ExistingTable existing, Schema schema) {
        List<AddColumnEvent.ColumnWithPosition> missing = new ArrayList<>();
        String previous = null;
        for (Column column : schema.getColumns()) {
            if (!existing.column(column.getName()).isPresent()) {
                Column nullable = column.copy(column.getType().nullable());
                missing.add(previous == null
                        ? AddColumnEvent.first(nullable)
                        : AddColumnEvent.after(nullable, previous));
            }
            previous = column.getName();
        }
        return missing;
    }

    private static boolean equalsIgnoreCase(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void addColumns(String db, String table, List<AddColumnEvent.ColumnWithPosition> added)
            throws IOException {
        ExistingTable existing = requireTable(db, table);
        for (AddColumnEvent.ColumnWithPosition add : added) {
            Column column = add.getAddColumn();
            String type = ddl.dorisType(db, table, column.getName(), column.getType(), false);
            Optional<ExistingColumn> present = existing.column(column.getName());
            if (present.isPresent()) {
                if (!ExistingTable.sameType(present.get().type, type)) {
                    throw new IllegalStateException(
                            "column " + quote(column.getName()) + " already exists as " + present.get().type
                                    + ", the event adds it as " + type);
                }
                LOG.info("Column {} of {} exists already; not adding it", quote(column.getName()), quote(db, table));
                continue;
            }
            String after = position(existing, add);
            execute(db, ddl.addColumn(db, table, column, after));
            existing.added(new ExistingColumn(column.getName(), type, true, false, ""), after);
        }
    }

    /** The column to add after, within Doris's rule that value columns follow the key columns; null for last. */
    private static String position(ExistingTable existing, AddColumnEvent.ColumnWithPosition add) {
        String reference = add.getExistedColumnName();
        switch (add.getPosition()) {
            case FIRST:
                return existing.valuePositionAfter(null);
            case AFTER:
                return existing.valuePositionAfter(reference);
            case BEFORE:
                if (!existing.column(reference).isPresent()) {
                    return null;
                }
                return existing.valuePositionAfter(existing.columnBefore(reference));
            default:
                return null;
        }
    }

    private void dropColumns(String db, String table, List<String> dropped) throws IOException {
        ExistingTable existing = requireTable(db, table);
        for (String column : dropped) {
            if (!existing.column(column).isPresent()) {
                LOG.info("Column {} of {} is gone already; not dropping it", quote(column), quote(db, table));
                continue;
            }
            execute(db, DorisDdl.dropColumn(db, table, column));
            existing.dropped(column);
        }
    }

    private void renameColumns(String db, String table, Map<String, String> renames) throws IOException {
        ExistingTable existing = requireTable(db, table);
        for (Map.Entry<String, String> rename : renames.entrySet()) {
            String from = rename.getKey();
            String to = rename.getValue();
            Optional<ExistingColumn> old = existing.column(from);
            boolean caseOnly = from.equalsIgnoreCase(to);
            boolean targetPresent = caseOnly
                    ? old.isPresent() && old.get().name.equals(to)
                    : existing.column(to).isPresent();
            if (targetPresent && (caseOnly || !old.isPresent())) {
                LOG.info("Column {} of {} is renamed to {} already", quote(from), quote(db, table), quote(to));
                continue;
            }
            if (!old.isPresent()) {
                throw new IllegalStateException(
                        "neither column " + quote(from) + " nor " + quote(to) + " exists; columns: "
                                + existing.columns());
            }
            if (targetPresent) {
                throw new IllegalStateException(
                        "cannot rename " + quote(from) + " to " + quote(to) + ": both columns exist");
            }
            execute(db, DorisDdl.renameColumn(db, table, old.get().name, to));
            existing.renamed(from, to);
        }
    }

    /**
     * One ALTER with a MODIFY COLUMN per changed column (one Doris alter job), submitted without waiting for the
     * job. Doris cannot make a column NOT NULL after the fact nor change a key's nullability, so a value column
     * stays nullable once it is and a key column keeps its nullability. Each column keeps its default and comment.
     * A column whose type already means the requested one is left alone (Doris refuses a MODIFY that changes
     * nothing). A change Doris refuses fails with {@link UnsupportedSchemaChangeEventException}, which the
     * pipeline's {@code schema.change.behavior: try_evolve} tolerates: the column then keeps its old type.
     */
    private void alterColumnTypes(AlterColumnTypeEvent event, String db, String table) throws IOException {
        ExistingTable existing = requireTable(db, table);
        List<ExistingColumn> columns = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        List<String> dorisTypes = new ArrayList<>();
        for (Map.Entry<String, DataType> change : event.getTypeMapping().entrySet()) {
            ExistingColumn column = existing.column(change.getKey()).orElseThrow(() -> new IllegalStateException(
                    "column " + quote(change.getKey()) + " does not exist; columns: " + existing.columns()));
            String dorisType = ddl.dorisType(db, table, column.name, change.getValue(), column.key);
            if (ExistingTable.sameType(column.type, dorisType) && nullable(column, change.getValue()) == column.nullable) {
                LOG.info("Column {} of {} has type {} already", quote(column.name), quote(db, table), dorisType);
                continue;
            }
            columns.add(column);
            types.add(change.getValue());
            dorisTypes.add(dorisType);
        }
        if (columns.isEmpty()) {
            return;
        }
        Map<String, String> defaults = ExistingTable.defaults(executor(), db, table);
        List<DorisDdl.ColumnTypeChange> modifications = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ExistingColumn column = columns.get(i);
            modifications.add(new DorisDdl.ColumnTypeChange(column.name, types.get(i), column.key,
                    nullable(column, types.get(i)), defaults.get(column.name), column.comment));
        }
        String statement = ddl.modifyColumns(db, table, modifications);
        try {
            execute(db, statement);
        } catch (DorisSqlException e) {
            if (e.dorisMessage().contains(NOTHING_CHANGED)) {
                LOG.info("Doris finds nothing to change in `{}`: the change is applied already", statement);
                return;
            }
            if (!RefusedTypeChange.isRefusal(e.dorisMessage())) {
                throw e;
            }
            throw new UnsupportedSchemaChangeEventException(
                    event, RefusedTypeChange.message(quote(db, table), columns, dorisTypes, e.dorisMessage()), e);
        }
    }

    private static boolean nullable(ExistingColumn column, DataType type) {
        return column.key ? column.nullable : type.isNullable() || column.nullable;
    }

    private ExistingTable requireTable(String db, String table) throws IOException {
        return ExistingTable.read(executor(), db, table)
                .orElseThrow(() -> new IllegalStateException("the table does not exist in Doris"));
    }

    private void execute(String db, String sql) throws IOException {
        LOG.info("Executing in Doris: {}", sql);
        executor().execute(db, sql);
    }

    private DorisSqlExecutor executor() {
        if (executor == null) {
            ownedClient = new DorisHttpClient(config);
            executor = ownedClient;
        }
        return executor;
    }

    /** Closes the HTTP client this applier opened; Flink CDC 3.3+ calls it when the schema coordinator closes. */
    @Override
    public void close() throws IOException {
        if (ownedClient != null) {
            DorisHttpClient client = ownedClient;
            ownedClient = null;
            executor = null;
            client.close();
        }
    }
}
