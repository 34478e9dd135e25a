package io.doris2pc.connector.load;

import io.doris2pc.connector.client.DorisRefusalHints;

import java.io.IOException;
import java.util.List;

/** Doris refused or failed a Stream Load; the message names the table, the label and Doris's reasons. */
public class StreamLoadException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final String label;
    private final String status;
    private final String dorisMessage;

    StreamLoadException(String loadName, String table, String label, StreamLoadAnswer answer, List<String> errorLog) {
        this(describe(loadName, answer, errorLog), table, label, answer);
    }

    StreamLoadException(String message, String table, String label, StreamLoadAnswer answer) {
        super(message);
        this.table = table;
        this.label = label;
        this.status = answer.status;
        this.dorisMessage = answer.message;
    }

    private static String describe(String loadName, StreamLoadAnswer answer, List<String> errorLog) {
        StringBuilder text = new StringBuilder("Doris refused the Stream Load of ").append(loadName)
                .append(": Status '").append(answer.status).append("', Message '").append(answer.message).append('\'');
        if (answer.filteredRows > 0) {
            text.append(", NumberFilteredRows ").append(answer.filteredRows);
        }
        if (!errorLog.isEmpty()) {
            text.append(". Rejected rows and reasons from the error log: ").append(String.join(" | ", errorLog));
        }
        if (answer.filteredRows > 0) {
            text.append(". Widen the Doris column, or accept losing such rows with sink.properties.max_filter_ratio");
        }
        return text.append(DorisRefusalHints.hintFor(answer.message)).toString();
    }

    public String table() {
        return table;
    }

    public String label() {
        return label;
    }

    /** Doris's {@code Status}, e.g. {@code Fail} or {@code Label Already Exists}. */
    public String status() {
        return status;
    }

    /** Doris's {@code Message}. */
    public String dorisMessage() {
        return dorisMessage;
    }
}
