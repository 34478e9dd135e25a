package io.doris2pc.connector.load;

import io.doris2pc.connector.client.HttpAnswer;
import io.doris2pc.connector.client.Redactor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * What Doris answered to a Stream Load: the BE's JSON ({@code TxnId}, {@code Status}, {@code Message}, row counts,
 * {@code ErrorURL}), or the FE's flat refusal {@code {"status": "FAILED", "msg": ...}}.
 */
final class StreamLoadAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    final long txnId;
    final String status;
    final String message;
    final String existingJobStatus;
    final long loadedRows;
    final long filteredRows;
    final String errorUrl;
    final DorisLoadTimings timings;

    private StreamLoadAnswer(JsonNode body) {
        this.txnId = body.path("TxnId").asLong(-1);
        this.status = text(body, "Status", "status");
        this.message = text(body, "Message", "msg");
        this.existingJobStatus = body.path("ExistingJobStatus").asText("");
        this.loadedRows = body.path("NumberLoadedRows").asLong(0);
        this.filteredRows = body.path("NumberFilteredRows").asLong(0);
        this.errorUrl = body.path("ErrorURL").asText("");
        this.timings = DorisLoadTimings.of(body);
    }

    /** @param from who answered, for the error message */
    static StreamLoadAnswer parse(HttpAnswer answer, String from, Redactor redactor) throws IOException {
        try {
            JsonNode body = JSON.readTree(answer.body());
            if (body != null && body.isObject() && (body.has("Status") || body.has("status"))) {
                return new StreamLoadAnswer(body);
            }
        } catch (JsonProcessingException e) {
            // reported below with the status and body
        }
        throw new IOException(from + " answered HTTP " + answer.status() + " without a Stream Load status: "
                + redactor.redact(answer.shortBody()));
    }

    /**
     * Doris's reason when the FE refused the credentials or privileges with its 401 envelope
     * ({@code {"msg":"Unauthorized","code":401,"data":...}}, HTTP 200), else null.
     */
    static String unauthorized(HttpAnswer answer) {
        try {
            JsonNode body = JSON.readTree(answer.body());
            if (body != null && body.isObject() && body.path("code").asInt(-1) == 401) {
                return body.path("data").asText(body.path("msg").asText());
            }
        } catch (JsonProcessingException e) {
            // not an envelope: parse() reports the body
        }
        return null;
    }

    /** In two-phase commit both mean the transaction is PRECOMMITTED. */
    boolean isSuccess() {
        return "Success".equalsIgnoreCase(status) || "Publish Timeout".equalsIgnoreCase(status);
    }

    boolean isLabelAlreadyExists() {
        return "Label Already Exists".equalsIgnoreCase(status);
    }

    private static String text(JsonNode body, String name, String fallbackName) {
        JsonNode value = body.has(name) ? body.get(name) : body.path(fallbackName);
        return value.asText("");
    }
}
