package io.doris2pc.testserver.cluster;

import com.fasterxml.jackson.databind.node.TextNode;
import io.doris2pc.testserver.DorisSqlException;
import io.doris2pc.testserver.TestClock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Databases, tables and their DDL, with Doris's checks and error texts. Runs under the cluster lock. */
public final class Catalog {
    public static final String INFORMATION_SCHEMA = "information_schema";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final TestClock clock;
    private final ClusterSettings settings;
    private final Map<String, Database> databases = new TreeMap<>();
    private final List<SchemaChangeJob> jobs = new ArrayList<>();
    private long nextId = 10001;

    Catalog(TestClock clock, ClusterSettings settings) {
        this.clock = clock;
        this.settings = settings;
    }

    static String timestamp(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneId.systemDefault()).format(STAMP);
    }

    /** The Doris release whose behaviour differences the server follows. */
    public DorisVersion version() {
        return settings.version();
    }

    public Database database(String name) {
        return databases.get(name);
    }

    public Collection<Database> databases() {
        return databases.values();
    }

    public Database requireDatabase(String name) {
        Database db = databases.get(name);
        if (db == null) {
            throw new DorisSqlException("Unknown database '" + name + "'");
        }
        return db;
    }

    public Table requireTable(String dbName, String tableName) {
        Table t = requireDatabase(dbName).table(tableName);
        if (t == null) {
            throw new DorisSqlException("Unknown table '" + tableName + "'");
        }
        return t;
    }

    Table tableById(Database db, long tableId) {
        for (Table t : db.tables()) {
            if (t.id() == tableId) {
                return t;
            }
        }
        return null;
    }

    public void createDatabase(String name, boolean ifNotExists) {
        if (databases.containsKey(name) || INFORMATION_SCHEMA.equalsIgnoreCase(name)) {
            if (ifNotExists) {
                return;
            }
            throw new DorisSqlException("Can't create database '" + name + "'; database exists");
        }
        NameRules.checkDatabase(settings, name);
        databases.put(name, new Database(nextId++, name));
    }

    public void dropDatabase(String name, boolean ifExists) {
        if (databases.remove(name) == null && !ifExists) {
            throw new DorisSqlException("Can't drop database '" + name + "'; database doesn't exist");
        }
    }

    public void createTable(String dbName, TableDefinition def, boolean ifNotExists) {
        NameRules.checkTable(settings, def.name);
        Database db = requireDatabase(dbName);
        if (db.table(def.name) != null) {
            if (ifNotExists) {
                return;
            }
            throw new DorisSqlException("Table '" + def.name + "' already exists");
        }
        checkColumnNames(def.columns);
        KeysType keysType = def.keysType == null ? KeysType.DUP_KEYS : def.keysType;
        List<String> keyNames = def.keysType == null ? defaultSortKeys(def.columns) : def.keyNames;
        List<Column> columns = markKeys(def.columns, keyNames);
        List<String> hash = def.hashColumns;
        if (keysType == KeysType.UNIQUE_KEYS && def.randomDistribution) {
            throw new DorisSqlException("Random distribution for unique key table is unsupported");
        }
        if (hash != null) {
            for (String h : hash) {
                Column c = findColumn(columns, h);
                if (c == null) {
                    throw new DorisSqlException("Distribution column[" + h + "] does not found");
                }
                if (keysType == KeysType.UNIQUE_KEYS && !c.isKey()) {
                    throw new DorisSqlException("Distribution column[" + h + "] is not key column");
                }
            }
        }
        TablePropertyNames.check(def.properties);
        Map<String, String> properties = new LinkedHashMap<>(def.properties);
        checkReplication(properties);
        if (keysType == KeysType.UNIQUE_KEYS) {
            properties.putIfAbsent("enable_unique_key_merge_on_write", "true");
        }
        properties.putIfAbsent("light_schema_change", "true");
        if (def.autoPartition != null) {
            def.autoPartition.validate(columns, keysType, def.keyNames, properties);
        }
        db.put(new Table(nextId++, def.name, columns, keysType, hash == null ? List.of() : hash,
                def.buckets, properties, def.comment, def.autoPartition));
    }

    private void checkColumnNames(List<Column> columns) {
        Set<String> seen = new HashSet<>();
        for (Column c : columns) {
            NameRules.checkColumn(settings, c.name());
            if (!seen.add(c.name().toLowerCase(Locale.ROOT))) {
                throw new DorisSqlException("Duplicate column name '" + c.name() + "'");
            }
        }
        if (columns.isEmpty()) {
            throw new DorisSqlException("Table should contain at least one column");
        }
    }

    /** Keys must be an ordered prefix of the columns and of a type that may be a key. */
    private static List<Column> markKeys(List<Column> columns, List<String> keyNames) {
        if (keyNames.isEmpty()) {
            throw new DorisSqlException("Key columns should not be empty");
        }
        for (int i = 0; i < keyNames.size(); i++) {
            Column key = findColumn(columns, keyNames.get(i));
            if (key == null) {
                throw new DorisSqlException("Key column[" + keyNames.get(i) + "] doesn't exist.");
            }
            if (i >= columns.size() || !columns.get(i).sameNameAs(keyNames.get(i))) {
                throw new DorisSqlException("Key columns should be a ordered prefix of the schema. KeyColumns[" + i
                        + "] (starts from zero) is " + keyNames.get(i) + ", but corresponding column is "
                        + (i < columns.size() ? columns.get(i).name() : "none") + " in the previous columns declaration.");
            }
            String refusal = key.type().keyRefusal(key.name());
            if (refusal != null) {
                throw new DorisSqlException(refusal);
            }
        }
        List<Column> marked = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            marked.add(columns.get(i).asKey(i < keyNames.size()));
        }
        return marked;
    }

    /** A DUPLICATE table without KEY clause sorts by up to 3 leading columns (36 bytes, stopping at text). */
    private static List<String> defaultSortKeys(List<Column> columns) {
        List<String> keys = new ArrayList<>();
        int bytes = 0;
        for (Column c : columns) {
            if (keys.size() == 3 || c.type().keyRefusal(c.name()) != null) {
                break;
            }
            keys.add(c.name());
            bytes += c.type().storageBytes();
            if (bytes >= 36 || c.type().kind() == TypeKind.VARCHAR || c.type().kind() == TypeKind.CHAR) {
                break;
            }
        }
        if (keys.isEmpty()) {
            throw new DorisSqlException("The olap table first column could not be float, double, string or array, "
                    + "struct, map, please use decimal or varchar instead.");
        }
        return keys;
    }

    private void checkReplication(Map<String, String> properties) {
        int replicas = 3;
        if (properties.containsKey("replication_num")) {
            replicas = Integer.parseInt(properties.get("replication_num").trim());
        } else if (properties.containsKey("replication_allocation")) {
            String alloc = properties.get("replication_allocation");
            replicas = Integer.parseInt(alloc.substring(alloc.lastIndexOf(':') + 1).trim());
        }
        if (settings.enforceReplication && replicas > 1) {
            throw new DorisSqlException("Failed to find enough backend, please check the replication num,replication tag "
                    + "and storage medium and avail capacity of backends or maybe all be on decommission state. "
                    + "Create failed replications:" + replicas + ", backends alive:1");
        }
        properties.remove("replication_num");
        properties.put("replication_allocation", "tag.location.default: " + replicas);
    }

    private static Column findColumn(List<Column> columns, String name) {
        for (Column c : columns) {
            if (c.sameNameAs(name)) {
                return c;
            }
        }
        return null;
    }

    public void dropTable(String dbName, String tableName, boolean ifExists) {
        Database db = requireDatabase(dbName);
        Table t = db.remove(tableName);
        if (t == null && !ifExists) {
            throw new DorisSqlException("Unknown table '" + tableName + "'");
        }
        for (SchemaChangeJob job : jobs) {
            if (job.table() == t && !job.state().isDone()) {
                job.cancel("table is dropped", clock.now());
            }
        }
    }

    public void truncate(String dbName, String tableName, long nextTxnId) {
        requireTable(dbName, tableName).truncate(nextTxnId);
    }

    private Table alterable(String dbName, String tableName) {
        Table t = requireTable(dbName, tableName);
        if (t.state() != TableState.NORMAL) {
            throw new DorisSqlException("Table[" + tableName + "]'s state(" + t.state()
                    + ") is not NORMAL. Do not allow doing ALTER ops");
        }
        return t;
    }

    /**
     * One ALTER TABLE statement, all or nothing: each clause is checked against the schema the earlier ones
     * left. As Doris's {@code SchemaChangeHandler.process}: the table must be NORMAL
     * ({@code OlapTable.checkNormalStateForAlter}); when every clause is light the statement takes effect at once
     * and is recorded as a FINISHED job ({@code modifyTableLightSchemaChange}); if any clause is heavy, the whole
     * statement becomes one alter job ({@code createJob}) and nothing changes until the job finishes.
     */
    public void alterTable(String dbName, String tableName, List<AlterClause> clauses) {
        Table t = alterable(dbName, tableName);
        Table.Snapshot before = t.snapshot();
        List<String> descriptions = new ArrayList<>();
        clauses.forEach(c -> descriptions.add(c.description()));
        String description = String.join(", ", descriptions);
        boolean schemaChange = clauses.stream().anyMatch(AlterClause::changesSchema);
        boolean heavy = applyAll(t, clauses, before);
        if (!heavy && t.hasSchemaOf(before) && clauses.stream().noneMatch(AlterClause::isCommentOnly)) {
            // FE SchemaChangeHandler.createJob / modifyTableLightSchemaChange: a statement that changes no column
            t.restore(before);
            throw new DorisSqlException("Nothing is changed. please check your alter stmt.");
        }
        if (heavy || !t.lightSchemaChange() && schemaChange) {
            t.restore(before);
            jobs.add(SchemaChangeJob.heavy(nextId++, databaseOf(t), t, description, clock.now(),
                    System.nanoTime() + settings.alterJobStep.toNanos(), () -> applyAll(t, clauses, t.snapshot())));
        } else if (schemaChange) {
            jobs.add(SchemaChangeJob.light(nextId++, databaseOf(t), t, description, clock.now()));
        }
    }

    /** Applies every clause or, when one is refused, none; returns whether any needs an alter job. */
    private static boolean applyAll(Table t, List<AlterClause> clauses, Table.Snapshot onFailure) {
        boolean heavy = false;
        try {
            for (AlterClause c : clauses) {
                heavy |= c.applyTo(t);
            }
        } catch (RuntimeException e) {
            t.restore(onFailure);
            throw e;
        }
        return heavy;
    }

    /** ADD COLUMN; a key column needs an alter job. */
    public boolean addColumn(Table t, Column column, String after, boolean first) {
        NameRules.checkColumn(settings, column.name());
        if (!column.nullable() && !column.hasDefault()) {
            // FE AddColumnClause.analyze, ErrorCode.ERR_NO_DEFAULT_FOR_FIELD
            throw new DorisSqlException("Field '" + column.name() + "' doesn't have a default value");
        }
        if (t.column(column.name()) != null) {
            throw new DorisSqlException("Can not add column which already exists in base table: " + column.name());
        }
        if (column.isKey()) {
            String refusal = column.type().keyRefusal(column.name());
            if (refusal != null) {
                throw new DorisSqlException(refusal);
            }
        }
        t.addColumn(column, after, first, timestamp(clock.now()));
        return column.isKey();
    }

    /** DROP COLUMN; a key column (DUPLICATE tables only) needs an alter job. */
    public boolean dropColumn(Table t, String columnName) {
        Column c = t.column(columnName);
        if (c == null) {
            throw new DorisSqlException("Column does not exists: " + columnName);
        }
        if (c.isKey()) {
            if (t.keysType() == KeysType.UNIQUE_KEYS) {
                throw new DorisSqlException("Can not drop key column in Unique data model table");
            }
            if (t.keyColumns().size() == 1) {
                throw new DorisSqlException("Can not drop the last key column: " + columnName);
            }
        } else if (t.columns().size() == 1) {
            throw new DorisSqlException("Do not allow remove all columns");
        }
        t.dropColumn(columnName);
        return c.isKey();
    }

    /** RENAME COLUMN: metadata only. */
    public boolean renameColumn(Table t, String oldName, String newName) {
        if (t.column(oldName) == null) {
            throw new DorisSqlException("Column[" + oldName + "] does not exists");
        }
        if (t.column(newName) != null) {
            throw new DorisSqlException("Column name[" + newName + "] is already used");
        }
        NameRules.checkColumn(settings, newName);
        t.renameColumn(oldName, newName);
        return false;
    }

    /** MODIFY COLUMN c COMMENT '...': metadata only. */
    public boolean modifyComment(Table t, String columnName, String comment) {
        Column old = t.requireColumn(columnName);
        t.replaceColumn(new Column(old.name(), old.type(), old.nullable(), old.defaultValue(), comment, old.isKey()), v -> v);
        return false;
    }

    /** MODIFY COLUMN with a definition: a type change needs an alter job; stored values must fit the new type. */
    public boolean modifyColumn(Table t, Column requested) {
        Column old = t.column(requested.name());
        if (old == null) {
            throw new DorisSqlException("Column[" + requested.name() + "] does not exists");
        }
        if (old.isKey()) {
            String refusal = requested.type().keyRefusal(old.name());
            if (refusal != null) {
                throw new DorisSqlException(refusal);
            }
        }
        Column replacement = new Column(old.name(), requested.type(), requested.nullable(), requested.defaultValue(),
                requested.comment(), old.isKey());
        if (!replacement.sameDefinitionAs(old)) {
            checkSchemaChangeAllowed(old, replacement, settings.version());
        }
        if (!old.nullable() && requested.nullable() && old.isKey()) {
            throw new DorisSqlException("Can not change key column from NOT NULL to NULL");
        }
        boolean typeChange = !old.type().equals(requested.type());
        if (typeChange) {
            for (Object v : t.valuesOf(old.name())) {
                if (v != null && !ValueConverter.convert(requested.type(), TextNode.valueOf(String.valueOf(v))).ok()) {
                    throw new DorisSqlException("Can not change " + old.type().toSql() + " to " + requested.type().toSql()
                            + ": value '" + v + "' does not fit");
                }
            }
        }
        t.replaceColumn(replacement, v -> v == null ? null
                : ValueConverter.convert(replacement.type(), TextNode.valueOf(String.valueOf(v))).value());
        return isHeavyModify(old, replacement);
    }

    /**
     * SchemaChangeHandler.processModifyColumn: a column that changes in any way (type, nullability, default) is a
     * heavy change, except a VARCHAR whose length changes, which is light.
     */
    private static boolean isHeavyModify(Column old, Column replacement) {
        boolean changed = !old.type().equals(replacement.type()) || old.nullable() != replacement.nullable()
                || !Objects.equals(old.defaultValue(), replacement.defaultValue());
        boolean varcharLength = old.type().kind() == TypeKind.VARCHAR && replacement.type().kind() == TypeKind.VARCHAR;
        return changed && !varcharLength;
    }

    /**
     * FE {@code Column.checkSchemaChangeAllowed}, in its order: the type matrix, a numeric type into too short a text,
     * nullability, the default (a MODIFY must restate it), a shorter CHAR/VARCHAR.
     */
    private static void checkSchemaChangeAllowed(Column old, Column requested, DorisVersion version) {
        ColumnType from = old.type();
        ColumnType to = requested.type();
        if (!SchemaChangeMatrix.allows(from, to, version)) {
            throw new DorisSqlException("Can not change " + from.primitiveDescription() + " to " + to.primitiveDescription());
        }
        if (from.stringRepSize() > 0 && from.kind().isNumeric() && to.kind().isText()
                && to.stringRepSize() < from.stringRepSize()) {
            throw new DorisSqlException("Can not change from wider type " + from.typeSql(version) + " to narrower type "
                    + to.typeSql(version));
        }
        if (old.nullable() && !requested.nullable()) {
            throw new DorisSqlException("Can not change from nullable to non-nullable");
        }
        if (!Objects.equals(old.defaultValue(), requested.defaultValue())) {
            throw new DorisSqlException("Can not change default value");
        }
        boolean sized = from.kind() == TypeKind.CHAR && (to.kind() == TypeKind.CHAR || to.kind() == TypeKind.VARCHAR)
                || from.kind() == TypeKind.VARCHAR && to.kind() == TypeKind.VARCHAR;
        if (sized && to.length() < from.length()) {
            throw new DorisSqlException("Cannot shorten string length");
        }
    }

    private Database databaseOf(Table t) {
        for (Database db : databases.values()) {
            if (db.table(t.name()) == t) {
                return db;
            }
        }
        throw new IllegalStateException("table without database: " + t.name());
    }

    /**
     * Moves every unfinished job on as far as its earlier transactions and the scheduler's interval allow.
     *
     * @return the System.nanoTime of the earliest step a job may take later without a transaction ending first,
     *     or null
     */
    Long progressJobs(TransactionManager txns) {
        Long next = null;
        for (SchemaChangeJob job : jobs) {
            Long due = job.progress(txns, settings.alterJobStep.toNanos(), clock.now());
            if (due != null && (next == null || due - next < 0)) {
                next = due;
            }
        }
        return next;
    }

    public List<SchemaChangeJob> jobs() {
        return new ArrayList<>(jobs);
    }
}
