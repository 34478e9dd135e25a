package io.doris2pc.connector.sink;

import io.doris2pc.connector.config.Doris2pcOptions;
import io.doris2pc.connector.load.StreamLoadException;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's share of Doris's {@code max_running_txn_num_per_db}, which counts every PREPARE, PRECOMMITTED and
 * COMMITTED transaction of a database ({@code DatabaseTransactionMgr.beginTransaction}). Each sink subtask keeps one
 * load open per table it writes until the next checkpoint, and the loads pre-committed at a checkpoint keep running
 * until that checkpoint's commit; so a pipeline holds up to 2 x tables x parallelism transactions in a database by
 * its own shape. A quota smaller than that is full again after every failover: the refusal is explained with that
 * rule instead of being taken for a passing peak.
 *
 * <p>{@code sink.max-transactions-per-database} caps what one subtask begins in one database between two checkpoints.
 * Nothing can end a transaction's hold on the quota before the checkpoint's commit, so reaching the cap fails the
 * job with the same explanation, before the pipeline has taken the quota the database's other loads need.
 */
final class TransactionQuota {

    /** {@code DatabaseTransactionMgr.checkRunningTxnExceedLimit}: "current running txns on db 10006 is 100, ...". */
    private static final Pattern QUOTA_FULL =
            Pattern.compile("current running txns on db \\S+ is \\d+, larger than limit (\\d+)");

    private final int capPerSubtask;
    private final int parallelism;

    /** @param capPerSubtask 0 for no cap */
    TransactionQuota(int capPerSubtask, int parallelism) {
        this.capPerSubtask = capPerSubtask;
        this.parallelism = parallelism;
    }

    /**
     * Before a subtask begins another transaction in {@code db}.
     *
     * @param running the subtask's transactions in {@code db} since its last checkpoint
     * @param tables the tables of {@code db} the subtask writes
     */
    void checkBegin(String db, int running, int tables) throws IOException {
        if (capPerSubtask > 0 && running >= capPerSubtask) {
            throw new IOException("doris2pc would begin transaction " + (running + 1) + " of this sink subtask in "
                    + "Doris database " + db + " since the last checkpoint, above '"
                    + Doris2pcOptions.MAX_TRANSACTIONS_PER_DATABASE.key() + "' (" + capPerSubtask + "). "
                    + sizingRule(db, tables) + " Raise the option, or make the checkpoint interval shorter if "
                    + "tables' rows are spread over many loads.");
        }
    }

    /** Doris's refusal of a begin for a full quota, explained; {@code null} for any other refusal. */
    IOException explainRefusal(StreamLoadException refusal, String db, int tables) {
        Matcher full = QUOTA_FULL.matcher(String.valueOf(refusal.dorisMessage()));
        if (!full.find()) {
            return null;
        }
        return new IOException("Doris refused a new transaction in database " + db + ": its running transactions "
                + "reached the FE's max_running_txn_num_per_db (" + full.group(1) + "). " + sizingRule(db, tables)
                + " Raise max_running_txn_num_per_db above that plus the database's other loads (ADMIN SET FRONTEND "
                + "CONFIG, and in fe.conf), or lower the pipeline's parallelism; a quota below the pipeline's own "
                + "need is full again after every restart.", refusal);
    }

    private String sizingRule(String db, int tables) {
        return "The pipeline holds up to 2 x tables x parallelism transactions in a database (one open load per "
                + "table and sink subtask until each checkpoint, and as many pre-committed until its commit): with "
                + tables + " tables of " + db + " at parallelism " + parallelism + " that is " + (2L * tables
                * parallelism) + ".";
    }
}
