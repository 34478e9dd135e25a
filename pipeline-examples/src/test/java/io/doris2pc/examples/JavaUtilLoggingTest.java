package io.doris2pc.examples;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JavaUtilLoggingTest {

    private static final String BINLOG_CLIENT = "com.github.shyiko.mysql.binlog.BinaryLogClient";

    private final Captured captured = new Captured();

    @Test
    void theBinlogClientsLinesGoThroughTheLogConfigurationOnly() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        captured.start();
        context.getConfiguration().getRootLogger().addAppender(captured, null, null);
        context.updateLoggers();

        JavaUtilLogging.toSlf4j();
        Logger binlogClient = Logger.getLogger(BINLOG_CLIENT);
        binlogClient.info("Connected to 127.0.0.1:3306");
        binlogClient.warning("Keepalive failed");

        assertEquals(List.of(SLF4JBridgeHandler.class), rootHandlers(), "java.util.logging's console handler is gone");
        // log4j2-test.properties, like log4j2.properties, lets WARN and above through
        assertEquals(List.of("WARN " + BINLOG_CLIENT + ": Keepalive failed"), captured.lines);
    }

    @AfterEach
    void restore() throws Exception {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(captured.getName());
        context.updateLoggers();
        java.util.logging.LogManager.getLogManager().readConfiguration();
    }

    private static List<Class<?>> rootHandlers() {
        return Arrays.stream(Logger.getLogger("").getHandlers()).map(Handler::getClass).collect(Collectors.toList());
    }

    private static final class Captured extends AbstractAppender {
        final List<String> lines = new ArrayList<>();

        Captured() {
            super("captured", null, null, false, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            if (event.getLoggerName().equals(BINLOG_CLIENT)) {
                lines.add(event.getLevel() + " " + BINLOG_CLIENT + ": " + event.getMessage().getFormattedMessage());
            }
        }
    }
}
