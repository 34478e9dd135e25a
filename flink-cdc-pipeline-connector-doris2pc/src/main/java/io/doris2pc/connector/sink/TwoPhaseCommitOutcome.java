package io.doris2pc.connector.sink;

import io.doris2pc.connector.client.TwoPhaseCommitAnswer;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code _stream_load_2pc} answer means, read from Doris's texts in both the 2.x/3.x form
 * ({@code ANALYSIS_ERROR}, {@code TStatus: errCode = 2, detailMessage = ...}) and the older {@code Fail} form, with
 * or without a leading {@code label [L] }.
 */
enum TwoPhaseCommitOutcome {
    /** The operation was applied. */
    SUCCESS,
    /** Committed; Doris has not finished publishing it yet, and will without further action. */
    PUBLISH_TIMEOUT,
    /** Already COMMITTED or VISIBLE: "not pre-committed" on commit, "could not abort" on abort. */
    ALREADY_FINISHED,
    /**
     * "transaction [T] not found" (by id), "transaction not found, label=L" or "running transaction not found, label=L"
     * (by label: never used, or no transaction of it in a state the operation takes).
     */
    NOT_FOUND,
    /** "is already aborted. abort reason: ..." on commit, "is already aborted, abort reason: ..." on abort. */
    ALREADY_ABORTED,
    /**
     * "unknown table, tableId=N": the table was dropped after the transaction was pre-committed. Doris's FE
     * ({@code FrontendServiceImpl.loadTxn2PCImpl}) refuses to commit a transaction whose table is gone
     * ({@code Database.getTablesOnIdOrderOrThrowException}) and still aborts it ({@code getTablesOnIdOrderIfExist}).
     */
    TABLE_DROPPED,
    /**
     * Refused for now, not for good: "get tableList write lock timeout" (the commit could not take the table's
     * write lock within its wait, {@code GlobalTransactionMgr.commitTransaction2PC}) and "FE is not master"
     * (status NOT_MASTER while the master FE changes, {@code FrontendServiceImpl.loadTxn2PC}).
     */
    TRANSIENT,
    /** Anything else: "is prepare, not pre-committed", "unknown database", a bad operation, an unknown text. */
    REFUSED;

    private static final Pattern ALREADY_FINISHED_TEXT =
            Pattern.compile("is already (visible|committed)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_FOUND_TEXT =
            Pattern.compile("transaction (\\[\\d+] )?not found", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALREADY_ABORTED_TEXT =
            Pattern.compile("is already aborted", Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE_DROPPED_TEXT =
            Pattern.compile("unknown table, tableId=", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRANSIENT_TEXT =
            Pattern.compile("get tableList write lock timeout|FE is not master", Pattern.CASE_INSENSITIVE);
    private static final Pattern ABORT_REASON = Pattern.compile("abort reason: ?(.*)", Pattern.CASE_INSENSITIVE);
    /** FE's text for a commit whose publish timed out (status {@code PUBLISH_TIMEOUT} / {@code Publish Timeout}). */
    private static final String VISIBLE_LATER = "data will be visible later";

    static TwoPhaseCommitOutcome of(TwoPhaseCommitAnswer answer) {
        if (answer.isSuccess()) {
            return SUCCESS;
        }
        String status = answer.status().replaceAll("[\\s_]", "").toLowerCase(Locale.ROOT);
        String message = answer.message();
        if (status.equals("publishtimeout") || message.toLowerCase(Locale.ROOT).contains(VISIBLE_LATER)) {
            return PUBLISH_TIMEOUT;
        }
        if (ALREADY_FINISHED_TEXT.matcher(message).find()) {
            return ALREADY_FINISHED;
        }
        if (ALREADY_ABORTED_TEXT.matcher(message).find()) {
            return ALREADY_ABORTED;
        }
        if (NOT_FOUND_TEXT.matcher(message).find()) {
            return NOT_FOUND;
        }
        if (TABLE_DROPPED_TEXT.matcher(message).find()) {
            return TABLE_DROPPED;
        }
        if (status.equals("notmaster") || TRANSIENT_TEXT.matcher(message).find()) {
            return TRANSIENT;
        }
        return REFUSED;
    }

    /** The reason Doris gave for aborting, e.g. {@code timeout by txn manager}; the whole message if none. */
    static String abortReason(TwoPhaseCommitAnswer answer) {
        Matcher reason = ABORT_REASON.matcher(answer.message());
        return reason.find() ? reason.group(1).trim() : answer.message();
    }
}
