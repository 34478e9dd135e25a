package io.doris2pc.e2e;

import io.doris2pc.examples.MySqlClient;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A steady, repeatable stream of changes to the four shards: each step inserts a new employee into the next shard,
 * every third step updates an employee inserted earlier, every seventh updates one of the original employees and,
 * unless disabled, every fifth deletes an employee inserted earlier; each statement its own MySQL transaction.
 * Inserts name their columns, so columns added to a shard meanwhile get their default.
 */
final class ShardChanges implements SourceTraffic.Step {

    private static final Duration PAUSE = Duration.ofMillis(20);
    private static final int ORIGINAL_FIRST = 10001;
    private static final int ORIGINAL_COUNT = 116;

    private final int firstEmpNo;
    private final boolean deletes;

    private ShardChanges(int firstEmpNo, boolean deletes) {
        this.firstEmpNo = firstEmpNo;
        this.deletes = deletes;
    }

    /** Starts inserting employees numbered from {@code firstEmpNo} (keep ranges of one test apart). */
    static SourceTraffic start(MySqlClient mysql, int firstEmpNo, boolean deletes) {
        return SourceTraffic.start(mysql, "shard-changes", PAUSE, new ShardChanges(firstEmpNo, deletes));
    }

    @Override
    public void run(Connection connection, int index) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(index)) {
                statement.execute(sql);
            }
        }
    }

    private List<String> statements(int i) {
        List<String> sql = new ArrayList<>();
        sql.add("INSERT INTO " + shard(i) + " (emp_no, birth_date, first_name, last_name, gender, hire_date) VALUES ("
                + (firstEmpNo + i) + ", '1990-01-01', 'Gen" + i + "', 'Erated', 'F', '2024-01-01')");
        if (i % 3 == 2) {
            sql.add("UPDATE " + shard(i - 2) + " SET last_name = 'Updated" + i + "' WHERE emp_no = "
                    + (firstEmpNo + i - 2));
        }
        if (i % 7 == 6) {
            int original = ORIGINAL_FIRST + (i * 13) % ORIGINAL_COUNT;
            for (String shard : MergedShards.SHARDS) {
                sql.add("UPDATE " + shard + " SET first_name = 'Touched" + i + "' WHERE emp_no = " + original);
            }
        }
        if (deletes && i % 5 == 4) {
            sql.add("DELETE FROM " + shard(i - 4) + " WHERE emp_no = " + (firstEmpNo + i - 4));
        }
        return sql;
    }

    private static String shard(int i) {
        return MergedShards.SHARDS.get(i % MergedShards.SHARDS.size());
    }
}
