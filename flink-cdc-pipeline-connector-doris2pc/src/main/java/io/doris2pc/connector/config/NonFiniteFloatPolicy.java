package io.doris2pc.connector.config;

/** What the sink does with NaN and ±Infinity in FLOAT/DOUBLE columns, which Doris cannot store. */
public enum NonFiniteFloatPolicy {
    /** Fail the job, naming table, column and value. */
    FAIL,
    /** Load NULL in its place and count it in the metric {@code dorisNonFiniteFloatsStoredAsNull}. */
    STORE_NULL
}
