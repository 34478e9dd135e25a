package io.doris2pc.testserver.load;

import io.doris2pc.testserver.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** The BE's Stream Load answer: every field in Doris's order, TwoPhaseCommit as a string. */
final class LoadResult {
    long txnId = -1;
    String label = "";
    /** The {@code comment} header, echoed ({@code StreamLoadContext::to_json}). */
    String comment = "";
    boolean twoPhase;
    String status = "Success";
    String existingJobStatus;
    String message = "OK";
    long totalRows;
    long loadedRows;
    long filteredRows;
    long loadBytes;
    long loadTimeMs;
    long beginTxnTimeMs;
    long readDataTimeMs;
    long commitAndPublishTimeMs;
    String errorUrl;

    LoadResult fail(String failMessage) {
        this.status = "Fail";
        this.message = failMessage;
        return this;
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("TxnId", txnId);
        m.put("Label", label);
        m.put("Comment", comment);
        m.put("TwoPhaseCommit", String.valueOf(twoPhase));
        m.put("Status", status);
        if (existingJobStatus != null) {
            m.put("ExistingJobStatus", existingJobStatus);
        }
        m.put("Message", message);
        m.put("NumberTotalRows", totalRows);
        m.put("NumberLoadedRows", loadedRows);
        m.put("NumberFilteredRows", filteredRows);
        m.put("NumberUnselectedRows", 0);
        m.put("LoadBytes", loadBytes);
        m.put("LoadTimeMs", loadTimeMs);
        m.put("BeginTxnTimeMs", beginTxnTimeMs);
        m.put("StreamLoadPutTimeMs", 0);
        m.put("ReadDataTimeMs", readDataTimeMs);
        m.put("WriteDataTimeMs", readDataTimeMs);
        m.put("CommitAndPublishTimeMs", commitAndPublishTimeMs);
        if (errorUrl != null) {
            m.put("ErrorURL", errorUrl);
        }
        return Json.pretty(m);
    }
}
