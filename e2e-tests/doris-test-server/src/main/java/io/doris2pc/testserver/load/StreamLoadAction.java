package io.doris2pc.testserver.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.doris2pc.testserver.cluster.Cluster;
import io.doris2pc.testserver.cluster.Column;
import io.doris2pc.testserver.cluster.KeysType;
import io.doris2pc.testserver.cluster.LoadedRow;
import io.doris2pc.testserver.cluster.Table;
import io.doris2pc.testserver.cluster.Transaction;
import io.doris2pc.testserver.cluster.TxnException;
import io.doris2pc.testserver.TxnState;
import io.doris2pc.testserver.http.HttpExchange;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The BE's {@code PUT /api/{db}/{table}/_stream_load}: begins the transaction before reading the body, reads
 * and checks rows as they arrive, then applies the filter ratio and pre-commits (2PC) or commits.
 */
public final class StreamLoadAction {
    private static final String DATA_QUALITY_ERROR = "[DATA_QUALITY_ERROR]too many filtered rows";
    /** Status::NotSupported of StreamLoadAction::_process_put in cloud mode (apache/doris#36816). */
    private static final String CLOUD_MOW_2PC = "[NOT_IMPLEMENTED_ERROR]stream load 2pc is unsupported for mow table";

    private final Cluster cluster;
    private final ErrorLogs errorLogs;
    private final String errorUrlBase;

    public StreamLoadAction(Cluster cluster, ErrorLogs errorLogs, String errorUrlBase) {
        this.cluster = cluster;
        this.errorLogs = errorLogs;
        this.errorUrlBase = errorUrlBase;
    }

    public void handle(HttpExchange ex, String db, String tableName) throws IOException {
        long start = System.currentTimeMillis();
        LoadResult result = new LoadResult();
        result.twoPhase = "true".equals(ex.header("two_phase_commit"));
        result.label = ex.header("label") == null ? "" : ex.header("label");
        result.comment = ex.header("comment") == null ? "" : ex.header("comment");
        LoadOptions options;
        try {
            options = LoadOptions.of(ex, cluster.settings());
        } catch (IllegalArgumentException e) {
            answer(ex, result.fail(e.getMessage()));
            return;
        }
        result.label = options.label;
        String compressionRefusal = BodyCompression.refusal(options.format, options.compressType, cluster.settings());
        if (compressionRefusal != null) {
            answer(ex, result.fail(compressionRefusal));
            return;
        }
        String labelRefusal = cluster.labelRefusal(options.label);
        if (labelRefusal != null) {
            answer(ex, result.fail(DorisErrors.loadMessage(cluster.settings(), labelRefusal)));
            return;
        }
        String injected = cluster.faults().takeLoadFailure();
        if (injected != null) {
            answer(ex, result.fail(injected));
            return;
        }
        Transaction txn;
        try {
            txn = cluster.begin(db, tableName, options.label, options.twoPhase, options.timeout);
        } catch (TxnException e) {
            if (e.labelAlreadyExists()) {
                result.status = "Label Already Exists";
                result.existingJobStatus = e.existingJobStatus();
                result.message = DorisErrors.labelExists(cluster.settings(), e.getMessage());
            } else if (e.notFound()) {
                result.fail(DorisErrors.notFound(cluster.settings(), e.getMessage()));
            } else {
                result.fail(DorisErrors.loadMessage(cluster.settings(), e.getMessage()));
            }
            answer(ex, result);
            return;
        }
        String putRefusal = options.afterBegin(ex);
        if (putRefusal != null) {
            // stream_load.cpp rolls back the transaction it began
            result.txnId = txn.id();
            cluster.abortLoad(txn, putRefusal);
            answer(ex, result.fail(putRefusal));
            return;
        }
        result.txnId = txn.id();
        result.beginTxnTimeMs = System.currentTimeMillis() - start;
        if (options.twoPhase && cluster.settings().cloudMode && isMergeOnWrite(db, tableName)) {
            // _process_put: after the FE planned the load; the transaction begun in _on_header is rolled back
            cluster.abortLoad(txn, CLOUD_MOW_2PC);
            answer(ex, result.fail(CLOUD_MOW_2PC));
            return;
        }
        List<Column> columns = cluster.withCatalog(c -> c.requireTable(db, tableName).columns());
        StringBuilder rejected = new StringBuilder();
        long[] counts = new long[2];
        MeteredInputStream body = new MeteredInputStream(ex.body(), cluster.faults().takeBodyCut());
        long readStart = System.currentTimeMillis();
        try {
            RowChecker checker = new RowChecker(columns, options, cluster.settings().decimalOverflowFiltered,
                    options.zone, now());
            new BodyParser(options, columns).parse(BodyCompression.decompressing(body, options.compressType),
                    new BodyParser.RowHandler() {
                @Override
                public void row(Map<String, JsonNode> fields, Supplier<String> source) {
                    counts[0]++;
                    try {
                        LoadedRow row = checker.check(fields);
                        txn.accept(row);
                    } catch (RowChecker.Rejected r) {
                        reject(r.getMessage(), source.get());
                    }
                }

                @Override
                public void malformed(String reason, String source) {
                    counts[0]++;
                    reject(reason, source);
                }

                private void reject(String reason, String source) {
                    counts[1]++;
                    rejected.append("Reason: ").append(reason).append(". src line [").append(source).append("]; \n");
                }
            });
        } catch (IOException e) {
            // a cut or broken body kills the load: the client gets no answer, the transaction aborts
            cluster.abortLoad(txn, "[CANCELLED]failed to read load body: " + e.getMessage());
            ex.abandon();
            return;
        }
        result.readDataTimeMs = System.currentTimeMillis() - readStart;
        result.loadBytes = body.count();
        txn.loadBytes(body.count());
        result.totalRows = counts[0];
        result.filteredRows = counts[1];
        result.loadedRows = counts[0] - counts[1];
        if (counts[1] > 0) {
            result.errorUrl = errorUrlBase + errorLogs.store(rejected.toString());
        }
        if (counts[1] > 0 && counts[1] > counts[0] * options.maxFilterRatio) {
            cluster.abortLoad(txn, DATA_QUALITY_ERROR);
            result.fail(DATA_QUALITY_ERROR);
            finish(ex, result, start);
            return;
        }
        try {
            cluster.faults().awaitLoadAnswerRelease();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cluster.abortLoad(txn, "[CANCELLED]the BE stopped");
            ex.abandon();
            return;
        }
        long commitStart = System.currentTimeMillis();
        boolean publishTimeout = !options.twoPhase && cluster.faults().takePublishTimeout();
        try {
            cluster.finishLoad(txn, publishTimeout);
        } catch (TxnException e) {
            result.fail(DorisErrors.loadMessage(cluster.settings(), e.getMessage()));
            finish(ex, result, start);
            return;
        }
        result.commitAndPublishTimeMs = System.currentTimeMillis() - commitStart;
        if (publishTimeout && txn.state() == TxnState.COMMITTED) {
            result.status = "Publish Timeout";
            result.message = "transaction commit successfully, BUT data will be visible later";
        }
        finish(ex, result, start);
    }

    private boolean isMergeOnWrite(String db, String tableName) {
        return cluster.withCatalog(c -> {
            Table table = c.requireTable(db, tableName);
            return table.keysType() == KeysType.UNIQUE_KEYS
                    && "true".equalsIgnoreCase(table.properties().get("enable_unique_key_merge_on_write"));
        });
    }

    private void finish(HttpExchange ex, LoadResult result, long start) throws IOException {
        result.loadTimeMs = System.currentTimeMillis() - start;
        answer(ex, result);
    }

    private void answer(HttpExchange ex, LoadResult result) throws IOException {
        if (!result.status.equals("Success") && !result.status.equals("Publish Timeout")) {
            cluster.recordRefusedLoad(result.label, result.status, result.message);
        }
        ex.respondJson(result.toJson());
    }

    private static String now() {
        return LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }
}
