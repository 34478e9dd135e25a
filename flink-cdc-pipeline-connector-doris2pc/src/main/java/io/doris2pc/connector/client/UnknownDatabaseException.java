package io.doris2pc.connector.client;

import java.io.IOException;

/** Doris has no database of that name ({@code get_load_state} answers code 1, "unknown databases, dbName=..."). */
public final class UnknownDatabaseException extends IOException {

    private static final long serialVersionUID = 1L;

    public UnknownDatabaseException(String message) {
        super(message);
    }
}
