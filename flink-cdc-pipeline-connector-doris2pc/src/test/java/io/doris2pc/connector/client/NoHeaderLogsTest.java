package io.doris2pc.connector.client;

import io.doris2pc.connector.load.StreamLoad;
import io.doris2pc.connector.load.StreamLoader;
import io.doris2pc.testserver.DorisTestServer;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.doris2pc.connector.client.NoPassword.assertNoPassword;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * With httpclient5's loggers at DEBUG (in the connector jar they sit under io.doris2pc, so raising io.doris2pc to
 * DEBUG raises them), a load and a two-phase commit through the FE's redirects log neither the Authorization header
 * nor the user:password Doris writes into the redirect Location.
 */
class NoHeaderLogsTest {

    private static final String HTTPCLIENT = "org.apache.hc";

    @Test
    void httpclientDebugLogsShowNoCredentials() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        AbstractAppender appender =
                new AbstractAppender("httpclient-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        lines.add(event.getMessage().getFormattedMessage());
                    }
                };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        LoggerConfig logger = new LoggerConfig(HTTPCLIENT, Level.DEBUG, false);
        logger.addAppender(appender, Level.DEBUG, null);
        configuration.addLogger(HTTPCLIENT, logger);
        context.updateLoggers();
        try (DorisTestServer server = TestConfigs.startServer()) {
            TestConfigs.createTable(server, "db", "t");
            try (StreamLoader loader = new StreamLoader(TestConfigs.config(server.feAddress()));
                    DorisHttpClient client = new DorisHttpClient(TestConfigs.config(server.feAddress()))) {
                StreamLoad load = loader.begin("db", "t", "no_header_logs_1", false);
                byte[] row = "{\"id\":1}\n".getBytes(StandardCharsets.UTF_8);
                load.write(row, 0, row.length);
                client.commit("db", load.finish().txnId());
            }
        } finally {
            configuration.removeLogger(HTTPCLIENT);
            context.updateLoggers();
            appender.stop();
        }
        assertFalse(lines.isEmpty(), "httpclient logged nothing at DEBUG: the test would prove nothing");
        for (String line : lines) {
            assertNoPassword(line);
        }
    }
}
