package io.doris2pc.connector.client;

import io.doris2pc.connector.config.DeliveryGuarantee;
import io.doris2pc.connector.config.Doris2pcOptions;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.config.DorisVersion;
import io.doris2pc.connector.config.LoadCompression;

import org.apache.flink.table.api.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;

import java.io.IOException;
import java.util.Optional;

/**
 * Logs in to Doris once when the job is built (Flink CDC creates the sink in the submitting JVM), so that an
 * unreachable FE, an untrusted HTTPS certificate or wrong credentials fail the submission with the option to fix,
 * instead of the running job. Every wait is bounded by {@code sink.connect-timeout}.
 */
public final class DorisStartupCheck {

    private static final Logger LOG = LoggerFactory.getLogger(DorisStartupCheck.class);

    /** Any statement every user may run: it proves the FE answers and accepts the credentials. */
    private static final String PROBE = "SHOW DATABASES";

    /** Readable by every user; the FE answers {@code Doris version doris-3.0.5-rc01-<hash>}. */
    static final String VERSION_QUERY = "SELECT @@version_comment";

    /** What a build from Doris's trunk calls itself: says nothing of what it can read. */
    private static final DorisVersion TRUNK_BUILD = new DorisVersion(0, 0, 0);

    private static final String PRECOMMIT_TIMEOUT = "stream_load_default_precommit_timeout_second";

    private DorisStartupCheck() {}

    /** @throws ValidationException naming the option to fix */
    public static void verify(Doris2pcSinkConfig config) {
        try (DorisHttpClient client = new DorisHttpClient(config, config.connectTimeout())) {
            client.execute("information_schema", PROBE);
            if (config.compression() != LoadCompression.NONE) {
                checkCompression(config, client);
            }
            checkPrecommitTimeout(client, config);
            checkCloudMode(client, config);
        } catch (DorisAuthException e) {
            throw new ValidationException("doris2pc cannot start: " + e.getMessage(), e);
        } catch (DorisSqlException e) {
            // the FE answered and accepted the credentials; refusing the probe itself is no reason to stop
        } catch (NodeUnavailableException e) {
            throw new ValidationException(unreachable(config, e), e);
        } catch (IOException e) {
            throw new ValidationException("doris2pc cannot start: the address in '" + Doris2pcOptions.FENODES.key()
                    + "' answered, but not as a Doris FE does (" + e.getMessage() + "). Check that it is the FE's "
                    + "HTTP port (http_port, 8030 by default), not the MySQL query port (9030) or a BE.", e);
        }
    }

    /**
     * Refuses a compression the FE's version cannot read; lets a version it cannot tell (a trunk build, a refused
     * query) pass with a warning, since the first load then fails with Doris's own message.
     */
    private static void checkCompression(Doris2pcSinkConfig config, DorisHttpClient client) throws IOException {
        String comment;
        try {
            QueryResult result = client.execute("information_schema", VERSION_QUERY);
            comment = result.rows().isEmpty() || result.rows().get(0).isEmpty() ? null : result.rows().get(0).get(0);
        } catch (DorisSqlException e) {
            comment = null;
        }
        Optional<DorisVersion> version = DorisVersion.fromVersionComment(comment)
                .filter(v -> !v.equals(TRUNK_BUILD));
        if (!version.isPresent()) {
            LOG.warn("Could not tell the Doris version from {} ({}); sending {}-compressed Stream Loads, which Doris "
                    + "reads from {} on", VERSION_QUERY, comment, config.compression().headerValue().orElse(""),
                    LoadCompression.FIRST_JSON_VERSION);
            return;
        }
        if (version.get().isBefore(LoadCompression.FIRST_JSON_VERSION)) {
            throw new ValidationException("Invalid doris2pc sink option '" + Doris2pcOptions.SINK_PROPERTIES_PREFIX
                    + LoadCompression.HEADER + "': Doris " + version.get() + " cannot read compressed JSON Stream "
                    + "Loads (its BE answers \"compress data of JSON format is not supported.\"; Doris reads them from "
                    + LoadCompression.FIRST_JSON_VERSION + " on, apache/doris#48990). Remove the option, or upgrade "
                    + "Doris.");
        }
    }

    /**
     * A transaction Doris forgot is taken as committed when younger than {@code sink.doris-precommit-timeout}; that
     * holds only if Doris cannot have expired it earlier, so the option must not exceed the FE's setting. Reading it
     * needs the ADMIN privilege ({@code ShowConfigStmt.analyze}); without it the declared value is trusted. The FE
     * forwards the statement to the master ({@code getRedirectStatus}), whose value counts (the setting is
     * master-only).
     */
    private static void checkPrecommitTimeout(DorisHttpClient client, Doris2pcSinkConfig config) throws IOException {
        QueryResult result;
        try {
            result = client.execute("information_schema", "SHOW FRONTEND CONFIG LIKE '" + PRECOMMIT_TIMEOUT + "'");
        } catch (DorisSqlException e) {
            LOG.warn("doris2pc could not read the FE's {} ({}); it trusts '{}' ({} s) to be no longer than it",
                    PRECOMMIT_TIMEOUT, e.getMessage(), Doris2pcOptions.DORIS_PRECOMMIT_TIMEOUT.key(),
                    config.dorisPrecommitTimeout().getSeconds());
            return;
        }
        if (result.rows().isEmpty()) {
            return;
        }
        long feSeconds = Long.parseLong(result.rows().get(0).get(result.columnIndex("Value")).trim());
        if (config.dorisPrecommitTimeout().getSeconds() > feSeconds) {
            throw new ValidationException("Invalid doris2pc sink option '"
                    + Doris2pcOptions.DORIS_PRECOMMIT_TIMEOUT.key() + "': " + config.dorisPrecommitTimeout()
                    .getSeconds() + " s is longer than the Doris FE's " + PRECOMMIT_TIMEOUT + " (" + feSeconds
                    + " s). Doris aborts pre-committed transactions after its setting, so a restored transaction "
                    + "it forgot could be taken as committed although Doris aborted it, and its rows would be lost "
                    + "silently. Set '" + Doris2pcOptions.DORIS_PRECOMMIT_TIMEOUT.key() + "' to " + feSeconds
                    + "s or less.");
        }
    }

    /**
     * Doris in cloud mode refuses two-phase-commit Stream Loads into merge-on-write UNIQUE tables
     * ({@code StreamLoadAction::_process_put}, apache/doris#36816), the kind doris2pc creates by default. Refused
     * here for every such configuration, not only when a table turns out merge-on-write: a table created later in
     * the run (a new source table, a route) would fail the running job at its first load, and setting the property
     * costs existing merge-on-read tables nothing. An existing merge-on-write table still fails at its first load,
     * with {@link DorisRefusalHints}' explanation.
     */
    private static void checkCloudMode(DorisHttpClient client, Doris2pcSinkConfig config) throws IOException {
        if (!config.deliveryGuarantee().twoPhaseCommit() || !config.createsMergeOnWriteTables()) {
            return;
        }
        if (!DorisCloudMode.detect(client)) {
            return;
        }
        throw new ValidationException("doris2pc cannot start: this Doris runs storage-compute separated (cloud mode; "
                + DorisCloudMode.QUERY + " lists its compute groups), whose BE refuses two-phase-commit Stream Loads "
                + "into merge-on-write UNIQUE tables (apache/doris#36816), and the UNIQUE KEY tables doris2pc creates "
                + "are merge-on-write unless told otherwise. Either set '"
                + Doris2pcOptions.TABLE_CREATE_PROPERTIES_PREFIX + Doris2pcSinkConfig.MERGE_ON_WRITE_PROPERTY
                + ": false' to keep exactly-once (tables are created merge-on-read; an existing merge-on-write table "
                + "must be recreated), or set '" + Doris2pcOptions.DELIVERY_GUARANTEE.key() + ": "
                + DeliveryGuarantee.AT_LEAST_ONCE + "' (plain Stream Loads committed at each checkpoint; after a "
                + "failure the rows since the last checkpoint are loaded again).");
    }

    private static String unreachable(Doris2pcSinkConfig config, NodeUnavailableException e) {
        StringBuilder text = new StringBuilder("doris2pc cannot start: ").append(e.getMessage()).append(". ");
        if (hasCause(e, SSLException.class)) {
            text.append("The HTTPS connection failed: if the FE serves HTTPS with a certificate the JVM does not "
                    + "trust (self-signed, private CA), set '").append(Doris2pcOptions.SSL_TRUSTSTORE_PATH.key())
                    .append("' and '").append(Doris2pcOptions.SSL_TRUSTSTORE_PASSWORD.key())
                    .append("'; if it serves plain HTTP, write it without https:// in '")
                    .append(Doris2pcOptions.FENODES.key()).append("'.");
        } else {
            text.append("Check that '").append(Doris2pcOptions.FENODES.key()).append("' lists the FEs' HTTP "
                    + "addresses (http_port, 8030 by default; https://host:port for FEs that serve HTTPS), that this "
                    + "machine can reach them within '").append(Doris2pcOptions.CONNECT_TIMEOUT.key()).append("' (")
                    .append(config.connectTimeout()).append("), and that Doris is running.");
        }
        return text.toString();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
