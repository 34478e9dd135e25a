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

    /** FE {@code Type.isNumericType}: integers, FLOAT, DOUBLE and DECIMAL. */
    public boolean isNumeric() {
        return isInteger() || this == FLOAT || this == DOUBLE || this == DECIMAL;
    }

    /** FE {@code Type.isStringType}: CHAR, VARCHAR and STRING. */
    public boolean isText() {
        return this == CHAR || this == VARCHAR || this == STRING;
    }

    public boolean isComplex() {
        return this == ARRAY || this == MAP || this == STRUCT;
    }
}
