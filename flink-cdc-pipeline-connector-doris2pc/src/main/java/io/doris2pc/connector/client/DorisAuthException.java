package io.doris2pc.connector.client;

import java.io.IOException;

/** Doris refused the configured credentials. */
public final class DorisAuthException extends IOException {

    private static final long serialVersionUID = 1L;

    public DorisAuthException(String username, String where) {
        super("Doris refused the credentials of user '" + username + "' at " + where
                + ": check the options 'username' and 'password' and the user's privileges");
    }
}
