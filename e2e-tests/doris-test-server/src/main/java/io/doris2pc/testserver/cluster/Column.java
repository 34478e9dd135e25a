package io.doris2pc.testserver.cluster;

import com.fasterxml.jackson.databind.node.TextNode;
import io.doris2pc.testserver.DorisSqlException;
import java.util.Objects;

/**
 * One column of a table: name, type, nullability, default (as written in DDL, or null), comment, and the
 * unique id its table gave it (Doris's col_unique_id: kept across renames and type changes, so data loaded
 * before a rename lands in the renamed column).
 */
public final class Column {
    private final String name;
    private final ColumnType type;
    private final boolean nullable;
    private final String defaultValue;
    private final String comment;
    private final boolean key;
    private final int uniqueId;

    /** A column not yet in a table (unique id -1). */
    public Column(String name, ColumnType type, boolean nullable, String defaultValue, String comment, boolean key) {
        this(name, type, nullable, defaultValue, comment, key, -1);
    }

    private Column(String name, ColumnType type, boolean nullable, String defaultValue, String comment, boolean key,
            int uniqueId) {
        this.uniqueId = uniqueId;
        this.name = name;
        this.type = type;
        this.nullable = nullable;
        this.defaultValue = defaultValue;
        this.comment = comment == null ? "" : comment;
        this.key = key;
        if (defaultValue != null && !isCurrentTimestamp()) {
            Converted c = ValueConverter.convert(type, TextNode.valueOf(defaultValue));
            if (!c.ok()) {
                throw new DorisSqlException("Invalid default value for '" + name + "': " + c.reason());
            }
        }
    }

    public String name() {
        return name;
    }

    public ColumnType type() {
        return type;
    }

    public boolean nullable() {
        return nullable;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String comment() {
        return comment;
    }

    public boolean isKey() {
        return key;
    }

    public int uniqueId() {
        return uniqueId;
    }

    Column withUniqueId(int id) {
        return new Column(name, type, nullable, defaultValue, comment, key, id);
    }

    public Column renamed(String newName) {
        return new Column(newName, type, nullable, defaultValue, comment, key, uniqueId);
    }

    public Column asKey(boolean isKey) {
        return new Column(name, type, nullable, defaultValue, comment, isKey, uniqueId);
    }

    /** The value a row gets when a load or an added column gives none; null when there is no default. */
    public Object defaultAsValue(String now) {
        if (defaultValue == null) {
            return null;
        }
        String text = isCurrentTimestamp() ? now : defaultValue;
        return ValueConverter.convert(type, TextNode.valueOf(text)).value();
    }

    private boolean isCurrentTimestamp() {
        return "CURRENT_TIMESTAMP".equalsIgnoreCase(defaultValue);
    }

    public boolean hasDefault() {
        return defaultValue != null;
    }

    /** FE {@code Column.equals} for the attributes the server models. */
    boolean sameDefinitionAs(Column other) {
        return name.equals(other.name) && type.equals(other.type) && nullable == other.nullable
                && Objects.equals(defaultValue, other.defaultValue) && comment.equals(other.comment)
                && key == other.key;
    }

    public boolean sameNameAs(String other) {
        return name.equalsIgnoreCase(other);
    }
}
