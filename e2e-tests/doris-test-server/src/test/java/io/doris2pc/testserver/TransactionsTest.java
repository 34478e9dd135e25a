package io.doris2pc.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Label Already Exists (BE stream_load.cpp), two-phase commit (FE LoadAction) and transactions
 * (FE transaction/DatabaseTransactionMgr).
 */
class TransactionsTest {
    private static final String ROW = "{\"id\":1,\"name\":\"a\"}";

    private ServerFixture f = new ServerFixture();

    @AfterEach
    void stop() {
        f.close();
    }

    private void restartWith(UnaryOperator<DorisTestServer.Builder> options) {
        f.close();
        f = new ServerFixture(options);
    }

    private static void assertError(JsonNode answer, String detail) {
        assertEquals("ANALYSIS_ERROR", answer.get("status").asText(), answer.toString());
        assertEquals("TStatus: errCode = 2, detailMessage = " + detail, answer.get("msg").asText());
    }

    // ---- two_phase_commit and labels

    @Test
    void twoPhaseCommitStopsAtPrecommittedWithRowsInvisible() throws Exception {
        JsonNode r = f.http.jsonLines("db", "t", "p1", true, ROW);
        assertEquals("Success", r.get("Status").asText());
        assertEquals("true", r.get("TwoPhaseCommit").asText());
        assertEquals(TxnState.PRECOMMITTED, f.state("p1"));
        assertEquals(r.get("TxnId").asLong(), f.txn("p1").txnId());
        assertTrue(f.server.rows("db", "t").isEmpty());
    }

    @Test
    void labelIsUniquePerDatabaseAcrossItsTables() throws Exception {
        TestTables.createUsers(f.server, "db", "t2");
        TestTables.createUsers(f.server, "other", "t");
        long first = f.http.precommit("db", "t", "shared", ROW);
        JsonNode sameDbOtherTable = f.http.jsonLines("db", "t2", "shared", true, ROW);
        assertEquals("Label Already Exists", sameDbOtherTable.get("Status").asText());
        assertTrue(sameDbOtherTable.get("Message").asText().contains("relate to txn [" + first + "]"));
        assertEquals("Success", f.http.jsonLines("other", "t", "shared", true, ROW).get("Status").asText());
    }

    @Test
    void labelAlreadyExistsForPrecommittedWithExactMessageAndNoTxnId() throws Exception {
        long first = f.http.precommit("db", "t", "dup", ROW);
        JsonNode r = f.http.jsonLines("db", "t", "dup", true, ROW);
        assertEquals("Label Already Exists", r.get("Status").asText());
        assertEquals(-1, r.get("TxnId").asLong());
        assertEquals("PRECOMMITTED", r.get("ExistingJobStatus").asText());
        // BE common/status.h Status::create(TStatus) prepends "TStatus: " (2.1 on)
        assertEquals("[LABEL_ALREADY_EXISTS]TStatus: errCode = 2, detailMessage = Label [dup] has already been used, "
                + "relate to txn [" + first + "]", r.get("Message").asText());
    }

    @Test
    void labelAlreadyExistsFieldComesRightAfterStatus() throws Exception {
        f.http.precommit("db", "t", "dup", ROW);
        String body = f.http.put("http://" + f.server.beAddress() + "/api/db/t/_stream_load",
                Map.of("label", "dup", "format", "json"), ROW, f.http.auth()).body();
        assertTrue(body.contains("\"Status\": \"Label Already Exists\",\n    \"ExistingJobStatus\": \"PRECOMMITTED\",\n"
                + "    \"Message\": "), body);
    }

    @Test
    void labelAlreadyExistsIsRunningWhileTheFirstLoadIsStillReading() throws Exception {
        try (InFlightLoad open = InFlightLoad.open(f.server, "db", "t", "busy")) {
            JsonNode r = f.http.jsonLines("db", "t", "busy", true, ROW);
            assertEquals("Label Already Exists", r.get("Status").asText());
            assertEquals("RUNNING", r.get("ExistingJobStatus").asText());
        }
    }

    @Test
    void labelAlreadyExistsIsFinishedForVisibleTransactions() throws Exception {
        f.http.jsonLines("db", "t", "done", false, ROW);
        assertEquals(TxnState.VISIBLE, f.state("done"));
        JsonNode r = f.http.jsonLines("db", "t", "done", false, ROW);
        assertEquals("FINISHED", r.get("ExistingJobStatus").asText());
    }

    @Test
    void labelAlreadyExistsIsFinishedForCommittedNotYetVisibleTransactions() throws Exception {
        restartWith(b -> b.publishDelay(Duration.ofHours(1)));
        long txn = f.http.precommit("db", "t", "committed", ROW);
        assertEquals("Success", f.http.commit("db", txn).get("status").asText());
        assertEquals(TxnState.COMMITTED, f.state("committed"));
        assertEquals("FINISHED", f.http.jsonLines("db", "t", "committed", true, ROW).get("ExistingJobStatus").asText());
    }

    @Test
    void labelOfAnAbortedTransactionIsFreeAgain() throws Exception {
        long txn = f.http.precommit("db", "t", "again", ROW);
        f.http.abort("db", txn);
        JsonNode r = f.http.jsonLines("db", "t", "again", true, ROW);
        assertEquals("Success", r.get("Status").asText());
        assertTrue(r.get("TxnId").asLong() > txn);
    }

    @Test
    void legacyStyleLabelAlreadyExistsHasNoBracketPrefix() throws Exception {
        restartWith(b -> b.legacyErrorStyle(true));
        long first = f.http.precommit("db", "t", "dup", ROW);
        assertEquals("errCode = 2, detailMessage = Label [dup] has already been used, relate to txn [" + first + "]",
                f.http.jsonLines("db", "t", "dup", true, ROW).get("Message").asText());
    }

    @Test
    void labelOf128AllowedCharactersIsAccepted() throws Exception {
        String label = "a-b_C:9".repeat(18) + "xx";
        assertEquals(128, label.length());
        assertEquals("Success", f.http.jsonLines("db", "t", label, true, ROW).get("Status").asText());
    }

    // ---- _stream_load_2pc: successes

    @Test
    void commitByTxnIdMakesRowsVisible() throws Exception {
        long txn = f.http.precommit("db", "t", "c1", ROW);
        JsonNode r = f.http.commit("db", txn);
        assertEquals("Success", r.get("status").asText());
        assertEquals("transaction [" + txn + "] commit successfully.", r.get("msg").asText());
        assertEquals(TxnState.VISIBLE, f.state("c1"));
        assertEquals(1, f.server.rows("db", "t").size());
    }

    @Test
    void commitByLabelNamesTheLabelInItsAnswer() throws Exception {
        f.http.precommit("db", "t", "c2", ROW);
        JsonNode r = f.http.commitByLabel("db", "c2");
        assertEquals("Success", r.get("status").asText());
        // stream_load_2pc.cpp words the answer from the headers sent: only the label here
        assertEquals("label [c2] commit successfully.", r.get("msg").asText());
        assertEquals(TxnState.VISIBLE, f.state("c2"));
    }

    @Test
    void abortByTxnIdDiscardsRows() throws Exception {
        long txn = f.http.precommit("db", "t", "a1", ROW);
        JsonNode r = f.http.abort("db", txn);
        assertEquals("transaction [" + txn + "] abort successfully.", r.get("msg").asText());
        assertEquals(TxnState.ABORTED, f.state("a1"));
        assertEquals("User Abort", f.txn("a1").abortReason());
        assertTrue(f.server.rows("db", "t").isEmpty());
    }

    @Test
    void abortByLabelNamesTheLabelInItsAnswer() throws Exception {
        f.http.precommit("db", "t", "a2", ROW);
        assertEquals("label [a2] abort successfully.", f.http.abortByLabel("db", "a2").get("msg").asText());
        assertEquals(TxnState.ABORTED, f.state("a2"));
    }

    @Test
    void twoPhaseCommitPathWithATableIgnoresTheTable() throws Exception {
        long txn = f.http.precommit("db", "t", "c3", ROW);
        JsonNode r = DorisHttp.JSON.readTree(f.http.put("http://" + f.server.beAddress() + "/api/db/no_such_table/_stream_load_2pc",
                Map.of("txn_operation", "commit", "txn_id", String.valueOf(txn)), "", f.http.auth()).body());
        assertEquals("Success", r.get("status").asText());
        assertEquals(TxnState.VISIBLE, f.state("c3"));
    }

    @Test
    void feRedirectsTwoPhaseCommitToTheBackend() throws Exception {
        DorisHttp.Answer a = f.http.put("http://" + f.server.feAddress() + "/api/db/_stream_load_2pc",
                Map.of("txn_operation", "commit", "txn_id", "1"), "", f.http.auth());
        assertEquals(307, a.status);
        assertEquals("http://" + f.server.user() + ":@127.0.0.1:" + f.server.bePort() + "/api/db/_stream_load_2pc?",
                a.location);
    }

    // ---- _stream_load_2pc: every error text of the spec's table

    @Test
    void commitOfUnknownTxnIsNotFound() throws Exception {
        assertError(f.http.commit("db", 424242), "transaction [424242] not found");
    }

    @Test
    void abortOfUnknownTxnIsNotFound() throws Exception {
        assertError(f.http.abort("db", 424242), "transaction [424242] not found");
    }

    @Test
    void commitOfAnAbortedTxnGivesTheAbortReasonAfterAFullStop() throws Exception {
        long txn = f.http.precommit("db", "t", "ab", ROW);
        f.http.abort("db", txn);
        assertError(f.http.commit("db", txn), "transaction [" + txn + "] is already aborted. abort reason: User Abort");
    }

    @Test
    void commitOfATxnAbortedByALoadErrorGivesTheLoadError() throws Exception {
        JsonNode r = f.http.jsonLines("db", "t", "bad", true, "{\"id\":1,\"name\":\"toolong\"}");
        assertEquals("Fail", r.get("Status").asText());
        long txn = r.get("TxnId").asLong();
        assertError(f.http.commit("db", txn),
                "transaction [" + txn + "] is already aborted. abort reason: [DATA_QUALITY_ERROR]too many filtered rows");
    }

    @Test
    void commitOfAVisibleTxnSaysAlreadyVisible() throws Exception {
        long txn = f.http.precommit("db", "t", "v", ROW);
        f.http.commit("db", txn);
        assertError(f.http.commit("db", txn), "transaction [" + txn + "] is already visible, not pre-committed.");
        assertEquals(1, f.server.commits().size());
    }

    @Test
    void commitOfACommittedTxnSaysAlreadyCommitted() throws Exception {
        restartWith(b -> b.publishDelay(Duration.ofHours(1)));
        long txn = f.http.precommit("db", "t", "c", ROW);
        f.http.commit("db", txn);
        assertError(f.http.commit("db", txn), "transaction [" + txn + "] is already committed, not pre-committed.");
    }

    @Test
    void commitOfATxnStillLoadingSaysPrepare() throws Exception {
        try (InFlightLoad open = InFlightLoad.open(f.server, "db", "t", "loading", "two_phase_commit: true\r\n")) {
            long txn = f.txn("loading").txnId();
            assertError(f.http.commit("db", txn), "transaction [" + txn + "] is prepare, not pre-committed.");
        }
    }

    @Test
    void abortOfAnAbortedTxnGivesTheReasonAfterAComma() throws Exception {
        long txn = f.http.precommit("db", "t", "ab", ROW);
        f.http.abort("db", txn);
        assertError(f.http.abort("db", txn), "transaction [" + txn + "] is already aborted, abort reason: User Abort");
    }

    @Test
    void abortOfACommittedTxnCannotAbort() throws Exception {
        restartWith(b -> b.publishDelay(Duration.ofHours(1)));
        long txn = f.http.precommit("db", "t", "c", ROW);
        f.http.commit("db", txn);
        assertError(f.http.abort("db", txn), "transaction [" + txn + "] is already COMMITTED, could not abort.");
    }

    @Test
    void abortOfAVisibleTxnCannotAbort() throws Exception {
        long txn = f.http.precommit("db", "t", "v", ROW);
        f.http.commit("db", txn);
        assertError(f.http.abort("db", txn), "transaction [" + txn + "] is already VISIBLE, could not abort.");
        assertEquals(1, f.server.rows("db", "t").size());
    }

    @Test
    void commitAndAbortInAnUnknownDatabase() throws Exception {
        assertError(f.http.commit("nodb", 1001), "unknown database, database=nodb");
        assertError(f.http.abort("nodb", 1001), "unknown database, database=nodb");
    }

    @Test
    void operationMustBeLowerCaseCommitOrAbort() throws Exception {
        long txn = f.http.precommit("db", "t", "op", ROW);
        for (String op : new String[] {"COMMIT", "Abort", "rollback"}) {
            JsonNode r = f.http.twoPc("db", Map.of("txn_operation", op, "txn_id", String.valueOf(txn)));
            assertEquals("INTERNAL_ERROR", r.get("status").asText(), op);
            assertEquals("transaction operation should be 'commit' or 'abort'", r.get("msg").asText());
        }
        assertEquals(TxnState.PRECOMMITTED, f.state("op"));
    }

    @Test
    void legacyStyleErrorsAreFailWithoutTStatus() throws Exception {
        restartWith(b -> b.legacyErrorStyle(true));
        JsonNode r = f.http.commit("db", 424242);
        assertEquals("Fail", r.get("status").asText());
        assertEquals("errCode = 2, detailMessage = transaction [424242] not found", r.get("msg").asText());
        JsonNode malformed = f.http.twoPc("db", Map.of("txn_operation", "COMMIT", "txn_id", "1"));
        assertEquals("Fail", malformed.get("status").asText());
    }

    @Test
    void commitByLabelLooksOnlyAtPrecommittedTransactions() throws Exception {
        try (InFlightLoad open = InFlightLoad.open(f.server, "db", "t", "loading", "two_phase_commit: true\r\n")) {
            JsonNode r = f.http.commitByLabel("db", "loading");
            assertEquals("ANALYSIS_ERROR", r.get("status").asText());
            assertTrue(r.get("msg").asText().contains("loading"), r.toString());
            assertEquals(TxnState.PREPARE, f.state("loading"));
        }
    }

    @Test
    void abortByLabelAlsoAbortsATransactionStillLoading() throws Exception {
        try (InFlightLoad open = InFlightLoad.open(f.server, "db", "t", "loading", "two_phase_commit: true\r\n")) {
            assertEquals("Success", f.http.abortByLabel("db", "loading").get("status").asText());
            assertEquals(TxnState.ABORTED, f.state("loading"));
        }
    }

    @Test
    void afterDropTableCommitFailsButAbortWorks() throws Exception {
        long committed = f.http.precommit("db", "t", "d1", ROW);
        long aborted = f.http.precommit("db", "t", "d2", "{\"id\":2}");
        f.server.sql("db", "DROP TABLE t");
        JsonNode commit = f.http.commit("db", committed);
        assertEquals("ANALYSIS_ERROR", commit.get("status").asText());
        assertEquals(TxnState.PRECOMMITTED, f.state("d1"));
        assertEquals("Success", f.http.abort("db", aborted).get("status").asText());
        assertEquals(TxnState.ABORTED, f.state("d2"));
    }

    // ---- timeouts and retention on the test clock

    @Test
    void prepareTimesOutAfterTheTimeoutHeaderWhenTheCleanerRuns() throws Exception {
        // DatabaseTransactionMgr.removeExpiredAndTimeoutTxns runs every transaction_clean_interval_second (30 s)
        try (InFlightLoad open = InFlightLoad.open(f.server, "db", "t", "slow", "timeout: 60\r\n")) {
            f.clock().advance(Duration.ofSeconds(89));
            assertEquals(TxnState.PREPARE, f.state("slow"), "overdue, but the cleaner has not run since");
            f.clock().advance(Duration.ofSeconds(1));
            assertEquals(TxnState.ABORTED, f.state("slow"));
            assertEquals("timeout by txn manager", f.txn("slow").abortReason());
        }
    }

    @Test
    void precommittedTimesOutAfter3600SecondsByDefaultAndItsDataIsGone() throws Exception {
        long txn = f.http.precommit("db", "t", "late", ROW);
        f.clock().advance(Duration.ofSeconds(3629));
        assertEquals(TxnState.PRECOMMITTED, f.state("late"));
        f.clock().advance(Duration.ofSeconds(1));
        assertEquals(TxnState.ABORTED, f.state("late"));
        assertError(f.http.commit("db", txn),
                "transaction [" + txn + "] is already aborted. abort reason: timeout by txn manager");
        assertTrue(f.server.rows("db", "t").isEmpty());
    }

    @Test
    void precommitTimeoutIsAGlobalSettingNotTheLoadTimeout() throws Exception {
        restartWith(b -> b.precommitTimeout(Duration.ofSeconds(10)));
        f.http.load("db", "t", Map.of("label", "l", "format", "json", "two_phase_commit", "true", "timeout", "259200"), ROW);
        f.clock().advance(Duration.ofSeconds(30));
        assertEquals(TxnState.ABORTED, f.state("l"));
    }

    @Test
    void finishedTransactionsAreForgottenAfter43200SecondsAndTheirLabelIsFree() throws Exception {
        long txn = f.http.precommit("db", "t", "old", ROW);
        f.http.commit("db", txn);
        f.clock().advance(Duration.ofSeconds(43199));
        assertError(f.http.commit("db", txn), "transaction [" + txn + "] is already visible, not pre-committed.");
        f.clock().advance(Duration.ofSeconds(1));
        assertError(f.http.commit("db", txn), "transaction [" + txn + "] not found");
        assertError(f.http.abort("db", txn), "transaction [" + txn + "] not found");
        assertEquals("UNKNOWN", f.http.feGet("/api/db/get_load_state?label=old").get("data").asText());
        assertEquals("Success", f.http.jsonLines("db", "t", "old", true, ROW).get("Status").asText());
    }

    @Test
    void abortedTransactionsAreForgottenAfterTheLabelKeepTime() throws Exception {
        restartWith(b -> b.labelKeep(Duration.ofSeconds(100)));
        long txn = f.http.precommit("db", "t", "gone", ROW);
        f.http.abort("db", txn);
        f.clock().advance(Duration.ofSeconds(120));
        assertError(f.http.abort("db", txn), "transaction [" + txn + "] not found");
    }

    @Test
    void onlyTheNewestFinishedTransactionsBeyondLabelNumThresholdAreKept() throws Exception {
        restartWith(b -> b.labelNumThreshold(2));
        for (String label : new String[] {"n1", "n2", "n3"}) {
            f.http.jsonLines("db", "t", label, false, ROW);
            f.clock().advance(Duration.ofSeconds(1));
        }
        assertEquals("UNKNOWN", f.http.feGet("/api/db/get_load_state?label=n1").get("data").asText());
        assertEquals("VISIBLE", f.http.feGet("/api/db/get_load_state?label=n2").get("data").asText());
        assertEquals("VISIBLE", f.http.feGet("/api/db/get_load_state?label=n3").get("data").asText());
    }

    // ---- max_running_txn_num_per_db

    @Test
    void runningTxnLimitCountsPrepareAndPrecommittedPerDatabase() throws Exception {
        restartWith(b -> b.maxRunningTxnPerDb(2));
        TestTables.createUsers(f.server, "other", "t");
        f.http.precommit("db", "t", "r1", ROW);
        try (InFlightLoad open = InFlightLoad.open(f.server, "db", "t", "r2")) {
            JsonNode r = f.http.jsonLines("db", "t", "r3", true, ROW);
            assertEquals("Fail", r.get("Status").asText());
            assertEquals(-1, r.get("TxnId").asLong());
            assertTrue(r.get("Message").asText().matches(
                    "\\[ANALYSIS_ERROR]TStatus: errCode = 2, detailMessage = current running txns on db \\d+ is 2, "
                            + "larger than limit 2"), r.toString());
            assertEquals("Success", f.http.jsonLines("other", "t", "r3", true, ROW).get("Status").asText());
        }
    }

    @Test
    void runningTxnLimitCountsCommittedButNotVisibleOrAborted() throws Exception {
        restartWith(b -> b.maxRunningTxnPerDb(1).publishDelay(Duration.ofHours(1)));
        f.http.commit("db", f.http.precommit("db", "t", "committed", ROW));
        assertEquals("Fail", f.http.jsonLines("db", "t", "blocked", true, ROW).get("Status").asText());

        restartWith(b -> b.maxRunningTxnPerDb(1));
        f.http.commit("db", f.http.precommit("db", "t", "visible", ROW));
        f.http.abort("db", f.http.precommit("db", "t", "aborted", ROW));
        assertEquals("Success", f.http.jsonLines("db", "t", "free", true, ROW).get("Status").asText());
    }

    @Test
    void runningTxnLimitIs1000ByDefault() throws Exception {
        for (int i = 0; i < 1000; i++) {
            JsonNode r = f.http.loadToBe("db", "t", Map.of("label", "q" + i, "two_phase_commit", "true"), "");
            assertEquals("Success", r.get("Status").asText(), r.toString());
        }
        JsonNode over = f.http.loadToBe("db", "t", Map.of("label", "q1000", "two_phase_commit", "true"), "");
        assertTrue(over.get("Message").asText().endsWith("is 1000, larger than limit 1000"), over.toString());
    }

    @Test
    void peakRunningTransactionsIsTheHighWaterMarkOfRunningOnesPerDatabase() throws Exception {
        restartWith(b -> b.publishDelay(Duration.ofHours(1)));
        TestTables.createUsers(f.server, "other", "t");
        assertEquals(0, f.server.peakRunningTransactions("db"));
        long committed = f.http.precommit("db", "t", "p1", ROW);
        f.http.commit("db", committed);
        long aborted = f.http.precommit("db", "t", "p2", ROW);
        try (InFlightLoad open = InFlightLoad.open(f.server, "db", "t", "p3")) {
            // COMMITTED (not yet visible), PRECOMMITTED and PREPARE all count
            assertEquals(3, f.server.peakRunningTransactions("db"));
        }
        Awaits.until("the broken-off load p3 aborted", Duration.ofSeconds(10),
                () -> f.state("p3") == TxnState.ABORTED);
        f.http.abort("db", aborted);
        f.http.precommit("db", "t", "p4", ROW);
        assertEquals(3, f.server.peakRunningTransactions("db"), "the peak stays after transactions end");
        f.http.precommit("db", "t", "p5", ROW);
        f.http.precommit("db", "t", "p6", ROW);
        assertEquals(4, f.server.peakRunningTransactions("db"));
        f.http.precommit("other", "t", "p1", ROW);
        assertEquals(1, f.server.peakRunningTransactions("other"));
    }

    // ---- visibility

    @Test
    void committedBecomesVisibleAfterThePublishDelay() throws Exception {
        restartWith(b -> b.publishDelay(Duration.ofSeconds(1)));
        long txn = f.http.precommit("db", "t", "pub", ROW);
        assertEquals("Success", f.http.commit("db", txn).get("status").asText());
        assertEquals(TxnState.COMMITTED, f.state("pub"));
        assertTrue(f.server.rows("db", "t").isEmpty());
        Awaits.until("transaction pub VISIBLE", Duration.ofSeconds(10), () -> f.state("pub") == TxnState.VISIBLE);
        assertEquals(1, f.server.rows("db", "t").size());
    }

    @Test
    void commitsPublishInCommitOrder() throws Exception {
        long first = f.http.precommit("db", "t", "o1", "{\"id\":1,\"name\":\"old\"}");
        long second = f.http.precommit("db", "t", "o2", "{\"id\":1,\"name\":\"new\"}");
        f.http.commit("db", second);
        f.http.commit("db", first);
        assertEquals("old", f.server.rows("db", "t").get(0).get("name"));
        assertEquals(List.of("o2", "o1"),
                f.server.commits().stream().map(CommitRecord::label).collect(Collectors.toList()));
    }

    @Test
    void publishTimeoutCountsAsCommittedAndTheRowsArriveLater() throws Exception {
        f.server.faults().publishTimeoutNextCommits(1);
        JsonNode r = f.http.jsonLines("db", "t", "pt", false, ROW);
        assertEquals("Publish Timeout", r.get("Status").asText());
        assertFalse(r.get("TxnId").asLong() < 0);
        assertEquals(1, f.server.commits().size());
        Awaits.until("transaction pt VISIBLE", Duration.ofSeconds(10), () -> f.state("pt") == TxnState.VISIBLE);
        assertEquals(1, f.server.rows("db", "t").size());
    }
}
