package io.doris2pc.connector.client;

import java.io.IOException;

/**
 * Doris's two-phase-commit endpoint ({@code PUT /api/{db}/_stream_load_2pc}) and load-state lookup. The answers are
 * returned as Doris gave them; deciding what they mean belongs to the committer and the transaction aborter.
 */
public interface DorisTransactions {

    /** Commits a pre-committed transaction. @throws IOException when no answer arrived (transport, FE 5xx) */
    TwoPhaseCommitAnswer commit(String db, long txnId) throws IOException;

    /** Aborts a transaction by id. @throws IOException when no answer arrived */
    TwoPhaseCommitAnswer abort(String db, long txnId) throws IOException;

    /** Aborts the PREPARE or PRECOMMITTED transaction holding {@code label} (Doris 2.1+). */
    TwoPhaseCommitAnswer abortByLabel(String db, String label) throws IOException;

    /**
     * {@code GET /api/{db}/get_load_state?label=...}.
     *
     * @throws UnknownDatabaseException when Doris has no database {@code db}
     */
    LoadState loadState(String db, String label) throws IOException;
}
