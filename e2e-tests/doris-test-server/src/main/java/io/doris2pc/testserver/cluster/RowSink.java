package io.doris2pc.testserver.cluster;

/** Where a load puts the rows it accepted (kept in the transaction until it becomes visible). */
public interface RowSink {
    void accept(LoadedRow row);
}
