package io.doris2pc.testserver.auth;

/** The Doris privileges the test server checks, with the name Doris prints for each ({@code Privilege.toString}). */
public enum Privilege {
    SELECT("Select_priv"),
    LOAD("Load_priv"),
    ALTER("Alter_priv"),
    CREATE("Create_priv"),
    DROP("Drop_priv");

    private final String dorisName;

    Privilege(String dorisName) {
        this.dorisName = dorisName;
    }

    public String dorisName() {
        return dorisName;
    }
}
