package io.doris2pc.connector.load;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Doris's own account of one Stream Load, from the BE's answer: where its time went and the body bytes it
 * received (after compression, where the sink compresses). A field Doris did not send is -1.
 */
public final class DorisLoadTimings {

    /** For a load whose answer carried none of them. */
    public static final DorisLoadTimings NONE = new DorisLoadTimings(-1, -1, -1, -1, -1, -1, -1);

    private final long loadTimeMs;
    private final long beginTxnTimeMs;
    private final long streamLoadPutTimeMs;
    private final long readDataTimeMs;
    private final long writeDataTimeMs;
    private final long commitAndPublishTimeMs;
    private final long loadBytes;

    public DorisLoadTimings(long loadTimeMs, long beginTxnTimeMs, long streamLoadPutTimeMs, long readDataTimeMs,
            long writeDataTimeMs, long commitAndPublishTimeMs, long loadBytes) {
        this.loadTimeMs = loadTimeMs;
        this.beginTxnTimeMs = beginTxnTimeMs;
        this.streamLoadPutTimeMs = streamLoadPutTimeMs;
        this.readDataTimeMs = readDataTimeMs;
        this.writeDataTimeMs = writeDataTimeMs;
        this.commitAndPublishTimeMs = commitAndPublishTimeMs;
        this.loadBytes = loadBytes;
    }

    static DorisLoadTimings of(JsonNode answer) {
        return new DorisLoadTimings(answer.path("LoadTimeMs").asLong(-1), answer.path("BeginTxnTimeMs").asLong(-1),
                answer.path("StreamLoadPutTimeMs").asLong(-1), answer.path("ReadDataTimeMs").asLong(-1),
                answer.path("WriteDataTimeMs").asLong(-1), answer.path("CommitAndPublishTimeMs").asLong(-1),
                answer.path("LoadBytes").asLong(-1));
    }

    /** From the BE accepting the request to its answer. */
    public long loadTimeMs() {
        return loadTimeMs;
    }

    /** Asking the FE to begin the transaction. */
    public long beginTxnTimeMs() {
        return beginTxnTimeMs;
    }

    /** Asking the FE to plan the load. */
    public long streamLoadPutTimeMs() {
        return streamLoadPutTimeMs;
    }

    /** Receiving the body: for a streamed load, mostly waiting for the writer's rows. */
    public long readDataTimeMs() {
        return readDataTimeMs;
    }

    /** Writing the rows into tablets. */
    public long writeDataTimeMs() {
        return writeDataTimeMs;
    }

    /** Pre-committing (two-phase commit) or committing and publishing. */
    public long commitAndPublishTimeMs() {
        return commitAndPublishTimeMs;
    }

    /** Body bytes the BE received. */
    public long loadBytes() {
        return loadBytes;
    }

    @Override
    public String toString() {
        return "DorisLoadTimings{LoadTimeMs=" + loadTimeMs + ", BeginTxnTimeMs=" + beginTxnTimeMs
                + ", StreamLoadPutTimeMs=" + streamLoadPutTimeMs + ", ReadDataTimeMs=" + readDataTimeMs
                + ", WriteDataTimeMs=" + writeDataTimeMs + ", CommitAndPublishTimeMs=" + commitAndPublishTimeMs
                + ", LoadBytes=" + loadBytes + '}';
    }
}
