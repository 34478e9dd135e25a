package io.doris2pc.connector.config;

/**
 * What an UPDATE or DELETE of a source table without a primary key does. Such a table becomes a DUPLICATE KEY table
 * in Doris, which holds every row it is given and can neither replace nor delete one.
 */
public enum KeylessChanges {
    /** Fail the job naming the table: Doris would no longer equal the source. */
    FAIL,
    /** Append the row after an update as one more row and skip deletes (counted): every version stays in Doris. */
    APPEND
}
