package io.doris2pc.e2e;

import io.doris2pc.e2e.chaos.FailurePoint;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The random choices of one soak run, all drawn from its seed so that a run can be repeated: where the job fails,
 * how Doris misbehaves, the job's parallelism, buffer size and checkpoint interval, the column a shard gains, and
 * how many changes flow before the faults, after them and after the schema change.
 */
final class SoakScenario {

    /**
     * The failure points of a soak. A failure during a schema change is left out: Flink CDC 3.2.0 cannot restore
     * into one (see JobFailoverE2eTest), so it would end every such run failed, whatever the sink does.
     */
    private static final List<FailurePoint> FAILURES =
            List.of(
                    FailurePoint.NONE,
                    FailurePoint.WRITE,
                    FailurePoint.PREPARE_COMMIT,
                    FailurePoint.COMMIT_BEFORE,
                    FailurePoint.COMMIT_AFTER);
    private static final List<String> COLUMN_TYPES = List.of("INT", "VARCHAR(20)");

    final long seed;
    final int parallelism;
    final FailurePoint failure;
    final int writeAfterRecords;
    /** {@code sink.buffer-size}: small buffers stream rows into open transactions before the checkpoint. */
    final int bufferSize;
    final Duration checkpointInterval;
    final SoakDorisFault dorisFault;
    final String alteredShard;
    final String newColumnType;
    /** Source transactions (of one to three changes) before the faults, after them, after the schema change. */
    final int transactionsBeforeFaults;
    final int transactionsAfterFaults;
    final int transactionsAfterSchemaChange;
    final SoakRestart restart;
    /** ALTERs of random shards while changes flow, after the job failure and the Doris fault above. */
    final SoakDdlStorm ddlStorm;
    final int transactionsDuringStorm;
    private final long seedOfRun;

    SoakScenario(long seed) {
        this.seed = seed;
        // SplittableRandom mixes its seed: java.util.Random draws nearly the same first numbers from seeds in a row
        SplittableRandom random = new SplittableRandom(seed);
        parallelism = 1 + random.nextInt(2);
        failure = FAILURES.get(random.nextInt(FAILURES.size()));
        writeAfterRecords = 1 + random.nextInt(10);
        bufferSize = random.nextBoolean() ? 4096 : 1024 * 1024;
        checkpointInterval = Duration.ofMillis(300 + random.nextInt(9700));
        dorisFault = SoakDorisFault.values()[random.nextInt(SoakDorisFault.values().length)];
        alteredShard = MergedShards.SHARDS.get(random.nextInt(MergedShards.SHARDS.size()));
        newColumnType = COLUMN_TYPES.get(random.nextInt(COLUMN_TYPES.size()));
        transactionsBeforeFaults = 10 + random.nextInt(40);
        transactionsAfterFaults = 25 + random.nextInt(75);
        transactionsAfterSchemaChange = 10 + random.nextInt(40);
        seedOfRun = random.nextLong();
        // drawn last: the choices above stay what they were for every seed
        SoakRestart[] restarts = SoakRestart.drawn();
        SoakRestart drawn = restarts[random.nextInt(restarts.length)];
        // Restored from a savepoint taken after a failover, Flink CDC 3.2.0's MySQL source re-read rows committed
        // before the savepoint (docs/testing.md): that scenario would measure the source, not the sink
        boolean failsOver = failure != FailurePoint.NONE || dorisFault.mayFailTheJobOver();
        restart = drawn == SoakRestart.OLD_SAVEPOINT && failsOver ? SoakRestart.NONE : drawn;
        ddlStorm = new SoakDdlStorm(random);
        transactionsDuringStorm = 10 + random.nextInt(40);
    }

    /** The random source of the run's own draws (fault sizes, source changes), apart from the choices above. */
    Random randomForRun() {
        return new Random(seedOfRun);
    }

    @Override
    public String toString() {
        return "seed " + seed + ", parallelism " + parallelism + ", failure " + failure
                + (failure == FailurePoint.WRITE ? " after " + writeAfterRecords + " records" : "")
                + ", buffer " + bufferSize + " B, checkpoints every " + checkpointInterval.toMillis() + " ms, Doris "
                + dorisFault + ", restart " + restart + ", " + newColumnType + " column added to " + alteredShard + ", "
                + ddlStorm;
    }
}
