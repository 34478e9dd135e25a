package io.doris2pc.testserver.cluster;

/**
 * A refused transaction operation. The message is Doris's detail text; {@code existingJobStatus} is set
 * only for "Label Already Exists".
 */
public final class TxnException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String existingJobStatus;

    TxnException(String message) {
        this(message, null);
    }

    TxnException(String message, String existingJobStatus) {
        super(message);
        this.existingJobStatus = existingJobStatus;
    }

    public String existingJobStatus() {
        return existingJobStatus;
    }

    public boolean labelAlreadyExists() {
        return existingJobStatus != null;
    }
}
