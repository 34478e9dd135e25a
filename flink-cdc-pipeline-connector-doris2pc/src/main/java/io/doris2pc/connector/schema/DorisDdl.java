package io.doris2pc.connector.schema;

import io.doris2pc.connector.config.AutoPartitioning;
import io.doris2pc.connector.config.Doris2pcOptions;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.config.TableBuckets;
import io.doris2pc.connector.config.TableProperties;

import org.apache.flink.cdc.common.schema.Column;
import org.apache.flink.cdc.common.schema.Schema;
import org.apache.flink.cdc.common.types.DataType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.doris2pc.connector.schema.DorisIdentifiers.doubleQuotedLiteral;
import static io.doris2pc.connector.schema.DorisIdentifiers.quote;
import static io.doris2pc.connector.schema.DorisIdentifiers.stringLiteral;

/**
 * Builds the Doris statements of the sink. Pure functions of their arguments and the sink's table options; every
 * name is backtick-quoted and every text a string literal (see {@link DorisIdentifiers}).
 *
 * @throws IllegalArgumentException (from the builders) when a table cannot be expressed in Doris, with a message
 *     naming the table, the column and what to change
 */
public final class DorisDdl implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String MERGE_ON_WRITE = Doris2pcSinkConfig.MERGE_ON_WRITE_PROPERTY;
    private static final String CURRENT_TIMESTAMP = "CURRENT_TIMESTAMP";

    private final DorisTypeMapper types;
    private final TableProperties tableProperties;
    private final TableBuckets buckets;
    private final AutoPartitioning partitioning;
    private final boolean duplicateKeyWithoutPrimaryKey;

    public DorisDdl(Doris2pcSinkConfig config) {
        this.types = new DorisTypeMapper(config.varcharPolicy());
        this.tableProperties = config.tableProperties();
        this.buckets = config.buckets();
        this.partitioning = config.autoPartitioning();
        this.duplicateKeyWithoutPrimaryKey = config.duplicateKeyWithoutPrimaryKey();
    }

    public DorisTypeMapper types() {
        return types;
    }

    public static String createDatabase(String db) {
        return "CREATE DATABASE IF NOT EXISTS " + quote(db);
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS}: a merge-on-write UNIQUE KEY table on the primary key, key columns first
     * in key order; without a primary key a DUPLICATE KEY table if the sink allows it.
     */
    public String createTable(String db, String table, Schema sourceSchema) {
        String name = quote(db, table);
        Optional<AutoPartitioning.Partition> partition = partitioning.forTable(db, table, sourceSchema);
        Schema schema = notNull(partitioning.keyed(db, table, sourceSchema), partition);
        List<Column> keys = schema.primaryKeys().isEmpty() ? duplicateKey(name, schema) : primaryKey(name, schema);
        boolean unique = !schema.primaryKeys().isEmpty();
        List<String> definitions = new ArrayList<>();
        for (Column key : keys) {
            definitions.add(columnDefinition(name, key, true));
        }
        for (Column column : schema.getColumns()) {
            if (!keys.contains(column)) {
                definitions.add(columnDefinition(name, column, false));
            }
        }
        String keyNames = keys.stream().map(c -> quote(c.getName())).collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(name).append(" (")
                .append(String.join(", ", definitions)).append(") ")
                .append(unique ? "UNIQUE" : "DUPLICATE").append(" KEY(").append(keyNames).append(')');
        if (schema.comment() != null && !schema.comment().isEmpty()) {
            sql.append(" COMMENT ").append(stringLiteral(schema.comment()));
        }
        partition.ifPresent(p -> sql.append(" AUTO PARTITION BY RANGE (date_trunc(").append(quote(p.column()))
                .append(", ").append(stringLiteral(p.unit())).append(")) ()"));
        sql.append(" DISTRIBUTED BY HASH(").append(keyNames).append(") BUCKETS ").append(buckets.bucketsFor(db, table));
        Map<String, String> properties = new LinkedHashMap<>();
        if (unique) {
            properties.put(MERGE_ON_WRITE, "true");
        }
        properties.putAll(tableProperties.forTable(db, table));
        if (!properties.isEmpty()) {
            sql.append(" PROPERTIES (")
                    .append(properties.entrySet().stream()
                            .map(p -> doubleQuotedLiteral(p.getKey()) + " = " + doubleQuotedLiteral(p.getValue()))
                            .collect(Collectors.joining(", ")))
                    .append(')');
        }
        return sql.toString();
    }

    /** Doris refuses a nullable AUTO RANGE partition column: the column is NOT NULL whatever the source says. */
    private static Schema notNull(Schema schema, Optional<AutoPartitioning.Partition> partition) {
        if (!partition.isPresent()) {
            return schema;
        }
        List<Column> columns = new ArrayList<>();
        for (Column column : schema.getColumns()) {
            columns.add(column.getName().equals(partition.get().column())
                    ? column.copy(column.getType().notNull())
                    : column);
        }
        return schema.copy(columns);
    }

    /**
     * {@code ADD COLUMN} of a value column, after {@code afterColumn} when given (Doris places value columns only
     * after the key columns; the caller picks a column that allows it). A NOT NULL column without a default Doris
     * takes is added nullable: Doris has no value to give the existing rows.
     */
    public String addColumn(String db, String table, Column column, String afterColumn) {
        String name = quote(db, table);
        DataType type = column.getType();
        String dorisType = valueType(name, column.getName(), type);
        Optional<String> defaultClause =
                DorisDefaultValue.clause(type, dorisType, column.getDefaultValueExpression());
        boolean nullable = type.isNullable() || !defaultClause.isPresent();
        StringBuilder sql = new StringBuilder("ALTER TABLE ").append(name).append(" ADD COLUMN ")
                .append(quote(column.getName())).append(' ').append(dorisType)
                .append(nullable ? " NULL" : " NOT NULL");
        defaultClause.ifPresent(d -> sql.append(' ').append(d));
        appendComment(sql, column.getComment());
        if (afterColumn != null) {
            sql.append(" AFTER ").append(quote(afterColumn));
        }
        return sql.toString();
    }

    public static String dropColumn(String db, String table, String column) {
        return "ALTER TABLE " + quote(db, table) + " DROP COLUMN " + quote(column);
    }

    public static String renameColumn(String db, String table, String oldName, String newName) {
        return "ALTER TABLE " + quote(db, table) + " RENAME COLUMN " + quote(oldName) + " " + quote(newName);
    }

    /**
     * One ALTER TABLE with a {@code MODIFY COLUMN} clause per column, so that Doris runs a single alter job for
     * them (a second ALTER would be refused while the first job runs). Doris wants each whole definition: KEY for
     * key columns, the nullability, the default exactly as Doris keeps it (it refuses a MODIFY that would change or
     * drop it: "Can not change default value") and the comment (which it would otherwise clear).
     */
    public String modifyColumns(String db, String table, List<ColumnTypeChange> changes) {
        String name = quote(db, table);
        List<String> clauses = new ArrayList<>();
        for (ColumnTypeChange change : changes) {
            String dorisType = change.key
                    ? keyType(name, change.column, change.type)
                    : valueType(name, change.column, change.type);
            StringBuilder clause = new StringBuilder("MODIFY COLUMN ").append(quote(change.column)).append(' ')
                    .append(dorisType).append(change.key ? " KEY" : "")
                    .append(change.nullable ? " NULL" : " NOT NULL");
            if (change.defaultValue != null) {
                clause.append(" DEFAULT ").append(CURRENT_TIMESTAMP.equalsIgnoreCase(change.defaultValue)
                        ? CURRENT_TIMESTAMP : stringLiteral(change.defaultValue));
            }
            appendComment(clause, change.comment);
            clauses.add(clause.toString());
        }
        return "ALTER TABLE " + name + " " + String.join(", ", clauses);
    }

    public static String truncateTable(String db, String table) {
        return "TRUNCATE TABLE " + quote(db, table);
    }

    public static String dropTable(String db, String table) {
        return "DROP TABLE IF EXISTS " + quote(db, table);
    }

    /** The Doris type text a column of {@code type} gets, key or not, e.g. to compare with an existing column. */
    public String dorisType(String db, String table, String column, DataType type, boolean key) {
        String name = quote(db, table);
        return key ? keyType(name, column, type) : valueType(name, column, type);
    }

    private List<Column> primaryKey(String table, Schema schema) {
        List<Column> keys = new ArrayList<>();
        for (String key : schema.primaryKeys()) {
            keys.add(schema.getColumn(key).orElseThrow(() -> new IllegalArgumentException(
                    "Table " + table + ": primary key column " + quote(key) + " is not a column of the table "
                            + "(columns: " + schema.getColumnNames() + ")")));
        }
        return keys;
    }

    /** The first column Doris can take as a DUPLICATE key as it is; it moves to the front. */
    private List<Column> duplicateKey(String table, Schema schema) {
        if (!duplicateKeyWithoutPrimaryKey) {
            throw new IllegalArgumentException(
                    "Table " + table + " has no primary key, and doris2pc creates UNIQUE KEY tables on the primary "
                            + "key. Declare one with a transform rule (transform: - source-table: <tables> "
                            + "primary-keys: <columns>), or remove " + Doris2pcOptions.DUPLICATE_KEY_WITHOUT_PRIMARY_KEY.key()
                            + ": false to create a DUPLICATE KEY table, which cannot apply updates or deletes");
        }
        for (Column column : schema.getColumns()) {
            if (canBeKeyAsIs(column.getType())) {
                List<Column> key = new ArrayList<>();
                key.add(column);
                return key;
            }
        }
        throw new IllegalArgumentException(
                "Table " + table + " has no primary key and no column Doris can use as a DUPLICATE key (FLOAT, "
                        + "DOUBLE, STRING and complex types cannot be keys). Declare a primary key with a transform "
                        + "rule's primary-keys");
    }

    private boolean canBeKeyAsIs(DataType type) {
        try {
            return types.toDorisKeyType(type).equals(types.toDorisType(type));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String columnDefinition(String table, Column column, boolean key) {
        DataType type = column.getType();
        String dorisType = key ? keyType(table, column.getName(), type) : valueType(table, column.getName(), type);
        StringBuilder sql = new StringBuilder(quote(column.getName())).append(' ').append(dorisType)
                .append(type.isNullable() ? " NULL" : " NOT NULL");
        DorisDefaultValue.clause(type, dorisType, column.getDefaultValueExpression())
                .ifPresent(d -> sql.append(' ').append(d));
        appendComment(sql, column.getComment());
        return sql.toString();
    }

    private String keyType(String table, String column, DataType type) {
        try {
            return types.toDorisKeyType(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Table " + table + ": key column " + quote(column) + " has type " + type + ". "
                            + e.getMessage(), e);
        }
    }

    private String valueType(String table, String column, DataType type) {
        try {
            return types.toDorisType(type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Table " + table + ": column " + quote(column) + ": " + e.getMessage(), e);
        }
    }

    private static void appendComment(StringBuilder sql, String comment) {
        if (comment != null && !comment.isEmpty()) {
            sql.append(" COMMENT ").append(stringLiteral(comment));
        }
    }

    /** The new definition of one column whose type changes. */
    public static final class ColumnTypeChange implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String column;
        private final DataType type;
        private final boolean key;
        private final boolean nullable;
        private final String defaultValue;
        private final String comment;

        /** {@code defaultValue} as Doris keeps it (DESC's Default), null for none. */
        public ColumnTypeChange(String column, DataType type, boolean key, boolean nullable, String defaultValue,
                String comment) {
            this.column = column;
            this.type = type;
            this.key = key;
            this.nullable = nullable;
            this.defaultValue = defaultValue;
            this.comment = comment;
        }
    }
}
