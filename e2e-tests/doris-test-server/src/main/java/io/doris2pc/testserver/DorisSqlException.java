package io.doris2pc.testserver;

/** A statement Doris refuses; the message is Doris's {@code detailMessage}. */
public final class DorisSqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DorisSqlException(String message) {
        super(message);
    }

    /** The text Doris answers: {@code errCode = 2, detailMessage = ...}. */
    public String dorisMessage() {
        return "errCode = 2, detailMessage = " + getMessage();
    }
}
