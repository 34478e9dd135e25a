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
    /** 2.1 ({@code 37ef2e33}); {@code a7052ab6} (2024-03-26) took out {@code <} and {@code >}. */
    private static final String COLUMN_2_1 = "^[_a-zA-Z@0-9\\s<>/][.a-zA-Z0-9_+-/><?@#$%^&*\"\\s,:]{0,255}$";
    private static final String UNICODE_COLUMN_2_1 = "^[_a-zA-Z@0-9\\p{L}][.a-zA-Z0-9_+-/><?@#$%^&*\\p{L}]{0,255}$";
    /** 3.0 ({@code 18a9b7bc}, {@code 83e12a84}): the unicode variant allows no spaces, {@code "}, {@code ,} or {@code :}. */
    private static final String COLUMN_3_0 = "^[_a-zA-Z@0-9\\s/][.a-zA-Z0-9_+-/?@#$%^&*\"\\s,:]{0,255}$";
    private static final String UNICODE_COLUMN_3_0 = "^[_a-zA-Z@0-9\\p{L}][.a-zA-Z0-9_+-/?@#$%^&*\\p{L}]{0,255}$";
    /** Master ({@code 67714700}), relaxed since {@code 29d56c04} (2025-02): any first character, no trailing space. */
    private static final String COLUMN_NEWER =
            "^[.a-zA-Z0-9_+\\-/?@#$%^&*\"\\s,:]{0,255}[.a-zA-Z0-9_+\\-/?@#$%^&*\",:]$";
    private static final String UNICODE_COLUMN_NEWER = "^[\\s\\S]{0,255}[\\S]$";
    private static final String SHADOW_PREFIX = "__doris_shadow_";
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

    /**
     * FE {@code FeNameFormat.checkColumnName}: the regex of the version, then the prefixes Doris keeps for itself
     * ({@code __doris_shadow_} for alter jobs; up to 3.0 {@code mv_} and {@code mva_} for materialized views).
     */
    static void checkColumn(ClusterSettings settings, String name) {
        String regex = columnRegex(settings);
        if (!name.matches(regex) || name.startsWith(SHADOW_PREFIX)) {
            throw new DorisSqlException("Incorrect column name '" + name + "'. Column regex is '" + regex + "'");
        }
        if (settings.version() != DorisVersion.NEWER && (name.startsWith("mv_") || name.startsWith("mva_"))) {
            throw new DorisSqlException("Incorrect column name " + name + ", column name can't start with 'mv_'/'mva_'");
        }
    }

    private static String columnRegex(ClusterSettings settings) {
        switch (settings.version()) {
            case V2_1:
                return settings.unicodeNames ? UNICODE_COLUMN_2_1 : COLUMN_2_1;
            case V3_0:
                return settings.unicodeNames ? UNICODE_COLUMN_3_0 : COLUMN_3_0;
            default:
                return settings.unicodeNames ? UNICODE_COLUMN_NEWER : COLUMN_NEWER;
        }
    }

    /** Null when Doris accepts the label, else its refusal. */
    static String labelRefusal(String label) {
        return LABEL_PATTERN.matcher(label).matches() ? null
                : "Label format error. regex: " + LABEL + ", label: " + label;
    }
}
