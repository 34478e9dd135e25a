package io.doris2pc.connector.client;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Asserts that a text (an exception with its causes, a log line) shows the test password in no form. */
public final class NoPassword {

    private NoPassword() {}

    public static void assertNoPassword(String text) {
        String password = TestConfigs.PASSWORD;
        for (String form : new String[] {
            password,
            "s3cr3t",
            URLEncoder.encode(password, StandardCharsets.UTF_8),
            Base64.getEncoder().encodeToString(("root:" + password).getBytes(StandardCharsets.UTF_8))
        }) {
            assertFalse(text.contains(form), () -> "the password shows in: " + text);
        }
    }

    /** The exception's messages and stack trace, causes and suppressed ones included. */
    public static void assertNoPassword(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        assertNoPassword(text.toString());
    }
}
