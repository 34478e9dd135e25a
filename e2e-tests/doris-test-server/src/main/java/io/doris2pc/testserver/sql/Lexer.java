package io.doris2pc.testserver.sql;

import io.doris2pc.testserver.DorisSqlException;
import java.util.ArrayList;
import java.util.List;

/** Splits a statement into tokens; backtick-quoted identifiers may hold any character (`` doubles a backtick). */
final class Lexer {
    private Lexer() {}

    static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '`') {
                StringBuilder s = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new DorisSqlException("Syntax error: unclosed backtick identifier");
                    }
                    char d = sql.charAt(i);
                    if (d == '`') {
                        if (i + 1 < n && sql.charAt(i + 1) == '`') {
                            s.append('`');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    s.append(d);
                    i++;
                }
                tokens.add(new Token(Token.Kind.QUOTED, s.toString()));
            } else if (c == '\'' || c == '"') {
                StringBuilder s = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new DorisSqlException("Syntax error: unclosed string literal");
                    }
                    char d = sql.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        char e = sql.charAt(i + 1);
                        s.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                        i += 2;
                        continue;
                    }
                    if (d == c) {
                        if (i + 1 < n && sql.charAt(i + 1) == c) {
                            s.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    s.append(d);
                    i++;
                }
                tokens.add(new Token(Token.Kind.STRING, s.toString()));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)) && numberMayStart(tokens))) {
                int start = i++;
                while (i < n && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.NUMBER, sql.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_' || c == '@' || c == '$') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || "_@$".indexOf(sql.charAt(i)) >= 0)) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.WORD, sql.substring(start, i)));
            } else {
                String two = i + 1 < n ? sql.substring(i, i + 2) : "";
                if (two.equals("<=") || two.equals(">=") || two.equals("!=") || two.equals("<>")) {
                    tokens.add(new Token(Token.Kind.SYMBOL, two));
                    i += 2;
                } else if ("(),.;=<>*".indexOf(c) >= 0) {
                    tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c)));
                    i++;
                } else {
                    throw new DorisSqlException("Syntax error: unexpected character '" + c + "'");
                }
            }
        }
        tokens.add(new Token(Token.Kind.END, ""));
        return tokens;
    }

    private static boolean numberMayStart(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return true;
        }
        Token last = tokens.get(tokens.size() - 1);
        return last.kind == Token.Kind.SYMBOL || last.isWord("DEFAULT");
    }
}
