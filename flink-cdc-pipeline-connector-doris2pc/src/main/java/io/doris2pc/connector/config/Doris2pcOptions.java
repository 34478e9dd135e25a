package io.doris2pc.connector.config;

import org.apache.flink.cdc.common.configuration.ConfigOption;
import org.apache.flink.cdc.common.configuration.ConfigOptions;

import java.time.Duration;

/** Every option of the {@code doris2pc} sink block, with its type, default and description. */
public final class Doris2pcOptions {

    /** Free-form Stream Load headers: {@code sink.properties.<header>: value}. */
    public static final String SINK_PROPERTIES_PREFIX = "sink.properties.";

    /** Free-form CREATE TABLE properties: {@code table.create.properties.<name>: value}. */
    public static final String TABLE_CREATE_PROPERTIES_PREFIX = "table.create.properties.";

    public static final ConfigOption<String> FENODES =
            ConfigOptions.key("fenodes")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Doris FE HTTP addresses, host:port, comma separated, tried in turn. "
                                    + "Prefix with https:// for FEs that serve HTTPS.");

    public static final ConfigOption<String> BENODES =
            ConfigOptions.key("benodes")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Doris BE HTTP addresses (webserver_port, 8040 by default), host:port, comma separated; "
                                    + "https://host:port for BEs that serve HTTPS. When set, Stream Loads and their "
                                    + "commits and aborts go straight to these BEs, in turn, passing over one that "
                                    + "does not accept a connection, instead of wherever the FE redirects them. For "
                                    + "Flink outside Doris's network (NAT, Docker, Kubernetes). Unset: the FE's "
                                    + "redirect.");

    public static final ConfigOption<String> BACKEND_ADDRESS_MAP =
            ConfigOptions.key("sink.backend-address-map")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Rewrites the BE addresses the FE redirects to (and the BE's error-log URLs): "
                                    + "registered-host:port=reachable-host:port, comma separated, e.g. "
                                    + "172.17.0.3:8040=doris-be.example.com:18040. For a BE registered under an "
                                    + "address this machine cannot reach; the FE still chooses the BE.");

    public static final ConfigOption<String> USERNAME =
            ConfigOptions.key("username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Doris user with LOAD, ALTER and CREATE privileges on the target databases.");

    public static final ConfigOption<String> PASSWORD =
            ConfigOptions.key("password")
                    .stringType()
                    .defaultValue("")
                    .withDescription("Password of the Doris user. Never logged.");

    public static final ConfigOption<String> LABEL_PREFIX =
            ConfigOptions.key("sink.label-prefix")
                    .stringType()
                    .defaultValue("doris2pc")
                    .withDescription(
                            "Prefix of every Stream Load label this job creates: 1 to "
                                    + LabelPrefixRule.MAX_LENGTH
                                    + " characters of A-Z a-z 0-9 - _. Give each job writing the same Doris "
                                    + "database its own prefix; restarting a job with or without state never "
                                    + "requires changing it.");

    public static final ConfigOption<Integer> MAX_RETRIES =
            ConfigOptions.key("sink.max-retries")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "How often a commit, abort, DDL request or the FE's redirect of a new Stream Load "
                                    + "is retried after a transport error or an FE 5xx before the job fails. A "
                                    + "Stream Load that began is never retried in place: its rows are replayed from "
                                    + "the last checkpoint instead.");

    public static final ConfigOption<Duration> RETRY_BACKOFF =
            ConfigOptions.key("sink.retry-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription("First wait between retries; doubled after each failed attempt.");

    public static final ConfigOption<Duration> DORIS_PRECOMMIT_TIMEOUT =
            ConfigOptions.key("sink.doris-precommit-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(3600))
                    .withDescription(
                            "The Doris FE's stream_load_default_precommit_timeout_second. Within it Doris can neither "
                                    + "expire nor forget a pre-committed transaction, so a transaction it no longer "
                                    + "knows on a re-commit after restore must have been committed. Set it to the FE's "
                                    + "value if that was changed.");

    public static final ConfigOption<Duration> CLOCK_SKEW_ALLOWANCE =
            ConfigOptions.key("sink.clock-skew-allowance")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "How far the clocks of the TaskManagers may differ. A transaction's age is its "
                                    + "pre-commit time on one machine subtracted from the time on another; a "
                                    + "transaction Doris forgot is taken as committed only when that age plus this "
                                    + "allowance is below sink.doris-precommit-timeout.");

    /** Value of {@link #FORGOTTEN_TRANSACTIONS}: fail the restore. */
    public static final String FORGOTTEN_FAIL = "fail";

    /** Value of {@link #FORGOTTEN_TRANSACTIONS}: count the transaction as committed. */
    public static final String FORGOTTEN_ASSUME_COMMITTED = "assume-committed";

    public static final ConfigOption<String> FORGOTTEN_TRANSACTIONS =
            ConfigOptions.key("sink.forgotten-transactions")
                    .stringType()
                    .defaultValue(FORGOTTEN_FAIL)
                    .withDescription(
                            "What a restored transaction means when Doris no longer knows it and it is older than "
                                    + "sink.doris-precommit-timeout, so that Doris may have expired it: 'fail' (the "
                                    + "restore fails, naming the transaction) or 'assume-committed' (it counts as "
                                    + "committed). Set 'assume-committed' to restore a savepoint or checkpoint older "
                                    + "than the FE's streaming_label_keep_max_second (12 h by default) whose job ran "
                                    + "on after taking it, or was stopped with it: that job committed its "
                                    + "transactions, and Doris has since forgotten them.");

    public static final ConfigOption<Integer> MAX_TRANSACTIONS_PER_DATABASE =
            ConfigOptions.key("sink.max-transactions-per-database")
                    .intType()
                    .defaultValue(0)
                    .withDescription(
                            "The most transactions one sink subtask begins in one Doris database between two "
                                    + "checkpoints (0: no cap). The pipeline then holds at most 2 x parallelism x "
                                    + "this value of the database's max_running_txn_num_per_db quota (the loads of "
                                    + "the last checkpoint run until their commit). Reaching it fails the job with "
                                    + "the sizing rule before the pipeline takes the quota the database's other "
                                    + "loads need.");

    public static final ConfigOption<Integer> BUFFER_SIZE =
            ConfigOptions.key("sink.buffer-size")
                    .intType()
                    .defaultValue(1024 * 1024)
                    .withDescription(
                            "Bytes per write buffer. Rows are streamed to Doris one buffer (one HTTP chunk) at a time.");

    public static final ConfigOption<Integer> BUFFER_COUNT =
            ConfigOptions.key("sink.buffer-count")
                    .intType()
                    .defaultValue(8)
                    .withDescription(
                            "Write buffers per sink subtask, shared by all its tables. The writer's heap for rows "
                                    + "is bounded by sink.buffer-size x sink.buffer-count; when all are in flight "
                                    + "the writer waits (back-pressure).");

    public static final ConfigOption<Integer> WRITERS_PER_TABLE =
            ConfigOptions.key("sink.writers-per-table")
                    .intType()
                    .defaultValue(1)
                    .withDescription(
                            "How many sink subtasks write one table's rows; each key still always goes to the same "
                                    + "subtask. Each writing subtask holds one Doris transaction per table and "
                                    + "checkpoint, so a job keeps about active tables x this many transactions "
                                    + "running against the database's max_running_txn_num_per_db. Raise it (up to the "
                                    + "pipeline parallelism) only for a few tables whose rows one subtask cannot "
                                    + "serialize fast enough.");

    public static final ConfigOption<Long> MAX_BYTES_PER_LOAD =
            ConfigOptions.key("sink.max-bytes-per-load")
                    .longType()
                    .defaultValue(1024L * 1024 * 1024)
                    .withDescription(
                            "Bytes of JSON after which a table's open Stream Load is pre-committed and its next rows "
                                    + "go to a new load (next label); all are committed, in order, when the "
                                    + "checkpoint completes. Keep it well under the BE's streaming_load_max_mb "
                                    + "(10240 MB by default), past which Doris breaks the load off.");

    public static final ConfigOption<Integer> MAX_OPEN_LOADS =
            ConfigOptions.key("sink.max-open-loads")
                    .intType()
                    .defaultValue(256)
                    .withDescription(
                            "Stream Loads one sink subtask keeps open at once; each holds a thread and a connection "
                                    + "until it is pre-committed. A row of a table with no open load beyond this "
                                    + "many pre-commits the least recently written load first (one more transaction "
                                    + "for that table in the checkpoint). Keep it above the tables a subtask writes "
                                    + "between two checkpoints.");

    public static final ConfigOption<Duration> CONNECT_TIMEOUT =
            ConfigOptions.key("sink.connect-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Timeout for opening an HTTP connection to an FE or BE.");

    public static final ConfigOption<Duration> SOCKET_TIMEOUT =
            ConfigOptions.key("sink.socket-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "How long a request may wait for Doris to answer (or accept more body bytes) before it "
                                    + "counts as failed.");

    public static final ConfigOption<Duration> BUFFER_WAIT_TIMEOUT =
            ConfigOptions.key("sink.buffer-wait-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(5))
                    .withDescription(
                            "How long the writer waits for a free buffer while Doris accepts no data before it "
                                    + "fails the job instead of hanging.");

    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE =
            ConfigOptions.key("sink.delivery-guarantee")
                    .enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
                    .withDescription(
                            "exactly-once: two-phase-commit Stream Loads committed when the checkpoint that covers "
                                    + "them completes. at-least-once: plain Stream Loads that Doris commits when the "
                                    + "writer ends them (checkpoint barrier, sink.max-bytes-per-load, schema change); "
                                    + "after a failure the rows since the last checkpoint are loaded again: the same "
                                    + "final rows in UNIQUE KEY tables (older values visible meanwhile), duplicates "
                                    + "in DUPLICATE KEY tables. For Doris in cloud mode, which refuses two-phase "
                                    + "commit into merge-on-write tables.");

    public static final ConfigOption<Boolean> CHECK_AT_START =
            ConfigOptions.key("sink.check-at-start")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "When the job is built, log in to an FE of fenodes (bounded by sink.connect-timeout), so "
                                    + "that an unreachable Doris, an HTTPS certificate that is not trusted or wrong "
                                    + "credentials fail the submission instead of the running job. Turn off only "
                                    + "where the machine submitting the job cannot reach Doris.");

    public static final ConfigOption<String> SSL_TRUSTSTORE_PATH =
            ConfigOptions.key("sink.ssl.truststore.path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A PKCS12 or JKS truststore with the certificates of HTTPS FEs and BEs (https:// in "
                                    + "fenodes), e.g. a self-signed one. The file must exist at this path on every "
                                    + "machine of the job (client, JobManager, TaskManagers). Unset: the JVM's default "
                                    + "truststore (javax.net.ssl.trustStore, else the JDK's cacerts).");

    public static final ConfigOption<String> SSL_TRUSTSTORE_PASSWORD =
            ConfigOptions.key("sink.ssl.truststore.password")
                    .stringType()
                    .defaultValue("")
                    .withDescription("Password of sink.ssl.truststore.path. Never logged.");

    public static final ConfigOption<String> TABLE_BUCKETS =
            ConfigOptions.key("table.create.buckets")
                    .stringType()
                    .defaultValue("AUTO")
                    .withDescription("BUCKETS of auto-created tables: AUTO or a positive number.");

    public static final ConfigOption<String> TABLE_BUCKETS_PER_TABLE =
            ConfigOptions.key("table.create.table-buckets")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "BUCKETS per auto-created table: regex:buckets pairs, comma separated, as the official "
                                    + "connector's --table-buckets (e.g. orders:16,log_.*:32). The first regex "
                                    + "matching the whole table name or db.table wins; other tables get "
                                    + "table.create.buckets.");

    public static final ConfigOption<VarcharPolicy> VARCHAR_POLICY =
            ConfigOptions.key("table.create.varchar-policy")
                    .enumType(VarcharPolicy.class)
                    .defaultValue(VarcharPolicy.UTF8MB4)
                    .withDescription(
                            "How a source VARCHAR(n)/CHAR(n), counted in characters, becomes a Doris length in "
                                    + "bytes: UTF8MB4 reserves 4 bytes a character (any text fits), UTF8 reserves 3 "
                                    + "(as the official connector; 4-byte characters such as emoji may not fit), "
                                    + "STRING maps every character column to STRING.");

    public static final ConfigOption<Boolean> DUPLICATE_KEY_WITHOUT_PRIMARY_KEY =
            ConfigOptions.key("table.create.duplicate-key-without-primary-key")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Create a DUPLICATE KEY table (keyed on its first column Doris can take as a key) for a "
                                    + "source table without a primary key, as the official connector does; false "
                                    + "fails such a table instead. Inserts land exactly once (each row in one "
                                    + "transaction committed once); updates and deletes follow sink.keyless-changes.");

    public static final ConfigOption<KeylessChanges> KEYLESS_CHANGES =
            ConfigOptions.key("sink.keyless-changes")
                    .enumType(KeylessChanges.class)
                    .defaultValue(KeylessChanges.FAIL)
                    .withDescription(
                            "What an UPDATE or DELETE of a source table without a primary key does (its Doris table "
                                    + "is a DUPLICATE KEY table, which can apply neither): FAIL fails the job naming "
                                    + "the table; APPEND appends the row after each update as one more row and "
                                    + "skips deletes (metric dorisDeletesSkipped), so Doris keeps every version.");

    public static final ConfigOption<Duration> SCHEMA_CHANGE_TIMEOUT =
            ConfigOptions.key("table.schema-change.timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "How long a heavy schema change (a type change) may take in Doris, and how long a "
                                    + "change waits for an alter job of the table it did not start. Keep it below "
                                    + "the pipeline's schema-operator.rpc-timeout (3 min by default).");

    public static final ConfigOption<NonFiniteFloatPolicy> NON_FINITE_FLOATS =
            ConfigOptions.key("sink.non-finite-floats")
                    .enumType(NonFiniteFloatPolicy.class)
                    .defaultValue(NonFiniteFloatPolicy.FAIL)
                    .withDescription(
                            "NaN and Infinity in FLOAT/DOUBLE columns, which Doris cannot store (it loads NULL in "
                                    + "their place): FAIL fails the job naming table, column and value; STORE_NULL "
                                    + "loads NULL and counts each in the metric dorisNonFiniteFloatsStoredAsNull.");

    private Doris2pcOptions() {}
}
