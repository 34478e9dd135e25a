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
                    .defaultValue(false)
                    .withDescription(
                            "Create a DUPLICATE KEY table for a source table without a primary key, instead of "
                                    + "failing. Such a table cannot apply updates or deletes, and exactly-once "
                                    + "then rests on checkpoint replay alone.");

    public static final ConfigOption<Duration> SCHEMA_CHANGE_TIMEOUT =
            ConfigOptions.key("table.schema-change.timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription(
                            "How long a heavy schema change (a type change) may take in Doris, and how long a "
                                    + "change waits for an alter job of the table it did not start. Keep it below "
                                    + "the pipeline's schema-operator.rpc-timeout (3 min by default).");

    private Doris2pcOptions() {}
}
