package io.doris2pc.benchmarks;

import io.doris2pc.examples.EmbeddedMySql;

import java.util.ArrayList;
import java.util.List;

/**
 * The four shard tables of {@code emp_shards.sql} filled with generated employees, and the binlog changes of the
 * end-to-end benchmark. Rows are generated inside MariaDB (its SEQUENCE engine), so loading a million rows
 * takes seconds. The changes leave the tables as they found them in row count: they flip every updated row's
 * gender, insert new employees and delete those again, so each round snapshots the same number of rows.
 */
final class ShardedEmployees {
    static final String[] TABLES = {"emp_1.employees_1", "emp_1.employees_2", "emp_2.employees_1", "emp_2.employees_2"};
    private static final int BATCH = 5_000;
    /** Keys of the rows the changes insert and delete start this far above a shard's first key. */
    private static final int INSERTED_KEYS_OFFSET = 5_000_000;

    private final EmbeddedMySql mysql;
    private final long rowsPerTable;

    ShardedEmployees(EmbeddedMySql mysql, long totalRows) {
        this.mysql = mysql;
        this.rowsPerTable = totalRows / TABLES.length;
    }

    long totalRows() {
        return rowsPerTable * TABLES.length;
    }

    /** Creates the shard tables (the 116 sample rows removed) and loads the generated rows. */
    void load() {
        mysql.runSqlScript("emp_shards.sql");
        for (int shard = 0; shard < TABLES.length; shard++) {
            mysql.execute("TRUNCATE TABLE " + TABLES[shard]);
            for (long from = 1; from <= rowsPerTable; from += 50_000) {
                insert(shard, from, Math.min(rowsPerTable, from + 49_999));
            }
        }
    }

    /** {@code changes} binlog events: half updates, a quarter inserts, a quarter deletes of those inserts. */
    void change(long changes) {
        long perTable = changes / TABLES.length;
        long updates = perTable / 2;
        long inserts = (perTable - updates) / 2;
        List<String> statements = new ArrayList<>();
        for (int shard = 0; shard < TABLES.length; shard++) {
            for (long from = 1; from <= updates; from += BATCH) {
                statements.add("UPDATE " + TABLES[shard] + " SET gender = IF(gender = 'M', 'F', 'M') WHERE emp_no BETWEEN "
                        + key(shard, from) + " AND " + key(shard, Math.min(updates, from + BATCH - 1)));
            }
        }
        mysql.client().execute(statements);
        for (int shard = 0; shard < TABLES.length; shard++) {
            for (long from = 1; from <= inserts; from += BATCH) {
                insert(shard, INSERTED_KEYS_OFFSET + from, INSERTED_KEYS_OFFSET + Math.min(inserts, from + BATCH - 1));
            }
        }
        statements.clear();
        for (int shard = 0; shard < TABLES.length; shard++) {
            for (long from = 1; from <= inserts; from += BATCH) {
                statements.add("DELETE FROM " + TABLES[shard] + " WHERE emp_no BETWEEN "
                        + key(shard, INSERTED_KEYS_OFFSET + from) + " AND "
                        + key(shard, INSERTED_KEYS_OFFSET + Math.min(inserts, from + BATCH - 1)));
            }
        }
        mysql.client().execute(statements);
    }

    /** Binlog events {@link #change} produces for {@code changes}. */
    long changeEvents(long changes) {
        long perTable = changes / TABLES.length;
        long updates = perTable / 2;
        long inserts = (perTable - updates) / 2;
        return (updates + 2 * inserts) * TABLES.length;
    }

    private void insert(int shard, long from, long to) {
        mysql.execute("INSERT INTO " + TABLES[shard] + " SELECT " + key(shard, 0) + " + seq, "
                + "DATE '1950-01-01' + INTERVAL (seq % 15000) DAY, CONCAT('First', seq % 1000), "
                + "CONCAT('Last', seq % 997), IF(seq % 2 = 0, 'M', 'F'), DATE '1985-01-01' + INTERVAL (seq % 9000) DAY "
                // the SEQUENCE engine's tables exist in every database, but only with a database named
                + "FROM " + database(shard) + ".seq_" + from + "_to_" + to);
    }

    private static String database(int shard) {
        return TABLES[shard].substring(0, TABLES[shard].indexOf('.'));
    }

    /** Shards own disjoint keys, so the merged table keeps every row. */
    private static long key(int shard, long n) {
        return 10_000_000L * (shard + 1) + n;
    }
}
