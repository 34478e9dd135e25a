package io.doris2pc.testserver.sql;

import io.doris2pc.testserver.DorisSqlException;
import io.doris2pc.testserver.cluster.Column;
import io.doris2pc.testserver.cluster.ColumnType;

/**
 * {@code name type [KEY] [NULL | NOT NULL] [AUTO_INCREMENT] [DEFAULT v] [COMMENT 'c']}. Without a NULL clause
 * a column is nullable (Doris 2.1's ColumnNullableType.DEFAULT); a key column written NULL stays nullable.
 */
final class ColumnDefinitionParser {
    private ColumnDefinitionParser() {}

    /** Parses a full definition; {@code key} marks a column declared with the KEY keyword. */
    static Column parse(Tokens t) {
        String name = t.identifier();
        ColumnType type = ColumnType.parse(typeText(t));
        boolean key = false;
        boolean nullable = true;
        String defaultValue = null;
        String comment = "";
        while (true) {
            if (t.acceptWords("KEY")) {
                key = true;
            } else if (t.acceptWords("NOT", "NULL")) {
                nullable = false;
            } else if (t.acceptWords("NULL")) {
                nullable = true;
            } else if (t.acceptWords("AUTO_INCREMENT")) {
                throw new DorisSqlException("AUTO_INCREMENT is not supported by the Doris test server");
            } else if (t.acceptWords("DEFAULT")) {
                defaultValue = defaultValue(t);
            } else if (t.acceptWords("COMMENT")) {
                comment = t.string();
            } else {
                break;
            }
        }
        return new Column(name, type, nullable, defaultValue, comment, key);
    }

    private static String defaultValue(Tokens t) {
        Token v = t.next();
        switch (v.kind) {
            case STRING:
            case NUMBER:
                return v.text;
            case WORD:
                if (v.text.equalsIgnoreCase("NULL")) {
                    return null;
                }
                if (v.text.equalsIgnoreCase("CURRENT_TIMESTAMP")) {
                    if (t.acceptSymbol("(")) {
                        while (!t.acceptSymbol(")")) {
                            t.next();
                        }
                    }
                    return "CURRENT_TIMESTAMP";
                }
                throw new DorisSqlException("Unsupported default value: " + v.text);
            default:
                throw t.syntaxError("a default value");
        }
    }

    /** The type's text: a name, then a parenthesised or angle-bracketed parameter list. */
    static String typeText(Tokens t) {
        StringBuilder type = new StringBuilder(t.identifier());
        if (t.peek().isSymbol("(")) {
            do {
                type.append(t.next().text);
            } while (!type.toString().endsWith(")") && t.peek().kind != Token.Kind.END);
        } else if (t.peek().isSymbol("<")) {
            int depth = 0;
            do {
                Token tok = t.next();
                if (tok.isSymbol("<")) {
                    depth++;
                } else if (tok.isSymbol(">")) {
                    depth--;
                }
                type.append(tok.kind == Token.Kind.WORD || tok.kind == Token.Kind.QUOTED ? " " + tok.text + " " : tok.text);
            } while (depth > 0 && t.peek().kind != Token.Kind.END);
        }
        return type.toString();
    }
}
