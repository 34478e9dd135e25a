package io.doris2pc.testserver.auth;

import io.doris2pc.testserver.DorisSqlException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A Doris user: password and privileges, granted on every database (GRANT ... ON *.*). The admin holds them all.
 * Refusals use Doris's texts: {@code RestBaseController.checkTblAuth} for HTTP actions, {@code ErrorCode} for SQL.
 */
public final class Account {
    private final String name;
    private final String password;
    private final boolean admin;
    private final Set<Privilege> privileges;

    private Account(String name, String password, boolean admin, Set<Privilege> privileges) {
        this.name = name;
        this.password = password;
        this.admin = admin;
        this.privileges = Collections.unmodifiableSet(privileges);
    }

    public static Account admin(String name, String password) {
        return new Account(name, password, true, EnumSet.allOf(Privilege.class));
    }

    public static Account of(String name, String password, Set<Privilege> privileges) {
        EnumSet<Privilege> granted = EnumSet.noneOf(Privilege.class);
        granted.addAll(privileges);
        return new Account(name, password, false, granted);
    }

    public String name() {
        return name;
    }

    public String password() {
        return password;
    }

    public boolean has(Privilege privilege) {
        return admin || privileges.contains(privilege);
    }

    /** Null when allowed, else the FE's HTTP refusal (checkTblAuth: the ADMIN or the named privilege is needed). */
    public String httpDenial(Privilege privilege) {
        return has(privilege) ? null
                : "Access denied; you need (at least one of) the Admin_priv," + privilege.dorisName()
                        + " privilege(s) for this operation";
    }

    /** ERR_TABLEACCESS_DENIED_ERROR, as CREATE TABLE, ALTER TABLE, DROP TABLE, TRUNCATE and SELECT report it. */
    public void requireOnTable(Privilege privilege, String command, String host, String db, String table) {
        if (!has(privilege)) {
            throw new DorisSqlException(command + " command denied to user '" + name + "'@'" + host
                    + "' for table '" + db + ": " + table + "'");
        }
    }

    /** ERR_SPECIFIC_ACCESS_DENIED_ERROR for ADMIN, as SHOW FRONTEND CONFIG reports it (ShowConfigStmt.analyze). */
    public void requireAdmin() {
        if (!admin) {
            throw new DorisSqlException("Access denied; you need (at least one of) the ADMIN privilege(s) for this"
                    + " operation");
        }
    }

    /** ERR_DBACCESS_DENIED_ERROR, as CREATE DATABASE and DROP DATABASE report it. */
    public void requireOnDatabase(Privilege privilege, String db) {
        if (!has(privilege)) {
            throw new DorisSqlException("Access denied for user '" + name + "' to database '" + db + "'");
        }
    }
}
