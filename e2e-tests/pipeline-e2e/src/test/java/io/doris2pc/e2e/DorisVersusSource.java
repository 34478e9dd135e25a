package io.doris2pc.e2e;

import io.doris2pc.examples.MySqlClient;
import io.doris2pc.testserver.DorisTestServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Compares the merged Doris table with the merged source shards, row for row. */
final class DorisVersusSource {

    static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final List<String> KEY = List.of("emp_no");

    private DorisVersusSource() {}

    /** Waits until Doris holds exactly the merged source (no loss, no duplicate, deletes applied). */
    static void awaitEqual(Awaiter awaiter, DorisTestServer doris, MySqlClient mysql, String step) {
        awaitEqual(awaiter, doris, mysql, step, UnaryOperator.identity());
    }

    /**
     * Waits until Doris holds exactly what {@code expectation} makes of the merged source rows (keyed by emp_no),
     * for scenarios whose documented outcome differs from the source.
     */
    static void awaitEqual(
            Awaiter awaiter,
            DorisTestServer doris,
            MySqlClient mysql,
            String step,
            UnaryOperator<Map<String, Map<String, String>>> expectation) {
        String[] lastDifference = {""};
        try {
            awaiter.awaitUntil(
                    "Doris equals the merged source after " + step,
                    CATCH_UP,
                    () -> {
                        if (!doris.tableExists(ShardsPipeline.DB, ShardsPipeline.TABLE)) {
                            lastDifference[0] = "table not created yet";
                            return false;
                        }
                        Map<String, Map<String, String>> expected = expectation.apply(MergedShards.read(mysql, KEY));
                        MergedShards.widen(expected, doris.columns(ShardsPipeline.DB, ShardsPipeline.TABLE));
                        Map<String, Map<String, String>> actual =
                                MergedShards.fromDoris(doris.rows(ShardsPipeline.DB, ShardsPipeline.TABLE), KEY);
                        lastDifference[0] = describe(expected, actual);
                        return expected.equals(actual);
                    });
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + lastDifference[0], e);
        }
    }

    private static String describe(Map<String, Map<String, String>> expected, Map<String, Map<String, String>> actual) {
        StringBuilder text = new StringBuilder(expected.size() + " source rows, " + actual.size() + " Doris rows");
        int shown = 0;
        for (Map.Entry<String, Map<String, String>> row : expected.entrySet()) {
            if (!row.getValue().equals(actual.get(row.getKey())) && shown++ < 3) {
                text.append("; emp_no ").append(row.getKey()).append(" source ").append(row.getValue())
                        .append(" Doris ").append(actual.get(row.getKey()));
            }
        }
        for (String key : actual.keySet()) {
            if (!expected.containsKey(key) && shown++ < 6) {
                text.append("; emp_no ").append(key).append(" only in Doris");
            }
        }
        return text.toString();
    }
}
