package io.doris2pc.connector.sink;

import io.doris2pc.connector.load.PreCommittedLoad;

import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The writer's metrics, registered in Flink's sink writer metric group. */
final class WriterMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(WriterMetrics.class);

    private final Counter rowsSent;
    private final Counter bytesSent;
    private final Counter loadsStarted;
    private final Counter transactionsPreCommitted;
    private final Counter rowsFilteredByDoris;
    private final Counter deletesSkipped;
    private final Counter lingeringTransactionsAborted;
    private final Counter nonFiniteFloatsStoredAsNull;
    private final DorisLoadMetrics dorisLoads;

    WriterMetrics(SinkWriterMetricGroup group) {
        this.rowsSent = group.getNumRecordsSendCounter();
        this.bytesSent = group.getNumBytesSendCounter();
        this.loadsStarted = group.counter("dorisLoadsStarted");
        this.transactionsPreCommitted = group.counter("dorisTransactionsPreCommitted");
        this.rowsFilteredByDoris = group.counter("dorisRowsFiltered");
        this.deletesSkipped = group.counter("dorisDeletesSkipped");
        this.lingeringTransactionsAborted = group.counter("dorisLingeringTransactionsAborted");
        this.nonFiniteFloatsStoredAsNull = group.counter("dorisNonFiniteFloatsStoredAsNull");
        this.dorisLoads = new DorisLoadMetrics(group);
    }

    /** A NaN or ±Infinity written as NULL, as sink.non-finite-floats: STORE_NULL asks. */
    void nonFiniteFloatStoredAsNull() {
        if (nonFiniteFloatsStoredAsNull.getCount() == 0) {
            LOG.warn("A NaN or Infinity FLOAT/DOUBLE value is loaded as NULL (sink.non-finite-floats: STORE_NULL); "
                    + "metric dorisNonFiniteFloatsStoredAsNull counts them");
        }
        nonFiniteFloatsStoredAsNull.inc();
    }

    /** Transactions of earlier attempts found open in Doris and aborted by this writer. */
    Counter lingeringTransactionsAborted() {
        return lingeringTransactionsAborted;
    }

    void rowsWritten(int lines, int bytes) {
        rowsSent.inc(lines);
        bytesSent.inc(bytes);
    }

    void loadStarted() {
        loadsStarted.inc();
    }

    /** Rows Doris filtered in a load it still accepted (the user allowed it with max_filter_ratio). */
    void loadPreCommitted(TableId tableId, PreCommittedLoad load) {
        transactionsPreCommitted.inc();
        dorisLoads.record(load.timings());
        if (load.filteredRows() > 0) {
            rowsFilteredByDoris.inc(load.filteredRows());
            LOG.warn(
                    "Doris filtered {} rows of {} (label {}) and the load was accepted because "
                            + "sink.properties.max_filter_ratio allows it; those rows are not in Doris",
                    load.filteredRows(),
                    tableId,
                    load.label());
        }
    }

    /** A DELETE of a table without primary key: a DUPLICATE KEY table cannot delete a row. */
    void deleteSkipped(TableId tableId) {
        if (deletesSkipped.getCount() == 0) {
            LOG.warn(
                    "{} has no primary key (DUPLICATE KEY table in Doris): deletes cannot be applied and are "
                            + "skipped; metric dorisDeletesSkipped counts them",
                    tableId);
        }
        deletesSkipped.inc();
    }
}
