package io.doris2pc.connector.client;

/** The body of a {@code _stream_load_2pc} answer: {@code {"status": ..., "msg": ...}}. */
public final class TwoPhaseCommitAnswer {

    private final String status;
    private final String message;

    public TwoPhaseCommitAnswer(String status, String message) {
        this.status = status == null ? "" : status;
        this.message = message == null ? "" : message;
    }

    /** {@code Success}, or an error status such as {@code ANALYSIS_ERROR}, {@code Fail}, {@code INTERNAL_ERROR}. */
    public String status() {
        return status;
    }

    public String message() {
        return message;
    }

    public boolean isSuccess() {
        return "Success".equalsIgnoreCase(status);
    }

    @Override
    public String toString() {
        return "{status=" + status + ", msg=" + message + '}';
    }
}
