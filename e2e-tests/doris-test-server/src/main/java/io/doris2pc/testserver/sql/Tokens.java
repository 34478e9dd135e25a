package io.doris2pc.testserver.sql;

import io.doris2pc.testserver.DorisSqlException;
import java.util.List;

/** A cursor over a statement's tokens with the small vocabulary the parsers need. */
final class Tokens {
    private final List<Token> tokens;
    private int pos;

    Tokens(String sql) {
        this.tokens = Lexer.tokenize(sql);
    }

    Token peek() {
        return tokens.get(pos);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(pos);
        if (t.kind != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    boolean peekWord(String word) {
        return peek().isWord(word);
    }

    /** Consumes the words if they come next, all of them. */
    boolean acceptWords(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!peek(i).isWord(words[i])) {
                return false;
            }
        }
        pos += words.length;
        return true;
    }

    void expectWords(String... words) {
        if (!acceptWords(words)) {
            throw syntaxError(String.join(" ", words));
        }
    }

    boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw syntaxError("'" + symbol + "'");
        }
    }

    /** A plain or backtick-quoted identifier. */
    String identifier() {
        Token t = peek();
        if (t.kind == Token.Kind.WORD || t.kind == Token.Kind.QUOTED) {
            pos++;
            return t.text;
        }
        throw syntaxError("an identifier");
    }

    String string() {
        Token t = peek();
        if (t.kind != Token.Kind.STRING) {
            throw syntaxError("a string literal");
        }
        pos++;
        return t.text;
    }

    boolean atEnd() {
        acceptSymbol(";");
        return peek().kind == Token.Kind.END;
    }

    void expectEnd() {
        if (!atEnd()) {
            throw syntaxError("end of statement");
        }
    }

    DorisSqlException syntaxError(String expected) {
        return new DorisSqlException("Syntax error in line 1:\nencountered '" + peek() + "', expected " + expected);
    }
}
