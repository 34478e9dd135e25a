package io.doris2pc.testserver.cluster;

/** The data models the test server supports; names as the {@code _schema} endpoint writes them. */
public enum KeysType {
    UNIQUE_KEYS("UNIQUE"),
    DUP_KEYS("DUPLICATE");

    private final String sql;

    KeysType(String sql) {
        this.sql = sql;
    }

    /** The DDL keyword: UNIQUE or DUPLICATE. */
    public String sql() {
        return sql;
    }
}
