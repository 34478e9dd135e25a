package io.doris2pc.benchmarks.source;

import org.apache.flink.cdc.common.configuration.ConfigOption;
import org.apache.flink.cdc.common.configuration.ConfigOptions;
import org.apache.flink.cdc.common.configuration.Configuration;
import org.apache.flink.cdc.common.event.TableId;
import org.apache.flink.cdc.common.factories.DataSourceFactory;
import org.apache.flink.cdc.common.factories.FactoryHelper;
import org.apache.flink.cdc.common.source.DataSource;

import java.util.Set;

/** Pipeline source {@code type: change-generator}: generated change events of one table, then the end. */
public final class GeneratorSourceFactory implements DataSourceFactory {

    static final ConfigOption<String> TABLE =
            ConfigOptions.key("table").stringType().noDefaultValue()
                    .withDescription("database.table of the generated table");
    static final ConfigOption<String> SHAPE =
            ConfigOptions.key("shape").stringType().defaultValue("employees")
                    .withDescription("employees (the reference table) or wide (30 columns of mixed types)");
    static final ConfigOption<Long> ROWS =
            ConfigOptions.key("rows").longType().noDefaultValue()
                    .withDescription("change events to emit after the CreateTableEvent");

    @Override
    public String identifier() {
        return "change-generator";
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(TABLE, ROWS);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(SHAPE);
    }

    @Override
    public DataSource createDataSource(Context context) {
        FactoryHelper.createFactoryHelper(this, context).validate();
        Configuration config = context.getFactoryConfiguration();
        return new GeneratorDataSource(
                TableId.parse(config.get(TABLE)), TableShape.named(config.get(SHAPE)), config.get(ROWS));
    }
}
