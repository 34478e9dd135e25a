package io.doris2pc.e2e;

import io.doris2pc.examples.MySqlClient;
import io.doris2pc.testserver.DorisTestServer;

import java.time.Duration;
import java.util.ArrayList;
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
                        Rows rows = read(doris, mysql, expectation);
                        lastDifference[0] = rows.describe();
                        return rows.differing().isEmpty();
                    });
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + lastDifference[0], e);
        }
    }

    /** The merged source rows and the Doris table's rows now; none of Doris's while it has no table yet. */
    static Rows read(DorisTestServer doris, MySqlClient mysql) {
        return read(doris, mysql, UnaryOperator.identity());
    }

    private static Rows read(
            DorisTestServer doris, MySqlClient mysql, UnaryOperator<Map<String, Map<String, String>>> expectation) {
        Map<String, Map<String, String>> source = expectation.apply(MergedShards.read(mysql, KEY));
        if (!doris.tableExists(ShardsPipeline.DB, ShardsPipeline.TABLE)) {
            return new Rows(source, Map.of());
        }
        MergedShards.widen(source, doris.columns(ShardsPipeline.DB, ShardsPipeline.TABLE));
        return new Rows(source, MergedShards.fromDoris(doris.rows(ShardsPipeline.DB, ShardsPipeline.TABLE), KEY));
    }

    /** The merged source and the Doris table, each keyed by emp_no, every value as text. */
    static final class Rows {
        private final Map<String, Map<String, String>> source;
        private final Map<String, Map<String, String>> doris;

        private Rows(Map<String, Map<String, String>> source, Map<String, Map<String, String>> doris) {
            this.source = source;
            this.doris = doris;
        }

        /** The emp_no of every source row Doris lacks or holds otherwise, then of every row only Doris holds. */
        List<String> differing() {
            List<String> keys = new ArrayList<>();
            source.forEach((key, row) -> {
                if (!row.equals(doris.get(key))) {
                    keys.add(key);
                }
            });
            doris.keySet().stream().filter(key -> !source.containsKey(key)).forEach(keys::add);
            return keys;
        }

        /** The row counts and the first differing rows. */
        String describe() {
            StringBuilder text = new StringBuilder(source.size() + " source rows, " + doris.size() + " Doris rows");
            int shown = 0;
            for (String key : differing()) {
                if (!source.containsKey(key)) {
                    if (shown++ < 6) {
                        text.append("; emp_no ").append(key).append(" only in Doris");
                    }
                } else if (shown++ < 3) {
                    text.append("; emp_no ").append(key).append(" source ").append(source.get(key))
                            .append(" Doris ").append(doris.get(key));
                }
            }
            return text.toString();
        }
    }
}
