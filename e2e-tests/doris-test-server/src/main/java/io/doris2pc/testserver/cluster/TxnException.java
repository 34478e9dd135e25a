package io.doris2pc.testserver.cluster;

/**
 * A refused transaction operation. The message is Doris's detail text; {@code existingJobStatus} is set
 * only for "Label Already Exists"; {@code notFound} for the FE's MetaNotFoundException (errCode 7).
 */
public final class TxnException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String existingJobStatus;
    private final boolean notFound;

    TxnException(String message) {
        this(message, null);
    }

    TxnException(String message, String existingJobStatus) {
        this(message, existingJobStatus, false);
    }

    private TxnException(String message, String existingJobStatus, boolean notFound) {
        super(message);
        this.existingJobStatus = existingJobStatus;
        this.notFound = notFound;
    }

    static TxnException notFound(String message) {
        return new TxnException(message, null, true);
    }

    public String existingJobStatus() {
        return existingJobStatus;
    }

    public boolean labelAlreadyExists() {
        return existingJobStatus != null;
    }

    /** The FE's MetaNotFoundException: TStatus NOT_FOUND, {@code errCode = 7}. */
    public boolean notFound() {
        return notFound;
    }
}
