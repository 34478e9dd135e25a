package io.doris2pc.connector.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Doris refused a load because its label belongs to another transaction that is not aborted. */
public final class LabelAlreadyExistsException extends StreamLoadException {

    private static final long serialVersionUID = 1L;

    /** {@code ... Label [L] has already been used, relate to txn [T]} in every Doris version since 1.x. */
    private static final Pattern RELATED_TXN = Pattern.compile("relate to txn \\[(\\d+)]");

    private final String existingJobStatus;
    private final long existingTxnId;

    LabelAlreadyExistsException(String loadName, String table, String label, StreamLoadAnswer answer) {
        super("Doris refused the Stream Load of " + loadName + ": label already used by transaction "
                        + txnIdIn(answer.message) + " (ExistingJobStatus '" + answer.existingJobStatus + "'): "
                        + answer.message,
                table,
                label,
                answer);
        this.existingJobStatus = answer.existingJobStatus;
        this.existingTxnId = txnIdIn(answer.message);
    }

    private static long txnIdIn(String message) {
        Matcher m = RELATED_TXN.matcher(message);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** {@code RUNNING} (the transaction is PREPARE), {@code PRECOMMITTED} or {@code FINISHED}; empty if not given. */
    public String existingJobStatus() {
        return existingJobStatus;
    }

    /** The transaction holding the label, or -1 when Doris's message does not name it. */
    public long existingTxnId() {
        return existingTxnId;
    }
}
