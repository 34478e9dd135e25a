package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.Doris2pcMetadataApplier;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.flink.api.common.JobID;
import org.apache.flink.cdc.common.configuration.Configuration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 13, point 8: Doris's max_running_txn_num_per_db against the pipeline's own shape (tables x parallelism,
 * twice over around each checkpoint), with the test server's quota and four tables at parallelism 1.
 */
class TransactionQuotaTest {

    private DorisTestServer server;
    private Doris2pcWriter writer;
    private final List<EmployeeEvents> tables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        writer.close();
        server.close();
    }

    /** A quota below the pipeline's own need is explained with the sizing rule, not left as a bare refusal. */
    @Test
    void aQuotaTheFourTablesOfThePipelineFillAloneIsExplained() throws Exception {
        start(3, Map.of());

        IOException refused = assertThrows(IOException.class, this::writeOneRowToEachTable);

        assertEquals("Doris refused a new transaction in database demo: its running transactions reached the FE's"
                + " max_running_txn_num_per_db (3). The pipeline holds up to 2 x tables x parallelism transactions"
                + " in a database (one open load per table and sink subtask until each checkpoint, and as many"
                + " pre-committed until its commit): with 4 tables of demo at parallelism 1 that is 8. Raise"
                + " max_running_txn_num_per_db above that plus the database's other loads (ADMIN SET FRONTEND"
                + " CONFIG, and in fe.conf), or lower the pipeline's parallelism; a quota below the pipeline's own"
                + " need is full again after every restart.", refused.getMessage());
    }

    /** The cap stops the subtask before Doris's quota: Doris never sees the begin beyond it. */
    @Test
    void theCapFailsBeforeDorisIsAskedForMore() throws Exception {
        start(1000, Map.of("sink.max-transactions-per-database", "2"));

        IOException refused = assertThrows(IOException.class, this::writeOneRowToEachTable);

        assertEquals("doris2pc would begin transaction 3 of this sink subtask in Doris database demo since the last"
                + " checkpoint, above 'sink.max-transactions-per-database' (2). The pipeline holds up to 2 x tables x"
                + " parallelism transactions in a database (one open load per table and sink subtask until each"
                + " checkpoint, and as many pre-committed until its commit): with 4 tables of demo at parallelism 1"
                + " that is 8. Raise the option, or make the checkpoint interval shorter if tables' rows are spread"
                + " over many loads.", refused.getMessage());
        assertEquals(2, server.transactions("demo").size());
    }

    private void start(int maxRunningTxnPerDb, Map<String, String> extra) {
        server = DorisTestServer.builder().user("loader").password("s3cr3t-P@ss")
                .maxRunningTxnPerDb(maxRunningTxnPerDb).start();
        Map<String, String> options = new HashMap<>(extra);
        options.put("fenodes", server.feAddress());
        options.put("username", "loader");
        options.put("password", "s3cr3t-P@ss");
        options.put("table.create.properties.replication_num", "1");
        Doris2pcSinkConfig config = Doris2pcSinkConfig.from(Configuration.fromMap(options), ZoneId.of("UTC"));
        for (int i = 1; i <= 4; i++) {
            EmployeeEvents table = new EmployeeEvents("demo", "employees_" + i);
            new Doris2pcMetadataApplier(config).applySchemaChange(table.create());
            tables.add(table);
        }
        writer = new Doris2pcWriter(config, LabelNamespace.newRunId(), TestInitContext.fresh(new JobID()), List.of());
    }

    private void writeOneRowToEachTable() throws Exception {
        for (EmployeeEvents table : tables) {
            writer.write(table.create(), NoWriteContext.INSTANCE);
        }
        for (EmployeeEvents table : tables) {
            writer.write(table.insert(1, "Georgi"), NoWriteContext.INSTANCE);
        }
    }
}
