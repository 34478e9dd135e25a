package io.doris2pc.connector.config;

import java.util.regex.Pattern;

/** What a label prefix may look like, so every label built from it is valid for Doris. */
public final class LabelPrefixRule {

    /** Leaves room in Doris's 128 characters for the parts the label factory appends. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern ALLOWED = Pattern.compile("[-_A-Za-z0-9]{1," + MAX_LENGTH + "}");

    private LabelPrefixRule() {}

    public static boolean isValid(String prefix) {
        return prefix != null && ALLOWED.matcher(prefix).matches();
    }
}
