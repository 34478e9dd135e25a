package io.doris2pc.connector.factory;

import io.doris2pc.connector.client.DorisStartupCheck;
import io.doris2pc.connector.config.AutoPartitioning;
import io.doris2pc.connector.config.Doris2pcOptions;
import io.doris2pc.connector.config.Doris2pcSinkConfig;
import io.doris2pc.connector.config.TableProperties;
import io.doris2pc.connector.sink.Doris2pcDataSink;

import org.apache.flink.cdc.common.configuration.ConfigOption;
import org.apache.flink.cdc.common.factories.DataSinkFactory;
import org.apache.flink.cdc.common.factories.FactoryHelper;
import org.apache.flink.cdc.common.sink.DataSink;
import org.apache.flink.table.api.ValidationException;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.apache.flink.cdc.common.pipeline.PipelineOptions.PIPELINE_LOCAL_TIME_ZONE;
import static org.apache.flink.cdc.common.pipeline.PipelineOptions.PIPELINE_SCHEMA_OPERATOR_RPC_TIMEOUT;

/** The {@code type: doris2pc} pipeline sink, found by Flink CDC through the factory SPI. */
public class Doris2pcDataSinkFactory implements DataSinkFactory {

    public static final String IDENTIFIER = "doris2pc";

    @Override
    public DataSink createDataSink(Context context) {
        try {
            FactoryHelper.createFactoryHelper(this, context)
                    .validateExcept(
                            Doris2pcOptions.SINK_PROPERTIES_PREFIX, Doris2pcOptions.TABLE_CREATE_PROPERTIES_PREFIX,
                            AutoPartitioning.PREFIX, TableProperties.PREFIX);
        } catch (IllegalArgumentException e) {
            // A value that does not parse (e.g. "many" for an int option): the message names the key.
            throw new ValidationException("Invalid doris2pc sink option: " + e.getMessage(), e);
        }
        String zone = context.getPipelineConfiguration().get(PIPELINE_LOCAL_TIME_ZONE);
        ZoneId zoneId =
                PIPELINE_LOCAL_TIME_ZONE.defaultValue().equals(zone) ? ZoneId.systemDefault() : ZoneId.of(zone);
        Doris2pcSinkConfig config = Doris2pcSinkConfig.from(context.getFactoryConfiguration(), zoneId);
        checkAgainstPipeline(config, context.getPipelineConfiguration().get(PIPELINE_SCHEMA_OPERATOR_RPC_TIMEOUT));
        if (config.checkAtStart()) {
            DorisStartupCheck.verify(config);
        }
        return new Doris2pcDataSink(config);
    }

    /**
     * A schema change that waits longer than the schema operator waits for it fails the job with Flink CDC's
     * "TimeOut when requesting release upstream" instead of this sink's explanation.
     */
    private static void checkAgainstPipeline(Doris2pcSinkConfig config, Duration rpcTimeout) {
        if (config.schemaChangeTimeout().compareTo(rpcTimeout) >= 0) {
            throw new ValidationException("Invalid doris2pc sink option '"
                    + Doris2pcOptions.SCHEMA_CHANGE_TIMEOUT.key() + "': " + config.schemaChangeTimeout()
                    + " is not shorter than the pipeline's '" + PIPELINE_SCHEMA_OPERATOR_RPC_TIMEOUT.key() + "' ("
                    + rpcTimeout + "), which bounds every schema change: lower the sink option or raise the pipeline "
                    + "option");
        }
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return new HashSet<>(Arrays.asList(Doris2pcOptions.FENODES, Doris2pcOptions.USERNAME));
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return new HashSet<>(
                Arrays.asList(
                        Doris2pcOptions.PASSWORD,
                        Doris2pcOptions.BENODES,
                        Doris2pcOptions.BACKEND_ADDRESS_MAP,
                        Doris2pcOptions.LABEL_PREFIX,
                        Doris2pcOptions.MAX_RETRIES,
                        Doris2pcOptions.RETRY_BACKOFF,
                        Doris2pcOptions.DORIS_PRECOMMIT_TIMEOUT,
                        Doris2pcOptions.CLOCK_SKEW_ALLOWANCE,
                        Doris2pcOptions.FORGOTTEN_TRANSACTIONS,
                        Doris2pcOptions.MAX_TRANSACTIONS_PER_DATABASE,
                        Doris2pcOptions.BUFFER_SIZE,
                        Doris2pcOptions.BUFFER_COUNT,
                        Doris2pcOptions.WRITERS_PER_TABLE,
                        Doris2pcOptions.MAX_BYTES_PER_LOAD,
                        Doris2pcOptions.MAX_OPEN_LOADS,
                        Doris2pcOptions.CONNECT_TIMEOUT,
                        Doris2pcOptions.SOCKET_TIMEOUT,
                        Doris2pcOptions.BUFFER_WAIT_TIMEOUT,
                        Doris2pcOptions.TABLE_BUCKETS,
                        Doris2pcOptions.TABLE_BUCKETS_PER_TABLE,
                        Doris2pcOptions.VARCHAR_POLICY,
                        Doris2pcOptions.NON_FINITE_FLOATS,
                        Doris2pcOptions.DUPLICATE_KEY_WITHOUT_PRIMARY_KEY,
                        Doris2pcOptions.KEYLESS_CHANGES,
                        Doris2pcOptions.SCHEMA_CHANGE_TIMEOUT,
                        Doris2pcOptions.CHECK_AT_START,
                        Doris2pcOptions.DELIVERY_GUARANTEE,
                        Doris2pcOptions.SSL_TRUSTSTORE_PATH,
                        Doris2pcOptions.SSL_TRUSTSTORE_PASSWORD));
    }
}
