package io.doris2pc.e2e.support;

import io.doris2pc.e2e.MergedShards;
import io.doris2pc.examples.MySqlClient;
import io.doris2pc.examples.RunningPipeline;
import io.doris2pc.testserver.CommitRecord;
import io.doris2pc.testserver.DorisTestServer;
import io.doris2pc.testserver.TxnInfo;
import io.doris2pc.testserver.TxnState;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every run of the seed pipeline must end with, whatever failed on the way: Doris's table equals the merged
 * source row for row, no transaction is left open, and no label was committed twice.
 */
public final class ExactlyOnceChecks {

    private static final List<String> KEY = List.of("emp_no");

    private ExactlyOnceChecks() {}

    /** Waits until Doris holds exactly the merged source (no loss, no duplicate, deletes applied). */
    public static void awaitDorisEqualsSource(
            RunningPipeline pipeline, DorisTestServer doris, MySqlClient mysql, String step, Duration timeout) {
        String[] lastDifference = {""};
        try {
            pipeline.awaitUntil(
                    "Doris equals the merged source after " + step,
                    timeout,
                    () -> {
                        if (!doris.tableExists(SeedPipeline.DB, SeedPipeline.TABLE)) {
                            lastDifference[0] = "table not created yet";
                            return false;
                        }
                        Map<String, Map<String, String>> expected = MergedShards.read(mysql, KEY);
                        MergedShards.widen(expected, doris.columns(SeedPipeline.DB, SeedPipeline.TABLE));
                        Map<String, Map<String, String>> actual =
                                MergedShards.fromDoris(doris.rows(SeedPipeline.DB, SeedPipeline.TABLE), KEY);
                        lastDifference[0] = expected.size() + " source rows, " + actual.size() + " Doris rows";
                        return expected.equals(actual);
                    });
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + lastDifference[0], e);
        }
    }

    /**
     * Waits until no transaction is PREPARE or PRECOMMITTED any more: once the source is quiet, the last
     * checkpoint's transactions get committed and nothing else may stay open.
     */
    public static void awaitNoOpenTransactions(RunningPipeline pipeline, DorisTestServer doris, Duration timeout) {
        try {
            pipeline.awaitUntil(
                    "no transaction is PREPARE or PRECOMMITTED in Doris", timeout, () -> open(doris).isEmpty());
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; still open: " + open(doris), e);
        }
    }

    /** Fails naming the labels Doris committed more than once. */
    public static void assertEachLabelCommittedAtMostOnce(DorisTestServer doris) {
        Map<String, List<CommitRecord>> byLabel =
                doris.commits().stream()
                        .collect(Collectors.groupingBy(c -> c.db() + '/' + c.label()));
        Map<String, List<CommitRecord>> repeated =
                byLabel.entrySet().stream()
                        .filter(e -> e.getValue().size() > 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (!repeated.isEmpty()) {
            throw new AssertionError("Labels committed more than once: " + repeated);
        }
    }

    /** The transactions in {@code state}, by label. */
    public static Map<String, TxnInfo> transactionsIn(DorisTestServer doris, TxnState state) {
        return doris.transactions().stream()
                .filter(t -> t.state() == state)
                .collect(Collectors.toMap(TxnInfo::label, Function.identity(), (a, b) -> b));
    }

    private static List<TxnInfo> open(DorisTestServer doris) {
        return doris.transactions().stream()
                .filter(t -> t.state() == TxnState.PREPARE || t.state() == TxnState.PRECOMMITTED)
                .collect(Collectors.toList());
    }
}
