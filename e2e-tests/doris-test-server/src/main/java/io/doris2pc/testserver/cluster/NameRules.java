package io.doris2pc.testserver.cluster;

import io.doris2pc.testserver.DorisSqlException;
import java.util.regex.Pattern;

/**
 * Which database, table, column names and labels Doris accepts (FE {@code FeNameFormat}), with its error texts.
 * Without {@code enable_unicode_name_support} (Doris's default) names are ASCII; with it, letters of any language
 * are allowed too. Tables are at most {@code table_name_length_limit} (64) characters long.
 */
final class NameRules {
    static final int TABLE_NAME_LENGTH_LIMIT = 64;

    private static final String DB = "^[a-zA-Z][a-zA-Z0-9-_]{0,63}$";
    private static final String UNICODE_DB = "^[a-zA-Z\\p{L}][a-zA-Z0-9-_\\p{L}]{0,63}$";
    private static final String TABLE = "^[a-zA-Z][a-zA-Z0-9-_]*$";
    private static final String UNICODE_TABLE = "^[a-zA-Z\\p{L}][a-zA-Z0-9-_\\p{L}]*$";
    private static final String COLUMN = "^[.a-zA-Z0-9_+-/?@#$%^&*\"\\s,:]{1,256}$";
    private static final String UNICODE_COLUMN = "^[.a-zA-Z0-9_+-/?@#$%^&*\"\\s,:\\p{L}]{1,256}$";
    private static final String LABEL = "^[-_A-Za-z0-9:]{1,128}$";
    private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL);

    private NameRules() {}

    static void checkDatabase(ClusterSettings settings, String name) {
        if (!name.matches(settings.unicodeNames ? UNICODE_DB : DB)) {
            throw new DorisSqlException("Incorrect database name '" + name + "'");
        }
    }

    static void checkTable(ClusterSettings settings, String name) {
        String regex = settings.unicodeNames ? UNICODE_TABLE : TABLE;
        if (!name.matches(regex) || name.length() > TABLE_NAME_LENGTH_LIMIT) {
            throw new DorisSqlException("Incorrect table name '" + name + "'. Table name regex is '" + regex + "'");
        }
    }

    static void checkColumn(ClusterSettings settings, String name) {
        String regex = settings.unicodeNames ? UNICODE_COLUMN : COLUMN;
        if (!name.matches(regex)) {
            throw new DorisSqlException("Incorrect column name '" + name + "'. Column regex is '" + regex + "'");
        }
    }

    /** Null when Doris accepts the label, else its refusal. */
    static String labelRefusal(String label) {
        return LABEL_PATTERN.matcher(label).matches() ? null
                : "Label format error. regex: " + LABEL + ", label: " + label;
    }
}
