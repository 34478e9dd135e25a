package io.doris2pc.testserver.cluster;

/** One clause of an ALTER TABLE statement: what it says, and how it changes a table's schema. */
public final class AlterClause {
    /** Checks the clause against the table as the earlier clauses left it, then applies it. */
    @FunctionalInterface
    public interface Edit {
        /** @return true when Doris runs the clause as an alter job (a type change, a key column added or dropped) */
        boolean applyTo(Table table);
    }

    private final String description;
    private final boolean changesSchema;
    private final Edit edit;
    private final boolean commentOnly;

    /**
     * @param changesSchema whether Doris runs the clause through {@code SchemaChangeHandler.process} (ADD, DROP and
     *     MODIFY of a column definition), which records a job; a rename or a comment is metadata without a job
     */
    public AlterClause(String description, boolean changesSchema, Edit edit) {
        this(description, changesSchema, edit, false);
    }

    private AlterClause(String description, boolean changesSchema, Edit edit, boolean commentOnly) {
        this.description = description;
        this.changesSchema = changesSchema;
        this.edit = edit;
        this.commentOnly = commentOnly;
    }

    /** {@code MODIFY COLUMN c COMMENT '...'}: Doris changes the comment in place, never "Nothing is changed". */
    public static AlterClause commentOnly(String description, Edit edit) {
        return new AlterClause(description, false, edit, true);
    }

    boolean isCommentOnly() {
        return commentOnly;
    }

    boolean changesSchema() {
        return changesSchema;
    }

    /** The clause as SHOW ALTER and {@link SchemaChangeJob#description()} name it. */
    public String description() {
        return description;
    }

    boolean applyTo(Table table) {
        return edit.applyTo(table);
    }
}
