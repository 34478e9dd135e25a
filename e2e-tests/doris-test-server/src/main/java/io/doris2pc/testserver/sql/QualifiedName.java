package io.doris2pc.testserver.sql;

/** {@code [db.]name}, the database defaulting to the statement's current database. */
final class QualifiedName {
    final String db;
    final String name;

    private QualifiedName(String db, String name) {
        this.db = db;
        this.name = name;
    }

    static QualifiedName parse(Tokens t, String currentDb) {
        String first = t.identifier();
        if (t.acceptSymbol(".")) {
            return new QualifiedName(first, t.identifier());
        }
        return new QualifiedName(currentDb, first);
    }
}
