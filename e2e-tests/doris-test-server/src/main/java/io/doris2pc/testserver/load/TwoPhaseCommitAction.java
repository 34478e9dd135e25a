package io.doris2pc.testserver.load;

import io.doris2pc.testserver.cluster.Cluster;
import io.doris2pc.testserver.cluster.ClusterSettings;
import io.doris2pc.testserver.cluster.TxnException;
import io.doris2pc.testserver.http.HttpExchange;
import io.doris2pc.testserver.http.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code PUT /api/{db}/_stream_load_2pc}: commit or abort by {@code txn_id} or {@code label}. A commit whose
 * publish times out still answers Success, as Doris's {@code commitTransaction2PC} does (it waits for
 * visibility only up to a timeout); the data becomes visible later.
 */
public final class TwoPhaseCommitAction {
    private final Cluster cluster;

    public TwoPhaseCommitAction(Cluster cluster) {
        this.cluster = cluster;
    }

    public void handle(HttpExchange ex, String db) throws IOException {
        ClusterSettings settings = cluster.settings();
        String operation = ex.header("txn_operation");
        if (!"commit".equals(operation) && !"abort".equals(operation)) {
            answer(ex, DorisErrors.internalStatus(settings), "transaction operation should be 'commit' or 'abort'");
            return;
        }
        String label = ex.header("label");
        String txnIdText = ex.header("txn_id");
        Long txnId = null;
        if (txnIdText != null) {
            try {
                txnId = Long.parseLong(txnIdText.trim());
            } catch (NumberFormatException e) {
                answer(ex, DorisErrors.internalStatus(settings), "convert txn_id [" + txnIdText + "] failed");
                return;
            }
        } else if (label == null || label.isEmpty()) {
            answer(ex, DorisErrors.internalStatus(settings), "txn_id and label can not be empty at the same time");
            return;
        }
        try {
            if (operation.equals("commit")) {
                cluster.commit2pc(db, txnId, label, cluster.faults().takeCommitFailure(),
                        cluster.faults().takePublishTimeout());
                if (cluster.faults().takeDroppedCommitResponse()) {
                    ex.abandon();
                    return;
                }
            } else {
                cluster.abort2pc(db, txnId, label);
            }
        } catch (TxnException e) {
            answer(ex, DorisErrors.twoPhaseStatus(settings), DorisErrors.twoPhaseMessage(settings, e.getMessage()));
            return;
        }
        // stream_load_2pc.cpp words the success from the headers sent: label, txn_id, or both
        String labelPart = label != null && !label.isEmpty() ? "label [" + label + "] " : "";
        String txnPart = txnIdText != null ? "transaction [" + txnIdText + "] " : "";
        answer(ex, "Success", labelPart + txnPart + operation + " successfully.");
    }

    private static void answer(HttpExchange ex, String status, String msg) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("msg", msg);
        ex.respondJson(Json.pretty(body));
    }
}
