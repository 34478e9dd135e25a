package io.doris2pc.connector.schema;

/**
 * Quoting of names and literals in Doris SQL. Every name and every text that reaches a statement goes through
 * here, so no table, column, comment or default value can end a statement early or inject another one.
 */
public final class DorisIdentifiers {

    private DorisIdentifiers() {}

    /**
     * A name in backticks, backticks inside doubled (Doris reads {@code ``} inside a quoted name as one backtick).
     *
     * @throws IllegalArgumentException for an empty name or one holding a NUL character, which no quoting can
     *     carry
     */
    public static String quote(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A Doris name must not be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "A Doris name must not contain a NUL character: " + stringLiteral(name));
        }
        return '`' + name.replace("`", "``") + '`';
    }

    /** {@code `db`.`table`}. */
    public static String quote(String database, String table) {
        return quote(database) + '.' + quote(table);
    }

    /**
     * A single-quoted string literal for COMMENT, DEFAULT and property values. Doris reads backslash escapes in
     * literals as MySQL does, so backslash, both quotes and control characters are escaped.
     */
    public static String stringLiteral(String value) {
        return quoteLiteral(value, '\'');
    }

    /** A double-quoted string literal, the form Doris documents for PROPERTIES keys and values. */
    public static String doubleQuotedLiteral(String value) {
        return quoteLiteral(value, '"');
    }

    private static String quoteLiteral(String value, char quote) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append(quote);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\'':
                    sb.append("\\'");
                    break;
                case '"':
                    sb.append("\\\"");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\0':
                    sb.append("\\0");
                    break;
                case '\u001A':
                    sb.append("\\Z");
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.append(quote).toString();
    }
}
