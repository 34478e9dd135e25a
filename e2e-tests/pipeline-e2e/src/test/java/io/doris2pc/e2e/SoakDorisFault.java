package io.doris2pc.e2e;

import io.doris2pc.testserver.DorisTestServer;

import java.time.Duration;
import java.util.Random;

/**
 * A misbehaviour of the Doris test server that a soak run injects while changes flow, each with a random size. The
 * sink's retry budget in the soak is 0.5 s, 1 s, 2 s: outages shorter than 3.5 s are ridden out, longer ones fail
 * the job over.
 */
enum SoakDorisFault {
    NONE {
        @Override
        String inject(DorisTestServer doris, Random random) {
            return "none";
        }
    },
    FAILED_LOAD {
        @Override
        String inject(DorisTestServer doris, Random random) {
            doris.faults().failNextLoads(1, "[INTERNAL_ERROR]cancelled: the BE's memory limit was exceeded");
            return "a load fails";
        }
    },
    CUT_LOAD_BODY {
        @Override
        String inject(DorisTestServer doris, Random random) {
            int bytes = 1 + random.nextInt(2000);
            doris.faults().cutNextLoadBodyAfter(bytes);
            return "a load's body is cut after " + bytes + " bytes";
        }
    },
    LOST_COMMIT_RESPONSE {
        @Override
        String inject(DorisTestServer doris, Random random) {
            int commits = 1 + random.nextInt(2);
            doris.faults().dropNextCommitResponses(commits);
            return count(commits, "commit response") + " lost";
        }
    },
    PUBLISH_TIMEOUT {
        @Override
        String inject(DorisTestServer doris, Random random) {
            int commits = 1 + random.nextInt(3);
            doris.faults().publishTimeoutNextCommits(commits);
            return count(commits, "commit") + " published late";
        }
    },
    FE_OUTAGE {
        @Override
        String inject(DorisTestServer doris, Random random) {
            Duration outage = Duration.ofMillis(500 + random.nextInt(5000));
            doris.faults().feUnavailableFor(outage);
            return "the FE answers 503 for " + outage.toMillis() + " ms";
        }
    },
    /** GlobalTransactionMgr.commitTransaction2PC could not lock the table in time: retried, not a failover. */
    COMMIT_LOCK_TIMEOUT {
        @Override
        String inject(DorisTestServer doris, Random random) {
            int commits = 1 + random.nextInt(2);
            doris.faults().failNextCommits(commits, "get tableList write lock timeout, tableList=(all_employees_info)");
            return count(commits, "commit") + " refused for a lock timeout";
        }
    },
    COMMITS_UNAVAILABLE {
        @Override
        String inject(DorisTestServer doris, Random random) {
            int commits = 1 + random.nextInt(3);
            doris.faults().commitsUnavailable(commits);
            return count(commits, "commit") + " answered 503";
        }
    },
    SERVER_RESTART {
        @Override
        String inject(DorisTestServer doris, Random random) {
            doris.restart();
            return "Doris restarts";
        }
    },
    RUNNING_TXN_LIMIT {
        @Override
        String inject(DorisTestServer doris, Random random) {
            // a commit awaiting its retry holds the only slot: the next load is refused until it is committed
            doris.faults().runningTxnLimit(1);
            doris.faults().commitsUnavailable(1);
            return "running-transaction limit 1 with a commit retried";
        }

        @Override
        void clear(DorisTestServer doris) {
            doris.faults().runningTxnLimit(DEFAULT_RUNNING_TXN_LIMIT);
        }
    },
    SLOW_ANSWERS {
        @Override
        String inject(DorisTestServer doris, Random random) {
            Duration delay = Duration.ofMillis(50 + random.nextInt(400));
            doris.faults().delayResponses(delay);
            return "every answer delayed by " + delay.toMillis() + " ms";
        }

        @Override
        void clear(DorisTestServer doris) {
            doris.faults().delayResponses(Duration.ZERO);
        }
    };

    /** Doris's default {@code max_running_txn_num_per_db}. */
    private static final int DEFAULT_RUNNING_TXN_LIMIT = 1000;

    /** Injects the fault now; returns what was injected. */
    abstract String inject(DorisTestServer doris, Random random);

    /** Ends a fault that lasts until it is cleared, once the changes after it have flowed. */
    void clear(DorisTestServer doris) {}

    /**
     * Whether the fault may fail the job over: a load Doris fails or cuts, Doris restarting, an FE outage beyond the
     * retry budget, the running-transaction limit.
     */
    boolean mayFailTheJobOver() {
        return this == FAILED_LOAD || this == CUT_LOAD_BODY || this == SERVER_RESTART || this == FE_OUTAGE
                || this == RUNNING_TXN_LIMIT;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
