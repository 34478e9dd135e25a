package io.doris2pc.testserver.sql;

/** A lexical token of a SQL statement. */
final class Token {
    enum Kind {
        WORD,
        QUOTED,
        STRING,
        NUMBER,
        SYMBOL,
        END
    }

    final Kind kind;
    final String text;

    Token(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    @Override
    public String toString() {
        return kind == Kind.END ? "end of statement" : text;
    }
}
