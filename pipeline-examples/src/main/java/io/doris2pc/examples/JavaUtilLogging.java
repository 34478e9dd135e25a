package io.doris2pc.examples;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The MySQL source's binlog client ({@code BinaryLogClient}) logs through {@code java.util.logging}, whose own
 * console handler would print its lines past the log configuration ({@code log4j2.properties}).
 */
public final class JavaUtilLogging {

    private JavaUtilLogging() {}

    /** Sends every {@code java.util.logging} record to SLF4J instead of to the console. For a {@code main}. */
    public static void toSlf4j() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }
}
