package io.doris2pc.connector.config;

import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static io.doris2pc.connector.config.Doris2pcOptions.BUFFER_COUNT;
import static io.doris2pc.connector.config.Doris2pcOptions.BUFFER_SIZE;
import static io.doris2pc.connector.config.Doris2pcOptions.BUFFER_WAIT_TIMEOUT;
import static io.doris2pc.connector.config.Doris2pcOptions.CHECK_AT_START;
import static io.doris2pc.connector.config.Doris2pcOptions.CLOCK_SKEW_ALLOWANCE;
import static io.doris2pc.connector.config.Doris2pcOptions.CONNECT_TIMEOUT;
import static io.doris2pc.connector.config.Doris2pcOptions.DORIS_PRECOMMIT_TIMEOUT;
import static io.doris2pc.connector.config.Doris2pcOptions.DUPLICATE_KEY_WITHOUT_PRIMARY_KEY;
import static io.doris2pc.connector.config.Doris2pcOptions.FENODES;
import static io.doris2pc.connector.config.Doris2pcOptions.FORGOTTEN_ASSUME_COMMITTED;
import static io.doris2pc.connector.config.Doris2pcOptions.FORGOTTEN_FAIL;
import static io.doris2pc.connector.config.Doris2pcOptions.FORGOTTEN_TRANSACTIONS;
import static io.doris2pc.connector.config.Doris2pcOptions.LABEL_PREFIX;
import static io.doris2pc.connector.config.Doris2pcOptions.MAX_RETRIES;
import static io.doris2pc.connector.config.Doris2pcOptions.MAX_TRANSACTIONS_PER_DATABASE;
import static io.doris2pc.connector.config.Doris2pcOptions.PASSWORD;
import static io.doris2pc.connector.config.Doris2pcOptions.RETRY_BACKOFF;
import static io.doris2pc.connector.config.Doris2pcOptions.SCHEMA_CHANGE_TIMEOUT;
import static io.doris2pc.connector.config.Doris2pcOptions.SINK_PROPERTIES_PREFIX;
import static io.doris2pc.connector.config.Doris2pcOptions.SOCKET_TIMEOUT;
import static io.doris2pc.connector.config.Doris2pcOptions.SSL_TRUSTSTORE_PASSWORD;
import static io.doris2pc.connector.config.Doris2pcOptions.SSL_TRUSTSTORE_PATH;
import static io.doris2pc.connector.config.Doris2pcOptions.TABLE_BUCKETS;
import static io.doris2pc.connector.config.Doris2pcOptions.TABLE_CREATE_PROPERTIES_PREFIX;
import static io.doris2pc.connector.config.Doris2pcOptions.USERNAME;
import static io.doris2pc.connector.config.Doris2pcOptions.VARCHAR_POLICY;

/**
 * The validated, immutable settings of one doris2pc sink. Built once by the factory; shipped to the writer,
 * committer and metadata applier. {@link #toString()} never shows the password.
 */
public final class Doris2pcSinkConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Doris's bounds of the Stream Load {@code timeout} header, in seconds. */
    static final long MAX_LOAD_TIMEOUT_SECONDS = 259200;

    /**
     * Stream Load headers the sink sets itself: a user value would break two-phase commit, the row format or the
     * delete sign. Matched case-insensitively, as Doris matches header names.
     */
    static final Set<String> RESERVED_LOAD_HEADERS =
            Collections.unmodifiableSet(
                    new TreeSet<>(
                            Arrays.asList(
                                    "label",
                                    "two_phase_commit",
                                    "group_commit",
                                    "format",
                                    "read_json_by_line",
                                    "strip_outer_array",
                                    "hidden_columns",
                                    "columns",
                                    "jsonpaths",
                                    "merge_type",
                                    "expect",
                                    "authorization",
                                    "content-length",
                                    "transfer-encoding")));

    /** Sent as {@code true} unless the user sets it: a value Doris cannot read fails the load, never becomes NULL. */
    static final String STRICT_MODE = "strict_mode";

    private final List<FeNode> feNodes;
    private final String username;
    private final String password;
    private final String labelPrefix;
    private final int maxRetries;
    private final Duration retryBackoff;
    private final Duration dorisPrecommitTimeout;
    private final Duration clockSkewAllowance;
    private final boolean assumeForgottenTransactionsCommitted;
    private final int maxTransactionsPerDatabase;
    private final int bufferSize;
    private final int bufferCount;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final Duration bufferWaitTimeout;
    private final Map<String, String> loadProperties;
    private final Map<String, String> tableProperties;
    private final String buckets;
    private final VarcharPolicy varcharPolicy;
    private final boolean duplicateKeyWithoutPrimaryKey;
    private final Duration schemaChangeTimeout;
    private final ZoneId zoneId;
    private final boolean checkAtStart;
    private final String truststorePath;
    private final String truststorePassword;

    private Doris2pcSinkConfig(Configuration conf, ZoneId zoneId) {
        this.feNodes = parseFeNodes(conf.get(FENODES));
        this.username = requireNonBlank(conf.get(USERNAME), USERNAME.key());
        this.password = conf.get(PASSWORD);
        this.labelPrefix = conf.get(LABEL_PREFIX);
        if (!LabelPrefixRule.isValid(labelPrefix)) {
            throw invalid(
                    LABEL_PREFIX.key(),
                    "'" + labelPrefix + "' is not allowed: use 1 to " + LabelPrefixRule.MAX_LENGTH
                            + " characters of A-Z a-z 0-9 - _ (Doris labels allow no other characters)");
        }
        this.maxRetries = atLeast(conf.get(MAX_RETRIES), 0, MAX_RETRIES.key());
        this.retryBackoff = positive(conf.get(RETRY_BACKOFF), RETRY_BACKOFF.key());
        this.dorisPrecommitTimeout = positive(conf.get(DORIS_PRECOMMIT_TIMEOUT), DORIS_PRECOMMIT_TIMEOUT.key());
        this.clockSkewAllowance = conf.get(CLOCK_SKEW_ALLOWANCE);
        if (clockSkewAllowance.isNegative() || clockSkewAllowance.compareTo(dorisPrecommitTimeout) >= 0) {
            throw invalid(CLOCK_SKEW_ALLOWANCE.key(), clockSkewAllowance + " must be at least 0 and shorter than '"
                    + DORIS_PRECOMMIT_TIMEOUT.key() + "' (" + dorisPrecommitTimeout + ")");
        }
        this.assumeForgottenTransactionsCommitted = forgottenPolicy(conf.get(FORGOTTEN_TRANSACTIONS));
        this.maxTransactionsPerDatabase =
                atLeast(conf.get(MAX_TRANSACTIONS_PER_DATABASE), 0, MAX_TRANSACTIONS_PER_DATABASE.key());
        this.bufferSize = atLeast(conf.get(BUFFER_SIZE), 4096, BUFFER_SIZE.key());
        this.bufferCount = atLeast(conf.get(BUFFER_COUNT), 2, BUFFER_COUNT.key());
        this.connectTimeout = positive(conf.get(CONNECT_TIMEOUT), CONNECT_TIMEOUT.key());
        this.socketTimeout = positive(conf.get(SOCKET_TIMEOUT), SOCKET_TIMEOUT.key());
        this.bufferWaitTimeout = positive(conf.get(BUFFER_WAIT_TIMEOUT), BUFFER_WAIT_TIMEOUT.key());
        this.loadProperties = loadProperties(conf);
        this.tableProperties = prefixed(conf, TABLE_CREATE_PROPERTIES_PREFIX);
        this.buckets = parseBuckets(conf.get(TABLE_BUCKETS));
        this.varcharPolicy = conf.get(VARCHAR_POLICY);
        this.duplicateKeyWithoutPrimaryKey = conf.get(DUPLICATE_KEY_WITHOUT_PRIMARY_KEY);
        this.schemaChangeTimeout = positive(conf.get(SCHEMA_CHANGE_TIMEOUT), SCHEMA_CHANGE_TIMEOUT.key());
        this.zoneId = zoneId;
        this.checkAtStart = conf.get(CHECK_AT_START);
        this.truststorePath = conf.getOptional(SSL_TRUSTSTORE_PATH).filter(p -> !p.trim().isEmpty()).orElse(null);
        this.truststorePassword = conf.get(SSL_TRUSTSTORE_PASSWORD);
        checkTruststore();
    }

    private void checkTruststore() {
        if (truststorePath == null) {
            if (!truststorePassword.isEmpty()) {
                throw invalid(SSL_TRUSTSTORE_PASSWORD.key(), "is set but '" + SSL_TRUSTSTORE_PATH.key() + "' is not: "
                        + "set the path of the truststore too, or remove the password");
            }
            return;
        }
        if (feNodes.stream().noneMatch(FeNode::isHttps)) {
            throw invalid(SSL_TRUSTSTORE_PATH.key(), "is set but no FE of '" + FENODES.key() + "' uses https://, so "
                    + "it would never be used: write the FEs as https://host:port, or remove the truststore options");
        }
        try {
            TrustStoreFile.load(truststorePath, truststorePassword);
        } catch (IllegalArgumentException e) {
            throw invalid(SSL_TRUSTSTORE_PATH.key(), e.getMessage());
        }
    }

    /**
     * Validates the sink block of a pipeline.
     *
     * @param sinkConf the {@code sink:} block
     * @param zoneId the pipeline's {@code local-time-zone}, used to write TIMESTAMP_LTZ values
     * @throws ValidationException naming the option at fault and what it allows
     */
    public static Doris2pcSinkConfig from(Configuration sinkConf, ZoneId zoneId) {
        try {
            return new Doris2pcSinkConfig(sinkConf, zoneId);
        } catch (IllegalArgumentException e) {
            // ConfigOption conversion errors (e.g. "abc" for an int option) name the key but not the sink.
            throw new ValidationException("Invalid doris2pc sink option: " + e.getMessage(), e);
        }
    }

    private static List<FeNode> parseFeNodes(String value) {
        requireNonBlank(value, FENODES.key());
        List<FeNode> nodes = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.trim().isEmpty()) {
                throw invalid(FENODES.key(), "has an empty entry (two commas in a row, or a comma at an end)");
            }
            try {
                nodes.add(FeNode.parse(part));
            } catch (IllegalArgumentException e) {
                throw invalid(FENODES.key(), e.getMessage());
            }
        }
        return Collections.unmodifiableList(nodes);
    }

    private static Map<String, String> loadProperties(Configuration conf) {
        Map<String, String> headers = new LinkedHashMap<>(prefixed(conf, SINK_PROPERTIES_PREFIX));
        for (String header : headers.keySet()) {
            if (RESERVED_LOAD_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                throw invalid(
                        SINK_PROPERTIES_PREFIX + header,
                        "the sink sets this Stream Load header itself (two-phase commit, JSON lines and the "
                                + "delete sign depend on it); remove the option");
            }
            if (header.equalsIgnoreCase("timeout")) {
                loadTimeoutSeconds(headers.get(header));
            }
        }
        if (headers.keySet().stream().noneMatch(STRICT_MODE::equalsIgnoreCase)) {
            // Without strict mode Doris stores NULL for a value it cannot convert and counts no filtered row.
            headers.put(STRICT_MODE, "true");
        }
        return Collections.unmodifiableMap(headers);
    }

    private static long loadTimeoutSeconds(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 1 && seconds <= MAX_LOAD_TIMEOUT_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(SINK_PROPERTIES_PREFIX + "timeout", "'" + value + "' is not a number of seconds in 1.."
                + MAX_LOAD_TIMEOUT_SECONDS + " (Doris's bounds of the Stream Load timeout)");
    }

    private static Map<String, String> prefixed(Configuration conf, String prefix) {
        Map<String, String> result = new LinkedHashMap<>();
        conf.toMap().entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && e.getKey().length() > prefix.length())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> result.put(e.getKey().substring(prefix.length()), e.getValue()));
        return Collections.unmodifiableMap(result);
    }

    private static String parseBuckets(String value) {
        String trimmed = requireNonBlank(value, TABLE_BUCKETS.key()).trim();
        if (trimmed.equalsIgnoreCase("AUTO")) {
            return "AUTO";
        }
        try {
            if (Integer.parseInt(trimmed) > 0) {
                return trimmed;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw invalid(TABLE_BUCKETS.key(), "'" + value + "' is neither AUTO nor a positive number");
    }

    private static String requireNonBlank(String value, String key) {
        if (value == null || value.trim().isEmpty()) {
            throw invalid(key, "is required and must not be empty");
        }
        return value;
    }

    private static int atLeast(int value, int min, String key) {
        if (value < min) {
            throw invalid(key, value + " is too small; the least allowed is " + min);
        }
        return value;
    }

    private static Duration positive(Duration value, String key) {
        if (value.isZero() || value.isNegative()) {
            throw invalid(key, value + " must be longer than zero");
        }
        return value;
    }

    private static ValidationException invalid(String key, String problem) {
        return new ValidationException("Invalid doris2pc sink option '" + key + "': " + problem);
    }

    public List<FeNode> feNodes() {
        return feNodes;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String labelPrefix() {
        return labelPrefix;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    private static boolean forgottenPolicy(String value) {
        String policy = value.trim().toLowerCase(Locale.ROOT);
        if (policy.equals(FORGOTTEN_FAIL) || policy.equals(FORGOTTEN_ASSUME_COMMITTED)) {
            return policy.equals(FORGOTTEN_ASSUME_COMMITTED);
        }
        throw invalid(FORGOTTEN_TRANSACTIONS.key(), "'" + value + "' is not one of '" + FORGOTTEN_FAIL + "', '"
                + FORGOTTEN_ASSUME_COMMITTED + "'");
    }

    /** The most transactions a sink subtask begins in one database between checkpoints; 0 for no cap. */
    public int maxTransactionsPerDatabase() {
        return maxTransactionsPerDatabase;
    }

    /** How far the TaskManagers' clocks may differ (sink.clock-skew-allowance). */
    public Duration clockSkewAllowance() {
        return clockSkewAllowance;
    }

    /** Whether a restored transaction Doris forgot, too old to be sure, counts as committed. */
    public boolean assumeForgottenTransactionsCommitted() {
        return assumeForgottenTransactionsCommitted;
    }

    /** The FE's stream_load_default_precommit_timeout_second, as the user declared it. */
    public Duration dorisPrecommitTimeout() {
        return dorisPrecommitTimeout;
    }

    public int bufferSize() {
        return bufferSize;
    }

    public int bufferCount() {
        return bufferCount;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration socketTimeout() {
        return socketTimeout;
    }

    public Duration bufferWaitTimeout() {
        return bufferWaitTimeout;
    }

    /** Extra Stream Load headers from {@code sink.properties.*}, none of them reserved. */
    public Map<String, String> loadProperties() {
        return loadProperties;
    }

    /** CREATE TABLE properties from {@code table.create.properties.*}. */
    public Map<String, String> tableProperties() {
        return tableProperties;
    }

    /** {@code AUTO} or a positive number. */
    public String buckets() {
        return buckets;
    }

    public VarcharPolicy varcharPolicy() {
        return varcharPolicy;
    }

    public boolean duplicateKeyWithoutPrimaryKey() {
        return duplicateKeyWithoutPrimaryKey;
    }

    public Duration schemaChangeTimeout() {
        return schemaChangeTimeout;
    }

    public ZoneId zoneId() {
        return zoneId;
    }

    /** Whether the factory logs in to Doris when the job is built. */
    public boolean checkAtStart() {
        return checkAtStart;
    }

    /** {@code sink.ssl.truststore.path}, or empty for the JVM's default truststore. */
    public Optional<String> truststorePath() {
        return Optional.ofNullable(truststorePath);
    }

    /** Never log it. */
    public String truststorePassword() {
        return truststorePassword;
    }

    /**
     * The PREPARE timeout of each Stream Load ({@code sink.properties.timeout}), if the user set one: a load stays
     * open until the next checkpoint, so it must outlast the checkpoint interval.
     */
    public Optional<Duration> loadTimeout() {
        return loadProperties.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("timeout"))
                .findFirst()
                .map(e -> Duration.ofSeconds(loadTimeoutSeconds(e.getValue())));
    }

    @Override
    public String toString() {
        return "Doris2pcSinkConfig{fenodes=" + feNodes + ", username=" + username + ", password=****"
                + ", labelPrefix=" + labelPrefix + ", loadProperties=" + loadProperties
                + ", tableProperties=" + tableProperties + ", buckets=" + buckets
                + ", varcharPolicy=" + varcharPolicy + ", truststore=" + truststorePath
                + (truststorePassword.isEmpty() ? "" : ", truststorePassword=****") + '}';
    }
}
