package io.doris2pc.testserver.sql;

import io.doris2pc.testserver.auth.Account;
import io.doris2pc.testserver.auth.Privilege;

/** Who runs a statement and from where: privilege checks with the host Doris names in its refusals. */
final class Access {
    private final Account account;
    private final String host;

    Access(Account account, String host) {
        this.account = account;
        this.host = host;
    }

    void requireOnTable(Privilege privilege, String command, String db, String table) {
        account.requireOnTable(privilege, command, host, db, table);
    }

    void requireAdmin() {
        account.requireAdmin();
    }

    void requireOnDatabase(Privilege privilege, String db) {
        account.requireOnDatabase(privilege, db);
    }
}
