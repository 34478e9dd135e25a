package io.doris2pc.e2e.chaos;

import org.apache.flink.cdc.common.configuration.ConfigOption;
import org.apache.flink.cdc.common.configuration.ConfigOptions;

/** The {@code chaos.*} options of a {@code doris2pc-chaos} sink block; every other key goes to doris2pc. */
public final class ChaosOptions {

    public static final String PREFIX = "chaos.";

    public static final ConfigOption<String> DIR =
            ConfigOptions.key("chaos.dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Directory of this chaos run: its ledger, the file that arms the failure and the marker "
                                    + "that it fired. A failure fires once per directory, across restarts and JVMs.");

    public static final ConfigOption<FailurePoint> FAILURE =
            ConfigOptions.key("chaos.failure")
                    .enumType(FailurePoint.class)
                    .defaultValue(FailurePoint.NONE)
                    .withDescription("Where the sink fails once it is armed.");

    public static final ConfigOption<Integer> WRITE_AFTER_RECORDS =
            ConfigOptions.key("chaos.write.after-records")
                    .intType()
                    .defaultValue(1)
                    .withDescription(
                            "For WRITE: once armed, a writer fails when this many data changes went into its open "
                                    + "loads since its last flush (checkpoint or schema change), so the failure "
                                    + "strikes loads that hold at least that many rows.");

    private ChaosOptions() {}
}
