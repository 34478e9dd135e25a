package io.doris2pc.testserver;

import io.doris2pc.testserver.auth.Account;
import io.doris2pc.testserver.auth.Privilege;
import io.doris2pc.testserver.cluster.Cluster;
import io.doris2pc.testserver.cluster.ClusterSettings;
import io.doris2pc.testserver.cluster.DorisVersion;
import io.doris2pc.testserver.cluster.SchemaChangeJob;
import io.doris2pc.testserver.cluster.Transaction;
import io.doris2pc.testserver.fe.FrontendHandler;
import io.doris2pc.testserver.http.BasicAuth;
import io.doris2pc.testserver.http.HttpServer;
import io.doris2pc.testserver.load.BackendHandler;
import io.doris2pc.testserver.load.ErrorLogs;
import io.doris2pc.testserver.sql.SqlEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;

/**
 * A Doris cluster (one FE, one BE) in an HTTP server of our own, strict where Doris is strict and able to
 * misbehave on purpose. Its README says what it models, after which Doris sources, and how to use it.
 */
public final class DorisTestServer implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final Cluster cluster;
    private final BasicAuth auth;
    private final SqlEngine sql;
    private final Faults faults;
    private final HttpServer backend;
    private final HttpServer frontend;
    private final boolean feTls;

    private DorisTestServer(Builder b) throws IOException {
        this.cluster = new Cluster(b.clock, b.settings);
        this.auth = new BasicAuth(Account.admin(b.user, b.password));
        b.accounts.forEach(auth::add);
        this.sql = new SqlEngine(cluster, auth.admin());
        this.faults = new Faults(cluster);
        this.feTls = b.feTls != null;
        String beScheme = b.beTls != null ? "https" : "http";
        ErrorLogs errorLogs = new ErrorLogs();
        int[] bePort = new int[1];
        String beHost = b.advertisedBeHost != null ? b.advertisedBeHost : HOST;
        this.backend = HttpServer.start("doris-be", b.bePort, sockets(b.beTls),
                ex -> new BackendHandler(cluster, auth, errorLogs,
                        beScheme + "://" + beHost + ":" + bePort[0] + "/api/_load_error_log?file=").handle(ex),
                () -> cluster.faults().responseDelay());
        bePort[0] = b.advertisedBePort > 0 ? b.advertisedBePort : backend.port();
        this.frontend = HttpServer.start("doris-fe", b.fePort, sockets(b.feTls),
                new FrontendHandler(cluster, auth, sql, beHost, () -> bePort[0], beScheme),
                () -> cluster.faults().responseDelay());
    }

    private static ServerSocketFactory sockets(SSLContext tls) {
        return tls == null ? ServerSocketFactory.getDefault() : tls.getServerSocketFactory();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures and starts a server. */
    public static final class Builder {
        private String user = "root";
        private String password = "";
        private int fePort;
        private int bePort;
        private TestClock clock = TestClock.startingNow();
        private final ClusterSettings settings = new ClusterSettings();
        private final List<Account> accounts = new ArrayList<>();
        private SSLContext feTls;
        private SSLContext beTls;
        private Integer maxRunningTxnPerDb;
        private String advertisedBeHost;
        private int advertisedBePort;

        private Builder() {}

        /**
         * The address the BE registered with the FE, if not the one it listens on: the FE's redirects, its backends
         * list and the BE's ErrorURLs name it, as for a BE behind NAT or inside Docker/Kubernetes whose registered
         * address the client cannot reach. The BE itself stays reachable at {@link DorisTestServer#beAddress()}.
         */
        public Builder advertisedBackend(String host, int port) {
            this.advertisedBeHost = host;
            this.advertisedBePort = port;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**
         * Another user, with these privileges on every database ({@code GRANT ... ON *.*}); the {@link #user} holds
         * them all. What the user lacks is refused with Doris's texts.
         */
        public Builder account(String name, String password, Privilege... privileges) {
            EnumSet<Privilege> granted = EnumSet.noneOf(Privilege.class);
            granted.addAll(Arrays.asList(privileges));
            accounts.add(Account.of(name, password, granted));
            return this;
        }

        /** FE and BE serve HTTPS with this context (FE {@code enable_https}, BE {@code enable_https}). */
        public Builder tls(SSLContext context) {
            this.feTls = context;
            this.beTls = context;
            return this;
        }

        /** Only the FE serves HTTPS; its redirects point to a plain-http BE, as in a Doris whose BE has no TLS. */
        public Builder feTls(SSLContext context) {
            this.feTls = context;
            return this;
        }

        /**
         * {@code enable_unicode_name_support}: default false, as in Doris, so database and table names are limited to
         * ASCII letters, digits, '-' and '_' (column names to a wider ASCII set); true allows letters of any language.
         */
        public Builder unicodeNames(boolean enabled) {
            settings.unicodeNames = enabled;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder fePort(int port) {
            this.fePort = port;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder bePort(int port) {
            this.bePort = port;
            return this;
        }

        public Builder clock(TestClock clock) {
            this.clock = clock;
            return this;
        }

        /** The 1.x/2.0 2PC error form: status "Fail", no "TStatus: " (and no bracket prefix on load errors). */
        public Builder legacyErrorStyle(boolean legacy) {
            settings.legacyErrorStyle = legacy;
            return this;
        }

        public Builder precommitTimeout(Duration d) {
            settings.precommitTimeout = d;
            return this;
        }

        public Builder labelKeep(Duration d) {
            settings.labelKeep = d;
            return this;
        }

        /** {@code label_num_threshold}: finished transactions kept per database before the oldest are forgotten. */
        public Builder labelNumThreshold(int n) {
            settings.labelNumThreshold = n;
            return this;
        }

        /** {@code max_running_txn_num_per_db}; without it, the default of the {@link #dorisVersion}. */
        public Builder maxRunningTxnPerDb(int n) {
            maxRunningTxnPerDb = n;
            return this;
        }

        /**
         * The Doris release to follow where releases differ: information_schema and DESC spellings, column name
         * rules, schema change texts, {@code max_running_txn_num_per_db}. Default 2.1, the release the project
         * documents as its minimum and runs its real-Doris tests against.
         */
        public Builder dorisVersion(DorisVersion version) {
            settings.release = version.release();
            return this;
        }

        /** {@code default_schema_change_scheduler_interval_millisecond} (500 ms): time between alter job steps. */
        public Builder alterJobStep(Duration d) {
            settings.alterJobStep = d;
            return this;
        }

        /** Real time between COMMITTED and VISIBLE; zero (the default) publishes at once. */
        public Builder publishDelay(Duration d) {
            settings.publishDelay = d;
            return this;
        }

        /** Refuse CREATE TABLE whose replication exceeds the one backend (default true, as Doris). */
        public Builder enforceReplication(boolean enforce) {
            settings.enforceReplication = enforce;
            return this;
        }

        /**
         * Check every loaded row as Doris would, but keep only counts ({@link #commits()}, transactions): no row
         * becomes queryable. For benchmarks, where millions of rows must cost the server little.
         */
        public Builder countingOnly(boolean countingOnly) {
            settings.countingOnly = countingOnly;
            return this;
        }

        /**
         * FE {@code transaction_clean_interval_second} (30 s): timeouts and label retention take effect when the
         * cleaner runs, every this long from the start; {@code Duration.ZERO} applies them at the exact deadline.
         */
        public Builder transactionCleanInterval(Duration interval) {
            settings.transactionCleanInterval = interval;
            return this;
        }

        /** Default true, as Doris: {@link #restartFrontend()} forgets PREPARE transactions; false aborts them. */
        public Builder frontendRestartForgetsPrepare(boolean forgets) {
            settings.frontendRestartForgetsPrepare = forgets;
            return this;
        }

        /** Default false, as Doris: a DECIMAL beyond its precision loads clamped; true filters the row. */
        public Builder decimalOverflowFiltered(boolean filtered) {
            settings.decimalOverflowFiltered = filtered;
            return this;
        }

        /**
         * The same by exact release, {@code major.minor.patch}, where a patch release matters: answered by
         * {@code SELECT @@version_comment}; from 3.0.5 the BE reads compressed JSON loads.
         */
        public Builder dorisVersion(String version) {
            if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
                throw new IllegalArgumentException("a Doris version is major.minor.patch, not " + version);
            }
            settings.release = version;
            return this;
        }

        /**
         * Default true (Doris since 2024-03): {@code group_commit} sync/async with a chunked body drops the label, 2PC
         * loads included; false as 2.1.0, where a chunked body turns group commit off.
         */
        public Builder groupCommitChunkedDropsLabel(boolean drops) {
            settings.groupCommitChunkedDropsLabel = drops;
            return this;
        }

        /**
         * Storage-compute separated ("cloud") mode, Doris 3.0+: two-phase-commit loads into merge-on-write UNIQUE
         * tables are refused with "[NOT_IMPLEMENTED_ERROR]stream load 2pc is unsupported for mow table".
         */
        public Builder cloudMode(boolean cloud) {
            settings.cloudMode = cloud;
            return this;
        }

        public DorisTestServer start() {
            settings.maxRunningTxnPerDb =
                    maxRunningTxnPerDb != null ? maxRunningTxnPerDb : settings.version().maxRunningTxnPerDb();
            try {
                return new DorisTestServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Doris test server", e);
            }
        }
    }

    public String host() {
        return HOST;
    }

    public int fePort() {
        return frontend.port();
    }

    public int bePort() {
        return backend.port();
    }

    /** What a user writes in {@code fenodes}: {@code host:port}, or {@code https://host:port} for an HTTPS FE. */
    public String feAddress() {
        return (feTls ? "https://" : "") + HOST + ":" + fePort();
    }

    /** The BE's {@code host:port}, for {@code benodes}. */
    public String beAddress() {
        return HOST + ":" + bePort();
    }

    public String user() {
        return auth.user();
    }

    public String password() {
        return auth.password();
    }

    public TestClock clock() {
        return cluster.clock();
    }

    /** The {@code max_running_txn_num_per_db} in force (the version's default unless the builder set one). */
    public int maxRunningTxnPerDb() {
        return cluster.settings().maxRunningTxnPerDb;
    }

    public Faults faults() {
        return faults;
    }

    /** Every transaction the cluster still knows (forgotten ones are gone), all databases, in txn-id order. */
    public List<TxnInfo> transactions() {
        List<TxnInfo> out = new ArrayList<>();
        for (Transaction t : cluster.transactions()) {
            out.add(t.info());
        }
        return out;
    }

    public List<TxnInfo> transactions(String db) {
        List<TxnInfo> out = new ArrayList<>();
        for (TxnInfo t : transactions()) {
            if (t.db().equals(db)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * The most transactions the database had running at once (PREPARE, PRECOMMITTED and COMMITTED, what
     * {@code max_running_txn_num_per_db} counts) since the server started: exact, not sampled.
     */
    public long peakRunningTransactions(String db) {
        return cluster.peakRunningTransactions(db);
    }

    /** The newest transaction with this label in the database. */
    public Optional<TxnInfo> transaction(String db, String label) {
        TxnInfo found = null;
        for (TxnInfo t : transactions(db)) {
            if (t.label().equals(label)) {
                found = t;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Visible rows ordered by key columns; column name to value (Long, BigInteger for LARGEINT, BigDecimal,
     * Double, Boolean, String; DATE/DATETIME as String).
     */
    public List<Map<String, Object>> rows(String db, String table) {
        return cluster.withCatalog(c -> c.requireTable(db, table).rows());
    }

    public List<String> columns(String db, String table) {
        return cluster.withCatalog(c -> {
            List<String> names = new ArrayList<>();
            c.requireTable(db, table).columns().forEach(col -> names.add(col.name()));
            return names;
        });
    }

    public boolean tableExists(String db, String table) {
        return cluster.withCatalog(c -> c.database(db) != null && c.database(db).table(table) != null);
    }

    /** Runs SQL exactly as the HTTP endpoint would; throws DorisSqlException with Doris's message. */
    public SqlResult sql(String db, String statement) {
        return sql.execute(db, statement);
    }

    /** Every commit, in order. */
    public List<CommitRecord> commits() {
        return cluster.commits();
    }

    /**
     * Every Stream Load the BE answered with a status other than {@code Success} or {@code Publish Timeout}
     * (refused, failed, label taken), in order, as {@code label L: Status: Message}.
     */
    public List<String> refusedLoads() {
        return cluster.refusedLoads();
    }

    /** Heavy schema-change jobs (MODIFY COLUMN type changes, key column changes), in creation order. */
    public List<SchemaChangeJob> alterJobs() {
        return cluster.alterJobs();
    }

    /**
     * As after a BE process restart: loads in flight (PREPARE) die and abort (the FE's
     * {@code abortTxnWhenCoordinateBeDown}); PRECOMMITTED, COMMITTED and VISIBLE transactions survive; open
     * connections (FE's too) drop; ports stay.
     */
    public void restart() {
        cluster.abortRunningLoads();
        backend.dropConnections();
        frontend.dropConnections();
    }

    /**
     * As after an FE process restart: PREPARE transactions were never persisted, so they are gone (labels unknown
     * and free; a load still streaming to the BE fails when it ends), unless
     * {@link Builder#frontendRestartForgetsPrepare} is off; the others survive; FE connections drop.
     */
    public void restartFrontend() {
        cluster.restartFrontend();
        frontend.dropConnections();
    }

    @Override
    public void close() {
        frontend.close();
        backend.close();
        cluster.close();
    }
}
