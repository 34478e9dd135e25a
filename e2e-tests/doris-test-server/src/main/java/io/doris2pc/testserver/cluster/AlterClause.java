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
    private final Edit edit;
    private final boolean commentOnly;

    public AlterClause(String description, Edit edit) {
        this(description, edit, false);
    }

    private AlterClause(String description, Edit edit, boolean commentOnly) {
        this.description = description;
        this.edit = edit;
        this.commentOnly = commentOnly;
    }

    /** {@code MODIFY COLUMN c COMMENT '...'}: Doris changes the comment in place, never "Nothing is changed". */
    public static AlterClause commentOnly(String description, Edit edit) {
        return new AlterClause(description, edit, true);
    }

    boolean isCommentOnly() {
        return commentOnly;
    }

    /** The clause as SHOW ALTER and {@link SchemaChangeJob#description()} name it. */
    public String description() {
        return description;
    }

    boolean applyTo(Table table) {
        return edit.applyTo(table);
    }
}
