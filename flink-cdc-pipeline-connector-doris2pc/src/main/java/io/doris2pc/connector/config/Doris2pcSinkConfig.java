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

import static io.doris2pc.connector.config.Doris2pcOptions.BACKEND_ADDRESS_MAP;
import static io.doris2pc.connector.config.Doris2pcOptions.BENODES;
import static io.doris2pc.connector.config.Doris2pcOptions.BUFFER_COUNT;
import static io.doris2pc.connector.config.Doris2pcOptions.BUFFER_SIZE;
import static io.doris2pc.connector.config.Doris2pcOptions.BUFFER_WAIT_TIMEOUT;
import static io.doris2pc.connector.config.Doris2pcOptions.CHECK_AT_START;
import static io.doris2pc.connector.config.Doris2pcOptions.CLOCK_SKEW_ALLOWANCE;
import static io.doris2pc.connector.config.Doris2pcOptions.CONNECT_TIMEOUT;
import static io.doris2pc.connector.config.Doris2pcOptions.DORIS_PRECOMMIT_TIMEOUT;
import static io.doris2pc.connector.config.Doris2pcOptions.DUPLICATE_KEY_WITHOUT_PRIMARY_KEY;
import static io.doris2pc.connector.config.Doris2pcOptions.FENODES;
import static io.doris2pc.connector.config.Doris2pcOptions.DELIVERY_GUARANTEE;
import static io.doris2pc.connector.config.Doris2pcOptions.KEYLESS_CHANGES;
import static io.doris2pc.connector.config.Doris2pcOptions.FORGOTTEN_ASSUME_COMMITTED;
import static io.doris2pc.connector.config.Doris2pcOptions.FORGOTTEN_FAIL;
import static io.doris2pc.connector.config.Doris2pcOptions.FORGOTTEN_TRANSACTIONS;
import static io.doris2pc.connector.config.Doris2pcOptions.LABEL_PREFIX;
import static io.doris2pc.connector.config.Doris2pcOptions.MAX_BYTES_PER_LOAD;
import static io.doris2pc.connector.config.Doris2pcOptions.MAX_OPEN_LOADS;
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
import static io.doris2pc.connector.config.Doris2pcOptions.TABLE_BUCKETS_PER_TABLE;
import static io.doris2pc.connector.config.Doris2pcOptions.TABLE_CREATE_PROPERTIES_PREFIX;
import static io.doris2pc.connector.config.Doris2pcOptions.USERNAME;
import static io.doris2pc.connector.config.Doris2pcOptions.NON_FINITE_FLOATS;
import static io.doris2pc.connector.config.Doris2pcOptions.VARCHAR_POLICY;
import static io.doris2pc.connector.config.Doris2pcOptions.WRITERS_PER_TABLE;

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

    /** The table property that makes a UNIQUE KEY table merge-on-write. */
    public static final String MERGE_ON_WRITE_PROPERTY = "enable_unique_key_merge_on_write";

    private final List<FeNode> feNodes;
    private final List<FeNode> beNodes;
    private final BackendAddressMap backendAddressMap;
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
    private final int writersPerTable;
    private final long maxBytesPerLoad;
    private final int maxOpenLoads;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final Duration bufferWaitTimeout;
    private final Map<String, String> loadProperties;
    private final LoadCompression compression;
    private final TableProperties tableProperties;
    private final TableBuckets buckets;
    private final AutoPartitioning autoPartitioning;
    private final VarcharPolicy varcharPolicy;
    private final NonFiniteFloatPolicy nonFiniteFloats;
    private final boolean duplicateKeyWithoutPrimaryKey;
    private final KeylessChanges keylessChanges;
    private final Duration schemaChangeTimeout;
    private final ZoneId zoneId;
    private final boolean checkAtStart;
    private final DeliveryGuarantee deliveryGuarantee;
    private final String truststorePath;
    private final String truststorePassword;

    private Doris2pcSinkConfig(Configuration conf, ZoneId zoneId) {
        this.feNodes = parseFeNodes(conf.get(FENODES));
        this.beNodes = conf.getOptional(BENODES).filter(v -> !v.trim().isEmpty())
                .map(Doris2pcSinkConfig::parseBeNodes).orElse(Collections.emptyList());
        this.backendAddressMap = conf.getOptional(BACKEND_ADDRESS_MAP).filter(v -> !v.trim().isEmpty())
                .map(Doris2pcSinkConfig::parseBackendAddressMap).orElse(BackendAddressMap.empty());
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
        this.writersPerTable = atLeast(conf.get(WRITERS_PER_TABLE), 1, WRITERS_PER_TABLE.key());
        this.maxBytesPerLoad = conf.get(MAX_BYTES_PER_LOAD);
        this.maxOpenLoads = atLeast(conf.get(MAX_OPEN_LOADS), 1, MAX_OPEN_LOADS.key());
        if (maxBytesPerLoad < bufferSize) {
            throw invalid(MAX_BYTES_PER_LOAD.key(), maxBytesPerLoad + " is smaller than one write buffer ("
                    + BUFFER_SIZE.key() + ", " + bufferSize + " bytes)");
        }
        this.connectTimeout = positive(conf.get(CONNECT_TIMEOUT), CONNECT_TIMEOUT.key());
        this.socketTimeout = positive(conf.get(SOCKET_TIMEOUT), SOCKET_TIMEOUT.key());
        this.bufferWaitTimeout = positive(conf.get(BUFFER_WAIT_TIMEOUT), BUFFER_WAIT_TIMEOUT.key());
        this.compression = compression(conf);
        this.loadProperties = loadProperties(conf);
        this.tableProperties = tableProperties(conf);
        this.buckets = parseTableBuckets(conf, parseBuckets(conf.get(TABLE_BUCKETS)));
        try {
            this.autoPartitioning = AutoPartitioning.of(prefixed(conf, AutoPartitioning.PREFIX));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Invalid doris2pc sink option " + e.getMessage(), e);
        }
        this.varcharPolicy = conf.get(VARCHAR_POLICY);
        this.nonFiniteFloats = conf.get(NON_FINITE_FLOATS);
        this.duplicateKeyWithoutPrimaryKey = conf.get(DUPLICATE_KEY_WITHOUT_PRIMARY_KEY);
        this.keylessChanges = conf.get(KEYLESS_CHANGES);
        this.schemaChangeTimeout = positive(conf.get(SCHEMA_CHANGE_TIMEOUT), SCHEMA_CHANGE_TIMEOUT.key());
        this.zoneId = zoneId;
        this.checkAtStart = conf.get(CHECK_AT_START);
        this.deliveryGuarantee = conf.get(DELIVERY_GUARANTEE);
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
        if (feNodes.stream().noneMatch(FeNode::isHttps) && beNodes.stream().noneMatch(FeNode::isHttps)) {
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

    /** {@code sink.properties.compress_type}: the body is compressed by the loader, not passed on as a header. */
    private static LoadCompression compression(Configuration conf) {
        Map<String, String> headers = prefixed(conf, SINK_PROPERTIES_PREFIX);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(LoadCompression.HEADER)) {
                try {
                    return LoadCompression.ofHeader(header.getValue());
                } catch (IllegalArgumentException e) {
                    throw invalid(SINK_PROPERTIES_PREFIX + header.getKey(), e.getMessage());
                }
            }
        }
        return LoadCompression.NONE;
    }

    private static List<FeNode> parseBeNodes(String value) {
        List<FeNode> nodes = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.trim().isEmpty()) {
                throw invalid(BENODES.key(), "has an empty entry (two commas in a row, or a comma at an end)");
            }
            try {
                nodes.add(FeNode.parse(part));
            } catch (IllegalArgumentException e) {
                throw invalid(BENODES.key(), e.getMessage().replace("the FE's http_port", "the BE's webserver_port")
                        .replace("127.0.0.1:8030", "127.0.0.1:8040"));
            }
        }
        return Collections.unmodifiableList(nodes);
    }

    private static BackendAddressMap parseBackendAddressMap(String value) {
        try {
            return BackendAddressMap.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(BACKEND_ADDRESS_MAP.key(), e.getMessage());
        }
    }

    private static Map<String, String> loadProperties(Configuration conf) {
        Map<String, String> headers = new LinkedHashMap<>(prefixed(conf, SINK_PROPERTIES_PREFIX));
        headers.keySet().removeIf(LoadCompression.HEADER::equalsIgnoreCase);
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

    private static TableProperties tableProperties(Configuration conf) {
        if (conf.toMap().containsKey(TABLE_CREATE_PROPERTIES_PREFIX)) {
            throw invalid(TABLE_CREATE_PROPERTIES_PREFIX, "names no property: write "
                    + TABLE_CREATE_PROPERTIES_PREFIX + "<property>: <value>");
        }
        try {
            return TableProperties.of(prefixed(conf, TABLE_CREATE_PROPERTIES_PREFIX),
                    prefixed(conf, TableProperties.PREFIX));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Invalid doris2pc sink option " + e.getMessage(), e);
        }
    }

    private static String parseBuckets(String value) {
        String trimmed = requireNonBlank(value, TABLE_BUCKETS.key());
        return TableBuckets.validBuckets(trimmed).orElseThrow(
                () -> invalid(TABLE_BUCKETS.key(), "'" + value + "' is neither AUTO nor a positive number"));
    }

    private static TableBuckets parseTableBuckets(Configuration conf, String fallback) {
        return conf.getOptional(TABLE_BUCKETS_PER_TABLE).filter(v -> !v.trim().isEmpty()).map(v -> {
            try {
                return TableBuckets.parse(v, fallback);
            } catch (IllegalArgumentException e) {
                throw invalid(TABLE_BUCKETS_PER_TABLE.key(), e.getMessage());
            }
        }).orElse(TableBuckets.all(fallback));
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

    /** {@code benodes}: BEs that loads go to directly; empty to follow the FE's redirect. */
    public List<FeNode> beNodes() {
        return beNodes;
    }

    /** {@code sink.backend-address-map}: reachable addresses of BEs the FE redirects to. */
    public BackendAddressMap backendAddressMap() {
        return backendAddressMap;
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

    /** At most this many subtasks write one table. */
    public int writersPerTable() {
        return writersPerTable;
    }

    /** The JSON bytes after which a table's open load is pre-committed and a new one begins. */
    public long maxBytesPerLoad() {
        return maxBytesPerLoad;
    }

    /** Stream Loads a writer keeps open at once. */
    public int maxOpenLoads() {
        return maxOpenLoads;
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

    /** Extra Stream Load headers from {@code sink.properties.*}, none of them reserved, without {@code compress_type}. */
    public Map<String, String> loadProperties() {
        return loadProperties;
    }

    /** How Stream Load bodies are compressed ({@code sink.properties.compress_type}). */
    public LoadCompression compression() {
        return compression;
    }

    /** CREATE TABLE properties: {@code table.create.properties.*}, per table {@code table.create.table-properties.*}. */
    public TableProperties tableProperties() {
        return tableProperties;
    }

    /** BUCKETS of each auto-created table: {@code AUTO} or a positive number. */
    public TableBuckets buckets() {
        return buckets;
    }

    /** Which auto-created tables are partitioned, on which column and unit. */
    public AutoPartitioning autoPartitioning() {
        return autoPartitioning;
    }

    public VarcharPolicy varcharPolicy() {
        return varcharPolicy;
    }

    /** {@code sink.non-finite-floats}. */
    public NonFiniteFloatPolicy nonFiniteFloats() {
        return nonFiniteFloats;
    }

    public boolean duplicateKeyWithoutPrimaryKey() {
        return duplicateKeyWithoutPrimaryKey;
    }

    /** What an UPDATE or DELETE of a table without a primary key does. */
    public KeylessChanges keylessChanges() {
        return keylessChanges;
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

    public DeliveryGuarantee deliveryGuarantee() {
        return deliveryGuarantee;
    }

    /**
     * Whether a UNIQUE KEY table doris2pc creates may be merge-on-write: {@code DorisDdl} asks for it unless the
     * table's properties ({@code table.create.properties.*}, or a matching {@code table.create.table-properties}
     * rule) set {@code enable_unique_key_merge_on_write} to {@code false}.
     */
    public boolean createsMergeOnWriteTables() {
        return tableProperties.variants().stream().anyMatch(
                properties -> !properties.getOrDefault(MERGE_ON_WRITE_PROPERTY, "true").trim().equalsIgnoreCase("false"));
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
        return "Doris2pcSinkConfig{fenodes=" + feNodes + ", benodes=" + beNodes + ", backendAddressMap="
                + backendAddressMap + ", username=" + username + ", password=****"
                + ", labelPrefix=" + labelPrefix + ", deliveryGuarantee=" + deliveryGuarantee
                + ", loadProperties=" + loadProperties + ", compression=" + compression
                + ", tableProperties=" + tableProperties + ", buckets=" + buckets
                + ", varcharPolicy=" + varcharPolicy + ", nonFiniteFloats=" + nonFiniteFloats + ", truststore=" + truststorePath
                + (truststorePassword.isEmpty() ? "" : ", truststorePassword=****") + '}';
    }
}
