package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.DorisHttpClient;
import io.doris2pc.connector.client.LoadState;
import io.doris2pc.connector.client.TwoPhaseCommitAnswer;
import io.doris2pc.connector.config.Doris2pcOptions;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.schema.DorisAlterJob;

import org.apache.flink.cdc.common.event.SchemaChangeEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.doris2pc.connector.schema.DorisIdentifiers.quote;

/**
 * What a writer does when a schema change it receives runs in Doris as a heavy alter job.
 *
 * <h2>DESIGN: heavy schema changes</h2>
 *
 * <p>Doris runs a type or nullability change (MODIFY COLUMN) as an alter job that first waits for every earlier
 * transaction of the table that is PREPARE, PRECOMMITTED or COMMITTED ({@code alter/SchemaChangeJobV2},
 * {@code DatabaseTransactionMgr.isPreviousTransactionsFinished}), and refuses every other ALTER of the table until it
 * ends ("state(SCHEMA_CHANGE) is not NORMAL"). Flink CDC flushes the writers before it applies a change, so the
 * table's open loads are pre-committed then, and this sink used to commit them only when the next checkpoint
 * completed. But no checkpoint completes while Flink CDC applies the table's next change, so two changes of one table
 * within a checkpoint interval (MySQL's {@code CHANGE c c2 BIGINT} is a type change and a rename) waited for their
 * own transactions until {@code table.schema-change.timeout}, and the job failed where Flink CDC 3.2.0 cannot restore
 * it. Rows after a widening were meanwhile loaded under the old type, which may not hold them.
 *
 * <p>So when a writer receives a change of table T and T's newest alter job is still running:
 *
 * <ol>
 *   <li>it commits, oldest first, its transactions of T that Doris still holds pre-committed: those handed to the
 *       committer at recent checkpoints whose commit has not happened yet (the committer runs in the writer's own
 *       task thread, so it cannot commit while the writer waits), then those not handed over yet. They stay in the
 *       committables, where the committer finds them already visible. Oldest first, so that rows of one key become
 *       visible in the order they were written.
 *   <li>it waits for the job to finish before it writes any row of T under the new schema, so rows after a widening
 *       fit; a cancelled job fails the pipeline, naming the table, the change and Doris's reason.
 * </ol>
 *
 * Every writer receives every schema change, so each commits its own part and the job proceeds; by the time Flink
 * CDC applies the table's next change, every writer has seen the job finish and the table accepts ALTERs. Light
 * changes (ADD, DROP, RENAME COLUMN, widening a VARCHAR) run no job and change nothing here.
 *
 * <p>The cost: the rows of T not yet committed when a heavy change of T arrives (those written since the last
 * checkpoint whose completion the sink has acted on) become visible at the change instead of at the next
 * checkpoint, each transaction still all at once. A failure after the early commit and
 * before the next checkpoint completes restores to a point before the change. For an ADD, DROP or RENAME column in
 * the same interval Flink CDC 3.2.0 cannot restore there at all (it replays the ALTER against the table's current
 * schema and fails); the way out is a restart without state. Where it does restore (a type change, replayed as a
 * no-op), the source replays the early-committed rows: a UNIQUE KEY table receives the same rows in the same order
 * and ends equal to the source; a DUPLICATE KEY table keeps them twice.
 */
final class AlterJobGate {

    private static final Logger LOG = LoggerFactory.getLogger(AlterJobGate.class);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(1);

    private final DorisHttpClient client;
    private final Duration timeout;
    private final Duration firstPoll;
    private final Duration retryBackoff;
    private final int maxRetries;

    AlterJobGate(DorisHttpClient client, Doris2pcSinkConfig config) {
        this.client = client;
        this.timeout = config.schemaChangeTimeout();
        this.retryBackoff = config.retryBackoff();
        this.firstPoll = config.retryBackoff().compareTo(LONGEST_POLL) < 0 ? config.retryBackoff() : LONGEST_POLL;
        this.maxRetries = config.maxRetries();
    }

    /**
     * After {@code change} of {@code db.table}: if Doris runs it as an alter job, commits this writer's transactions
     * of the table that are still open, oldest first, and waits for the job to finish.
     *
     * @param handedOver the table's transactions handed to the committer at recent checkpoints, oldest first
     * @param pending the table's pre-committed transactions not handed over yet
     * @return the transactions committed here; none when Doris runs no alter job for the change
     */
    List<Doris2pcCommittable> pass(String db, String table, SchemaChangeEvent change,
            List<Doris2pcCommittable> handedOver, List<Doris2pcCommittable> pending)
            throws IOException {
        Optional<DorisAlterJob> job = DorisAlterJob.newest(client, db, table);
        if (!job.isPresent() || !job.get().isRunning()) {
            return List.of();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Doris2pcCommittable> committed = new ArrayList<>();
        for (Doris2pcCommittable txn : byTxnId(handedOver)) {
            LoadState state = client.loadState(txn.db(), txn.label());
            if (state.isOpen()) {
                commit(txn, change);
                committed.add(txn);
            } else if (state == LoadState.ABORTED) {
                throw new IOException("Transaction " + txn.label() + " of " + quote(db, table) + ", handed to the "
                        + "committer, is ABORTED in Doris; " + change.getType() + " cannot proceed without losing "
                        + "its rows");
            }
        }
        for (Doris2pcCommittable txn : byTxnId(pending)) {
            commit(txn, change);
            committed.add(txn);
        }
        LOG.info("{} of {} runs as Doris {}; committed this writer's {} open transaction(s) of the table so that "
                + "the job can proceed", change.getType(), quote(db, table), job.get(), committed.size());
        awaitFinished(db, table, job.get(), change, deadline);
        return committed;
    }

    private static List<Doris2pcCommittable> byTxnId(List<Doris2pcCommittable> txns) {
        return txns.stream().sorted(Comparator.comparingLong(Doris2pcCommittable::txnId)).collect(Collectors.toList());
    }

    private void commit(Doris2pcCommittable txn, SchemaChangeEvent change) throws IOException {
        Duration backoff = retryBackoff;
        for (int attempt = 1; ; attempt++) {
            TwoPhaseCommitAnswer answer;
            try {
                answer = client.commit(txn.db(), txn.txnId());
            } catch (IOException e) {
                if (attempt > maxRetries) {
                    throw new IOException("Could not commit " + txn.label() + " of " + quote(txn.db(), txn.table())
                            + " for " + change.getType() + " after " + attempt + " attempts ("
                            + Doris2pcOptions.MAX_RETRIES.key() + " = " + maxRetries + ")", e);
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
                continue;
            }
            switch (TwoPhaseCommitOutcome.of(answer)) {
                case SUCCESS:
                case PUBLISH_TIMEOUT:
                case ALREADY_FINISHED:
                    return;
                default:
                    throw new IOException("Doris refused to commit " + txn.label() + " (txn " + txn.txnId() + ") of "
                            + quote(txn.db(), txn.table()) + " before " + change.getType() + ": " + answer.message());
            }
        }
    }

    private void awaitFinished(String db, String table, DorisAlterJob started, SchemaChangeEvent change,
            long deadline) throws IOException {
        Duration poll = firstPoll;
        while (true) {
            Optional<DorisAlterJob> job = DorisAlterJob.newest(client, db, table);
            if (job.isPresent() && job.get().jobId() == started.jobId() && job.get().isCancelled()) {
                throw new IOException("Doris cancelled " + job.get() + " of " + quote(db, table) + ", which applies "
                        + change + ". Rows after the change cannot be written under a schema Doris does not have: fix "
                        + "the cause (see SHOW ALTER TABLE COLUMN FROM " + quote(db) + "), apply the change by hand, "
                        + "and restart the pipeline");
            }
            if (!job.isPresent() || !job.get().isRunning()) {
                LOG.info("Doris finished {} of {}", started, quote(db, table));
                return;
            }
            DorisAlterJob running = job.get();
            poll = pause(poll, deadline, () -> "Doris " + running + " of " + quote(db, table) + ", which applies "
                    + change.getType() + " after this writer committed its transactions of the table. It waits for "
                    + "transactions of another writer, job or client (SHOW ALTER TABLE COLUMN FROM " + quote(db)
                    + "), or Doris converts a large table: raise " + Doris2pcOptions.SCHEMA_CHANGE_TIMEOUT.key()
                    + " and the pipeline's schema-operator.rpc-timeout");
        }
    }

    /** Sleeps before the next poll, or fails when the deadline has passed; returns the next poll's pause. */
    private Duration pause(Duration poll, long deadline, Supplier<String> awaited)
            throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new IOException("Waited " + Doris2pcOptions.SCHEMA_CHANGE_TIMEOUT.key() + " (" + timeout + ") for "
                    + awaited.get());
        }
        sleep(Duration.ofNanos(Math.min(poll.toNanos(), left)));
        Duration next = poll.multipliedBy(2);
        return next.compareTo(LONGEST_POLL) < 0 ? next : LONGEST_POLL;
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while following a Doris alter job", e);
        }
    }
}
