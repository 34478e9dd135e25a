package io.doris2pc.testserver.sql;

import io.doris2pc.testserver.DorisSqlException;
import io.doris2pc.testserver.SqlResult;
import io.doris2pc.testserver.auth.Account;
import io.doris2pc.testserver.auth.Privilege;
import io.doris2pc.testserver.cluster.Catalog;
import io.doris2pc.testserver.cluster.Cluster;
import io.doris2pc.testserver.cluster.Column;
import io.doris2pc.testserver.cluster.Database;
import io.doris2pc.testserver.cluster.Table;
import io.doris2pc.testserver.cluster.ClusterSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements a schema applier and tests need, run against the cluster as Doris's SQL-over-HTTP endpoint
 * would. Anything else is refused with an error, never silently accepted.
 */
public final class SqlEngine {
    private static final String LOCAL_HOST = "127.0.0.1";

    private final Cluster cluster;
    private final Account admin;

    public SqlEngine(Cluster cluster, Account admin) {
        this.cluster = cluster;
        this.admin = admin;
    }

    /** Runs one statement as the admin; throws DorisSqlException on refusal. */
    public SqlResult execute(String currentDb, String sql) {
        return execute(currentDb, sql, admin, LOCAL_HOST);
    }

    /**
     * Runs one statement with {@code currentDb} as the default database, as {@code account} connected from
     * {@code host}; throws DorisSqlException on refusal, privileges included.
     */
    public SqlResult execute(String currentDb, String sql, Account account, String host) {
        long nextTxnId = cluster.nextTxnId();
        Access access = new Access(account, host);
        return cluster.withCatalog(catalog -> run(catalog, currentDb, sql, nextTxnId, access));
    }

    private SqlResult run(Catalog catalog, String currentDb, String sql, long nextTxnId, Access access) {
        Tokens t = new Tokens(sql);
        DdlStatements ddl = new DdlStatements(catalog, currentDb, nextTxnId, access);
        if (t.acceptWords("CREATE")) {
            ddl.create(t);
        } else if (t.acceptWords("DROP")) {
            ddl.drop(t);
        } else if (t.acceptWords("ALTER")) {
            ddl.alter(t);
        } else if (t.acceptWords("TRUNCATE")) {
            ddl.truncate(t);
        } else if (t.acceptWords("DESC") || t.acceptWords("DESCRIBE")) {
            QualifiedName name = QualifiedName.parse(t, currentDb);
            t.acceptWords("ALL");
            t.expectEnd();
            access.requireOnTable(Privilege.SELECT, "SELECT", name.db, name.name);
            return SystemTables.describe(catalog.requireTable(name.db, name.name), catalog.version()).toResult();
        } else if (t.acceptWords("SHOW")) {
            return show(t, catalog, currentDb, access);
        } else if (t.acceptWords("SELECT")) {
            return select(t, catalog, currentDb, access);
        } else if (t.peekWord("INSERT") || t.peekWord("UPDATE") || t.peekWord("DELETE")) {
            throw new DorisSqlException("Not support " + t.peek().text.toUpperCase() + " statement over the HTTP SQL endpoint");
        } else {
            throw DdlStatements.unsupported("statement '" + sql.trim() + "'");
        }
        return SqlResult.execStatus();
    }

    private SqlResult show(Tokens t, Catalog catalog, String currentDb, Access access) {
        if (t.acceptWords("CREATE", "TABLE")) {
            QualifiedName name = QualifiedName.parse(t, currentDb);
            t.expectEnd();
            access.requireOnTable(Privilege.SELECT, "SELECT", name.db, name.name);
            return SystemTables.showCreateTable(catalog.requireTable(name.db, name.name)).toResult();
        }
        if (t.acceptWords("DATABASES")) {
            return Select.show(t, SystemTables.databases(catalog));
        }
        if (t.acceptWords("TABLES")) {
            String db = currentDb;
            if (t.acceptWords("FROM") || t.acceptWords("IN")) {
                db = t.identifier();
            }
            return Select.show(t, SystemTables.tablesOf(catalog.requireDatabase(db)));
        }
        if (t.acceptWords("ALTER", "TABLE", "COLUMN")) {
            String db = currentDb;
            if (t.acceptWords("FROM") || t.acceptWords("IN")) {
                db = t.identifier();
            }
            catalog.requireDatabase(db);
            return Select.show(t, SystemTables.alterJobs(catalog.jobs(), db));
        }
        boolean computeGroups = t.peekWord("COMPUTE");
        if ((t.peekWord("CLUSTERS") || computeGroups) && ComputeGroups.known(computeGroups, cluster.settings())) {
            if (computeGroups) {
                t.expectWords("COMPUTE", "GROUPS");
            } else {
                t.expectWords("CLUSTERS");
            }
            t.expectEnd();
            return ComputeGroups.show(computeGroups, cluster.settings(), access).toResult();
        }
        if (t.acceptWords("FRONTEND", "CONFIG")) {
            String pattern = t.acceptWords("LIKE") ? t.string() : "%";
            t.expectEnd();
            access.requireAdmin();
            return frontendConfig(pattern).toResult();
        }
        throw DdlStatements.unsupported("SHOW " + t.peek());
    }

    /** The FE settings the server honours, as ShowConfigStmt's FE_TITLE_NAMES columns; LIKE with % and _. */
    private Relation frontendConfig(String pattern) {
        ClusterSettings settings = cluster.settings();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("stream_load_default_precommit_timeout_second", (int) settings.precommitTimeout.getSeconds());
        values.put("streaming_label_keep_max_second", (int) settings.labelKeep.getSeconds());
        values.put("label_num_threshold", settings.labelNumThreshold);
        values.put("max_running_txn_num_per_db", settings.maxRunningTxnPerDb);
        values.put("stream_load_default_timeout_second", (int) settings.defaultLoadTimeout.getSeconds());
        String regex = pattern.replace("%", ".*").replace("_", ".");
        List<String> columns = List.of("Key", "Value", "Type", "IsMutable", "MasterOnly", "Comment");
        List<Map<String, Object>> rows = new ArrayList<>();
        values.forEach((key, value) -> {
            if (key.matches(regex)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("Key", key);
                row.put("Value", String.valueOf(value));
                row.put("Type", "int");
                row.put("IsMutable", "true");
                row.put("MasterOnly", "true");
                row.put("Comment", "");
                rows.add(row);
            }
        });
        return new Relation("frontend_config", columns, Collections.nCopies(columns.size(), "varchar"), rows);
    }

    private SqlResult select(Tokens t, Catalog catalog, String currentDb, Access access) {
        if (t.peek().text.startsWith("@@")) {
            return SystemVariables.select(t, cluster.settings());
        }
        List<String[]> items = Select.items(t);
        t.expectWords("FROM");
        QualifiedName name = QualifiedName.parse(t, currentDb);
        boolean system = Catalog.INFORMATION_SCHEMA.equalsIgnoreCase(name.db);
        if (!system) {
            access.requireOnTable(Privilege.SELECT, "SELECT", name.db, name.name);
        }
        Relation relation = system ? SystemTables.informationSchema(catalog, name.name) : tableRelation(catalog, name);
        return Select.run(t, relation, items);
    }

    private static Relation tableRelation(Catalog catalog, QualifiedName name) {
        Database db = catalog.requireDatabase(name.db);
        Table table = db.table(name.name);
        if (table == null) {
            throw new DorisSqlException("Table [" + name.name + "] does not exist in database [" + name.db + "].");
        }
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (Column c : table.columns()) {
            columns.add(c.name());
            types.add(c.type().primitiveName());
        }
        return new Relation(name.name, columns, types, table.rows());
    }
}
