package io.doris2pc.connector.client;

import java.io.IOException;

/** Doris answered a SQL statement with an error (the FE envelope's {@code code} was not 0). */
public final class DorisSqlException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String statement;
    private final String dorisMessage;

    public DorisSqlException(String statement, String dorisMessage) {
        super("Doris refused `" + statement + "`: " + dorisMessage);
        this.statement = statement;
        this.dorisMessage = dorisMessage;
    }

    public String statement() {
        return statement;
    }

    /** Doris's own text, e.g. {@code errCode = 2, detailMessage = Unknown table 't'}. */
    public String dorisMessage() {
        return dorisMessage;
    }
}
