package io.doris2pc.testserver.cluster;

/** The Doris column types the test server models. */
public enum TypeKind {
    BOOLEAN,
    TINYINT,
    SMALLINT,
    INT,
    BIGINT,
    LARGEINT,
    FLOAT,
    DOUBLE,
    DECIMAL,
    DATE,
    DATETIME,
    CHAR,
    VARCHAR,
    STRING,
    JSON,
    ARRAY,
    MAP,
    STRUCT;

    public boolean isInteger() {
        return this == TINYINT || this == SMALLINT || this == INT || this == BIGINT || this == LARGEINT;
    }

    public boolean isComplex() {
        return this == ARRAY || this == MAP || this == STRUCT;
    }
}
