package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.CapturedLogs;
import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.testserver.TxnState;

import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static io.doris2pc.connector.sink.DorisFixture.DB;
import static io.doris2pc.connector.sink.DorisFixture.TABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The aborter against the Doris test server: what it aborts, what it leaves, where it stops. */
class TransactionAborterTest {

    private static final String ROW = "{\"id\":1,\"name\":\"a\"}\n";
    private static final LabelNamespace NS = new LabelNamespace("job", "r1", 5, 0);

    private DorisFixture doris;
    private RawStreamLoads loads;
    private DorisHttpClient client;
    private TransactionAborter aborter;
    private final SimpleCounter aborted = new SimpleCounter();

    @BeforeEach
    void start() {
        doris = new DorisFixture();
        loads = new RawStreamLoads(doris.server);
        client = new DorisHttpClient(doris.config);
        aborter = new TransactionAborter(client, new DorisRetries(2, Duration.ZERO), 3, aborted);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        loads.close();
        doris.close();
    }

    @Test
    void abortsOpenTransactionsOfTheNamespaceFromTheGivenSequenceUpToTheGapLimit() throws IOException {
        loads.preCommit(DB, TABLE, NS.label(0), ROW);
        loads.loadVisible(DB, TABLE, NS.label(1), ROW);
        loads.preCommit(DB, TABLE, NS.label(2), ROW);
        loads.loadVisible(DB, TABLE, NS.label(3), ROW);
        loads.preCommit(DB, TABLE, NS.label(5), ROW);
        client.abortByLabel(DB, NS.label(5));
        loads.awaitState(DB, NS.label(5), TxnState.ABORTED);
        loads.preCommit(DB, TABLE, NS.label(8), ROW);
        loads.preCommit(DB, TABLE, NS.label(12), ROW);

        try (RawStreamLoads.OpenLoad open = loads.begin(DB, TABLE, NS.label(6))) {
            long nextFree = aborter.abortLingering(NS, DB, 2).nextFree();

            assertEquals(9, nextFree);
            assertState(NS.label(0), TxnState.PRECOMMITTED);
            assertState(NS.label(1), TxnState.VISIBLE);
            assertAbortedByUs(NS.label(2));
            assertState(NS.label(3), TxnState.VISIBLE);
            assertState(NS.label(5), TxnState.ABORTED);
            assertAbortedByUs(NS.label(6));
            assertAbortedByUs(NS.label(8));
            assertState(NS.label(12), TxnState.PRECOMMITTED);
            assertEquals(3, aborted.getCount(), "transactions counted as aborted by us");
        }
    }

    @Test
    void leavesOtherNamespacesAndDatabasesAlone() throws IOException {
        doris.server.sql("", "CREATE DATABASE crm");
        doris.server.sql("crm", "CREATE TABLE " + TABLE + " (id INT, name VARCHAR(32)) UNIQUE KEY(id) "
                + "DISTRIBUTED BY HASH(id) BUCKETS 1 PROPERTIES (\"replication_num\" = \"1\")");
        LabelNamespace otherSubtask = new LabelNamespace("job", "r1", 5, 1);
        LabelNamespace otherAttempt = new LabelNamespace("job", "r1", 6, 0);
        LabelNamespace otherRun = new LabelNamespace("job", "r2", 5, 0);
        LabelNamespace otherPrefix = new LabelNamespace("job2", "r1", 5, 0);
        for (LabelNamespace other : new LabelNamespace[] {otherSubtask, otherAttempt, otherRun, otherPrefix}) {
            loads.preCommit(DB, TABLE, other.label(0), ROW);
        }
        loads.preCommit("crm", TABLE, NS.label(0), ROW);
        loads.preCommit(DB, TABLE, NS.label(0), ROW);

        assertEquals(1, aborter.abortLingering(NS, DB, 0).nextFree());

        assertAbortedByUs(NS.label(0));
        assertEquals(TxnState.PRECOMMITTED, doris.server.transaction("crm", NS.label(0)).orElseThrow().state());
        for (LabelNamespace other : new LabelNamespace[] {otherSubtask, otherAttempt, otherRun, otherPrefix}) {
            assertState(other.label(0), TxnState.PRECOMMITTED);
        }
    }

    /** Issue 13, point 10: one FE blip during the restore scan is retried, not a failed restore. */
    @Test
    void aLoadStateRequestThatFailsOnceIsAskedAgain() throws IOException {
        loads.preCommit(DB, TABLE, NS.label(0), ROW);
        doris.server.faults().feUnavailable(1);

        assertEquals(1, aborter.abortLingering(NS, DB, 0).nextFree());

        assertAbortedByUs(NS.label(0));
    }

    @Test
    void anUnusedNamespaceStartsAtTheGivenSequence() throws IOException {
        assertEquals(4, aborter.abortLingering(NS, DB, 4).nextFree());
        assertEquals(0, doris.server.transactions(DB).size());
    }

    @Test
    void aDatabaseDorisDoesNotHoldHasNothingOpenAndTheScanSaysSo() throws IOException {
        // FE httpv2/rest/GetStreamLoadState answers code 1 "unknown databases" for it, not UNKNOWN
        try (CapturedLogs logs = new CapturedLogs()) {
            assertEquals(4, aborter.abortLingering(NS, "dropped_db", 4).nextFree());
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("Doris has no database dropped_db")
                    && l.contains("no transaction of " + NS + " can be open there")), logs.lines().toString());
        }
    }

    private void assertAbortedByUs(String label) {
        assertState(label, TxnState.ABORTED);
        assertEquals("User Abort", doris.server.transaction(DB, label).orElseThrow().abortReason());
    }

    private void assertState(String label, TxnState state) {
        assertEquals(state, doris.server.transaction(DB, label).orElseThrow().state(), label);
    }
}
