package io.doris2pc.connector.schema;

import io.doris2pc.connector.client.DorisSqlExecutor;
import io.doris2pc.connector.client.QueryResult;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static io.doris2pc.connector.schema.DorisIdentifiers.quote;
import static io.doris2pc.connector.schema.DorisIdentifiers.stringLiteral;

/**
 * A table's newest schema change job as {@code SHOW ALTER TABLE COLUMN} lists it. Doris records every change that
 * goes through its schema change handler: a light one as a job born FINISHED, a heavy one (a type or nullability
 * change) as a job that goes PENDING, WAITING_TXN (waiting for every earlier transaction of the table, pre-committed
 * ones included), RUNNING and FINISHED or CANCELLED, during which the table refuses every other ALTER.
 */
public final class DorisAlterJob {

    private final long jobId;
    private final String state;
    private final String msg;

    private DorisAlterJob(long jobId, String state, String msg) {
        this.jobId = jobId;
        this.state = state;
        this.msg = msg;
    }

    /** The table's newest job, if Doris lists any. */
    public static Optional<DorisAlterJob> newest(DorisSqlExecutor doris, String db, String table) throws IOException {
        QueryResult result = doris.execute(db, "SHOW ALTER TABLE COLUMN FROM " + quote(db) + " WHERE TableName = "
                + stringLiteral(table) + " ORDER BY JobId DESC LIMIT 1");
        if (result.rows().isEmpty()) {
            return Optional.empty();
        }
        List<String> row = result.rows().get(0);
        String msg = row.get(result.columnIndex("Msg"));
        return Optional.of(new DorisAlterJob(Long.parseLong(row.get(result.columnIndex("JobId"))),
                row.get(result.columnIndex("State")), msg == null ? "" : msg));
    }

    public long jobId() {
        return jobId;
    }

    public String state() {
        return state;
    }

    /** Why Doris cancelled the job; empty otherwise. */
    public String msg() {
        return msg;
    }

    public boolean isFinished() {
        return "FINISHED".equalsIgnoreCase(state);
    }

    public boolean isCancelled() {
        return "CANCELLED".equalsIgnoreCase(state);
    }

    public boolean isRunning() {
        return !isFinished() && !isCancelled();
    }

    @Override
    public String toString() {
        return "alter job " + jobId + " (" + state + (msg.isEmpty() ? "" : ": " + msg) + ")";
    }
}
