package io.doris2pc.testserver.cluster;

/** NORMAL, or SCHEMA_CHANGE while a heavy alter job runs (no other ALTER allowed then). */
public enum TableState {
    NORMAL,
    SCHEMA_CHANGE
}
