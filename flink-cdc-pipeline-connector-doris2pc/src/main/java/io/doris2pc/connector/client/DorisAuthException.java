package io.doris2pc.connector.client;

import java.io.IOException;

/**
 * Doris refused the configured credentials or the user's privileges: an HTTP 401, or the FE's envelope
 * {@code {"msg":"Unauthorized","code":401,"data":...}} that Doris answers with HTTP 200 ({@code RestApiExceptionHandler}).
 */
public final class DorisAuthException extends IOException {

    private static final long serialVersionUID = 1L;

    public DorisAuthException(String username, String where) {
        super(message(username, where));
    }

    /**
     * @param dorisText Doris's reason (already redacted), e.g. {@code Access denied for user ...}; a missing privilege
     *     adds what to grant
     */
    public DorisAuthException(String username, String where, String dorisText) {
        super(message(username, where) + " (Doris: " + dorisText + ")"
                + (dorisText.contains("privilege") ? DorisRefusalHints.hintFor(dorisText) : ""));
    }

    private static String message(String username, String where) {
        return "Doris refused the credentials of user '" + username + "' at " + where
                + ": check the options 'username' and 'password' and the user's privileges";
    }
}
