package io.doris2pc.connector.client;

import java.io.IOException;

/** Runs one SQL statement in Doris (the FE's SQL-over-HTTP endpoint in production). */
public interface DorisSqlExecutor {

    /**
     * Runs {@code sql} with {@code db} as the current database.
     *
     * @throws DorisSqlException when Doris refuses the statement; its message carries the statement and Doris's
     *     answer, never credentials
     * @throws IOException when no FE could be reached
     */
    QueryResult execute(String db, String sql) throws IOException;
}
