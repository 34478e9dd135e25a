package io.doris2pc.e2e;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every log line of every logger at INFO and above (DEBUG for doris2pc), stack traces included, while open. The
 * console keeps printing only what it printed before, so a test run stays readable.
 */
final class AllLogs implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Map<LoggerConfig, Level> previousLevels = new HashMap<>();
    private final Map<String, Appender> rootAppenders;
    private final AbstractAppender capture;

    AllLogs() {
        Configuration configuration = context.getConfiguration();
        LoggerConfig root = configuration.getRootLogger();
        Level consoleLevel = root.getLevel();
        rootAppenders = new HashMap<>(root.getAppenders());
        capture = new AbstractAppender("all-logs-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringWriter text = new StringWriter();
                text.append(event.getLevel().name()).append(' ').append(event.getLoggerName()).append(' ')
                        .append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    event.getThrown().printStackTrace(new PrintWriter(text));
                }
                lines.add(text.toString());
            }
        };
        capture.start();
        for (Appender appender : rootAppenders.values()) {
            root.removeAppender(appender.getName());
            root.addAppender(appender, consoleLevel, null);
        }
        root.addAppender(capture, Level.ALL, null);
        lower(root, Level.INFO);
        for (LoggerConfig logger : configuration.getLoggers().values()) {
            lower(logger, Level.INFO);
        }
        LoggerConfig doris2pc = new LoggerConfig("io.doris2pc", Level.DEBUG, true);
        configuration.addLogger("io.doris2pc", doris2pc);
        context.updateLoggers();
    }

    private void lower(LoggerConfig logger, Level level) {
        previousLevels.putIfAbsent(logger, logger.getLevel());
        if (logger.getLevel().isMoreSpecificThan(level)) {
            logger.setLevel(level);
        }
    }

    List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        Configuration configuration = context.getConfiguration();
        configuration.removeLogger("io.doris2pc");
        LoggerConfig root = configuration.getRootLogger();
        root.removeAppender(capture.getName());
        for (Appender appender : rootAppenders.values()) {
            root.removeAppender(appender.getName());
            root.addAppender(appender, null, null);
        }
        previousLevels.forEach(LoggerConfig::setLevel);
        context.updateLoggers();
        capture.stop();
    }
}
