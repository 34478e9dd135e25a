package io.doris2pc.connector.client;

import io.doris2pc.connector.config.Doris2pcOptions;
import io.doris2pc.connector.config.Doris2pcSinkConfig;

import org.apache.flink.table.api.ValidationException;

import javax.net.ssl.SSLException;

import java.io.IOException;

/**
 * Logs in to Doris once when the job is built (Flink CDC creates the sink in the submitting JVM), so that an
 * unreachable FE, an untrusted HTTPS certificate or wrong credentials fail the submission with the option to fix,
 * instead of the running job. Every wait is bounded by {@code sink.connect-timeout}.
 */
public final class DorisStartupCheck {

    /** Any statement every user may run: it proves the FE answers and accepts the credentials. */
    private static final String PROBE = "SHOW DATABASES";

    private DorisStartupCheck() {}

    /** @throws ValidationException naming the option to fix */
    public static void verify(Doris2pcSinkConfig config) {
        try (DorisHttpClient client = new DorisHttpClient(config, config.connectTimeout())) {
            client.execute("information_schema", PROBE);
        } catch (DorisAuthException e) {
            throw new ValidationException("doris2pc cannot start: " + e.getMessage(), e);
        } catch (DorisSqlException e) {
            // the FE answered and accepted the credentials; refusing the probe itself is no reason to stop
        } catch (NodeUnavailableException e) {
            throw new ValidationException(unreachable(config, e), e);
        } catch (IOException e) {
            throw new ValidationException("doris2pc cannot start: the address in '" + Doris2pcOptions.FENODES.key()
                    + "' answered, but not as a Doris FE does (" + e.getMessage() + "). Check that it is the FE's "
                    + "HTTP port (http_port, 8030 by default), not the MySQL query port (9030) or a BE.", e);
        }
    }

    private static String unreachable(Doris2pcSinkConfig config, NodeUnavailableException e) {
        StringBuilder text = new StringBuilder("doris2pc cannot start: ").append(e.getMessage()).append(". ");
        if (hasCause(e, SSLException.class)) {
            text.append("The HTTPS connection failed: if the FE serves HTTPS with a certificate the JVM does not "
                    + "trust (self-signed, private CA), set '").append(Doris2pcOptions.SSL_TRUSTSTORE_PATH.key())
                    .append("' and '").append(Doris2pcOptions.SSL_TRUSTSTORE_PASSWORD.key())
                    .append("'; if it serves plain HTTP, write it without https:// in '")
                    .append(Doris2pcOptions.FENODES.key()).append("'.");
        } else {
            text.append("Check that '").append(Doris2pcOptions.FENODES.key()).append("' lists the FEs' HTTP "
                    + "addresses (http_port, 8030 by default; https://host:port for FEs that serve HTTPS), that this "
                    + "machine can reach them within '").append(Doris2pcOptions.CONNECT_TIMEOUT.key()).append("' (")
                    .append(config.connectTimeout()).append("), and that Doris is running.");
        }
        return text.toString();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
