package io.doris2pc.e2e.chaos;

import io.doris2pc.connector.factory.Doris2pcDataSinkFactory;
import io.doris2pc.connector.sink.Doris2pcDataSink;

import org.apache.flink.cdc.common.configuration.ConfigOption;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.factories.DataSinkFactory;
import org.apache.flink.cdc.common.factories.FactoryHelper;
import org.apache.flink.cdc.common.sink.DataSink;
import org.apache.flink.table.api.ValidationException;

import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: doris2pc-chaos}, for tests only (registered through the Flink CDC factory SPI in test resources):
 * the doris2pc sink with every doris2pc option, plus {@code chaos.*} options naming one failure to inject once and
 * the directory that records the run. See {@link FailurePoint} and {@link ChaosRun}.
 *
 * <pre>
 * sink:
 *   type: doris2pc-chaos
 *   fenodes: ...                      # every doris2pc option
 *   chaos.dir: /tmp/run-1             # required
 *   chaos.failure: PREPARE_COMMIT     # default NONE: ledger only
 *   chaos.write.after-records: 50     # for WRITE
 * </pre>
 */
public class ChaosDataSinkFactory implements DataSinkFactory {

    public static final String IDENTIFIER = "doris2pc-chaos";

    private final Doris2pcDataSinkFactory doris2pc = new Doris2pcDataSinkFactory();

    @Override
    public DataSink createDataSink(Context context) {
        Map<String, String> chaos = new HashMap<>();
        Map<String, String> others = new HashMap<>();
        context.getFactoryConfiguration()
                .toMap()
                .forEach((key, value) -> (key.startsWith(ChaosOptions.PREFIX) ? chaos : others).put(key, value));
        Set<String> known = Set.of(
                ChaosOptions.DIR.key(), ChaosOptions.FAILURE.key(), ChaosOptions.WRITE_AFTER_RECORDS.key());
        for (String key : chaos.keySet()) {
            if (!known.contains(key)) {
                throw new ValidationException("Unknown doris2pc-chaos option '" + key + "'; known: " + known);
            }
        }
        Configuration chaosConfig = Configuration.fromMap(chaos);
        String dir = chaosConfig.getOptional(ChaosOptions.DIR).orElseThrow(
                () -> new ValidationException("doris2pc-chaos needs the option '" + ChaosOptions.DIR.key() + "'"));
        ChaosSettings settings =
                new ChaosSettings(
                        new ChaosRun(Paths.get(dir)),
                        chaosConfig.get(ChaosOptions.FAILURE),
                        chaosConfig.get(ChaosOptions.WRITE_AFTER_RECORDS));
        DataSink real =
                doris2pc.createDataSink(
                        new FactoryHelper.DefaultContext(
                                Configuration.fromMap(others),
                                context.getPipelineConfiguration(),
                                context.getClassLoader()));
        return new ChaosDataSink((Doris2pcDataSink) real, settings);
    }

    @Override
    public String identifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        Set<ConfigOption<?>> required = new HashSet<>(doris2pc.requiredOptions());
        required.add(ChaosOptions.DIR);
        return required;
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> optional = new HashSet<>(doris2pc.optionalOptions());
        optional.add(ChaosOptions.FAILURE);
        optional.add(ChaosOptions.WRITE_AFTER_RECORDS);
        return optional;
    }
}
