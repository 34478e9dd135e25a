package io.doris2pc.examples;

import io.doris2pc.testserver.DorisTestServer;

import java.util.List;
import java.util.Map;

/** The Doris a quick start writes to and reads back from: the in-process test server or a real cluster. */
interface DorisTarget extends AutoCloseable {

    /** The sink's {@code fenodes}. */
    String fenodes();

    String user();

    String password();

    /** Visible rows of the table, none if it does not exist yet. */
    List<Map<String, Object>> rows(String db, String table);

    @Override
    void close();

    /** The Doris test server of this project, started in this JVM. */
    static DorisTarget testServer(String user, String password) {
        DorisTestServer server = DorisTestServer.builder().user(user).password(password).start();
        return new DorisTarget() {
            @Override
            public String fenodes() {
                return server.feAddress();
            }

            @Override
            public String user() {
                return server.user();
            }

            @Override
            public String password() {
                return server.password();
            }

            @Override
            public List<Map<String, Object>> rows(String db, String table) {
                return server.tableExists(db, table) ? server.rows(db, table) : List.of();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /** A real Doris: the sink talks to the FE's HTTP port, the quick start queries its MySQL-protocol port. */
    static DorisTarget cluster(String fenodes, int queryPort, String user, String password) {
        String feHost = fenodes.split(",")[0].split(":")[0];
        MySqlClient sql = new MySqlClient(feHost, queryPort, user, password);
        return new DorisTarget() {
            @Override
            public String fenodes() {
                return fenodes;
            }

            @Override
            public String user() {
                return user;
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public List<Map<String, Object>> rows(String db, String table) {
                boolean exists =
                        !sql.query(
                                        "SELECT 1 FROM information_schema.tables"
                                                + " WHERE table_schema = ? AND table_name = ?",
                                        db,
                                        table)
                                .isEmpty();
                return exists
                        ? sql.query("SELECT * FROM `" + db + "`.`" + table + "`")
                        : List.of();
            }

            @Override
            public void close() {}
        };
    }
}
