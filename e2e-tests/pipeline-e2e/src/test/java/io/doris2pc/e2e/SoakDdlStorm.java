package io.doris2pc.e2e;

import io.doris2pc.examples.MySqlClient;
import io.doris2pc.testserver.DorisTestServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One to three ALTERs of random shards run while the soak's traffic flows, most of them within one checkpoint
 * interval, each with its own fresh column so that Doris must equal the merged source after any mix: added, added
 * and dropped, added and renamed, added and widened, added and CHANGEd (a type change and a rename), or a VARCHAR
 * widened (the merged column becomes STRING, a heavy change). A widening is followed by a row only the new type
 * holds. Meanwhile Doris misbehaves in ways the sink rides out without a failover: a failover during an ALTER would
 * restore to a point before it, which Flink CDC 3.2.0 cannot restore (it replays the ALTER against the table's current
 * schema), so job failures and the Doris faults that fail the job over stay out of the storm.
 */
final class SoakDdlStorm {

    /** What one ALTER of the storm does. */
    enum Kind {
        ADD,
        DROP,
        RENAME,
        WIDEN,
        CHANGE,
        WIDEN_VARCHAR
    }

    /** A Doris misbehaviour during the storm; none of them fails the job over. */
    enum Fault {
        NONE,
        LOST_MODIFY_ANSWER,
        LOST_COMMIT_RESPONSE,
        PUBLISH_TIMEOUT,
        COMMITS_UNAVAILABLE,
        SLOW_ANSWERS;

        void inject(DorisTestServer doris) {
            switch (this) {
                case LOST_MODIFY_ANSWER:
                    doris.faults().loseNextModifyAnswers(1);
                    break;
                case LOST_COMMIT_RESPONSE:
                    doris.faults().dropNextCommitResponses(1);
                    break;
                case PUBLISH_TIMEOUT:
                    doris.faults().publishTimeoutNextCommits(2);
                    break;
                case COMMITS_UNAVAILABLE:
                    doris.faults().commitsUnavailable(2);
                    break;
                case SLOW_ANSWERS:
                    doris.faults().delayResponses(Duration.ofMillis(150));
                    break;
                default:
                    break;
            }
        }
    }

    /** Only a BIGINT holds it. */
    private static final long BEYOND_INT = 3_000_000_000L;
    private static final int FIRST_EMP_NO = 900_000;

    private final List<Kind> kinds = new ArrayList<>();
    private final List<String> shards = new ArrayList<>();
    private final Fault fault;

    SoakDdlStorm(SplittableRandom random) {
        int alters = 1 + random.nextInt(3);
        for (int i = 0; i < alters; i++) {
            kinds.add(Kind.values()[random.nextInt(Kind.values().length)]);
            shards.add(MergedShards.SHARDS.get(random.nextInt(MergedShards.SHARDS.size())));
        }
        fault = Fault.values()[random.nextInt(Fault.values().length)];
    }

    /** Injects the storm's fault and runs its ALTERs, each with the rows it needs, one after the other. */
    void run(MySqlClient mysql, DorisTestServer doris) {
        fault.inject(doris);
        for (int i = 0; i < kinds.size(); i++) {
            String shard = shards.get(i);
            String column = "storm_" + i;
            int empNo = FIRST_EMP_NO + i;
            switch (kinds.get(i)) {
                case ADD:
                    mysql.execute("ALTER TABLE " + shard + " ADD COLUMN " + column + " INT");
                    break;
                case DROP:
                    mysql.execute("ALTER TABLE " + shard + " ADD COLUMN " + column + " INT",
                            "ALTER TABLE " + shard + " DROP COLUMN " + column);
                    break;
                case RENAME:
                    mysql.execute("ALTER TABLE " + shard + " ADD COLUMN " + column + " INT",
                            "ALTER TABLE " + shard + " RENAME COLUMN " + column + " TO " + column + "_renamed");
                    break;
                case WIDEN:
                    mysql.execute("ALTER TABLE " + shard + " ADD COLUMN " + column + " INT",
                            "ALTER TABLE " + shard + " MODIFY " + column + " BIGINT");
                    insert(mysql, shard, empNo, "'Wide'", column, String.valueOf(BEYOND_INT));
                    break;
                case CHANGE:
                    mysql.execute("ALTER TABLE " + shard + " ADD COLUMN " + column + " INT",
                            "ALTER TABLE " + shard + " CHANGE " + column + " " + column + "_changed BIGINT");
                    insert(mysql, shard, empNo, "'Changed'", column + "_changed", String.valueOf(BEYOND_INT));
                    break;
                default:
                    mysql.execute("ALTER TABLE " + shard + " MODIFY first_name VARCHAR(40) NOT NULL");
                    insert(mysql, shard, empNo, "'A-first-name-longer-than-fourteen'", null, null);
                    break;
            }
        }
    }

    /** Ends a fault that lasts, and one that found no statement to strike (a lost MODIFY answer without a MODIFY). */
    void clear(DorisTestServer doris) {
        doris.faults().clear();
    }

    /** One new employee, and its line in the change log, in one transaction. */
    private static void insert(MySqlClient mysql, String shard, int empNo, String firstName, String column,
            String value) {
        mysql.execute("START TRANSACTION",
                "INSERT INTO " + shard + " (emp_no, birth_date, first_name, last_name, gender, hire_date"
                        + (column == null ? "" : ", " + column) + ") VALUES (" + empNo + ", '1990-01-01', " + firstName
                        + ", 'Storm', 'F', '2024-01-01'" + (value == null ? "" : ", " + value) + ")",
                "INSERT INTO " + SoakTraffic.CHANGE_LOG + " (shard, op, emp_no) VALUES ('" + shard + "', 'insert', "
                        + empNo + ")",
                "COMMIT");
    }

    @Override
    public String toString() {
        List<String> alters = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            alters.add(kinds.get(i) + " " + shards.get(i));
        }
        return "DDL storm " + alters + " with Doris " + fault;
    }
}
