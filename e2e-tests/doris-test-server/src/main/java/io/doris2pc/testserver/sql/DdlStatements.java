package io.doris2pc.testserver.sql;

import io.doris2pc.testserver.DorisSqlException;
import io.doris2pc.testserver.auth.Privilege;
import io.doris2pc.testserver.cluster.AlterClause;
import io.doris2pc.testserver.cluster.AutoPartition;
import io.doris2pc.testserver.cluster.Catalog;
import io.doris2pc.testserver.cluster.Column;
import io.doris2pc.testserver.cluster.KeysType;
import io.doris2pc.testserver.cluster.TableDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CREATE / DROP / ALTER / TRUNCATE, parsed and applied to the catalog. */
final class DdlStatements {
    private final Catalog catalog;
    private final String currentDb;
    private final long nextTxnId;
    private final Access access;

    DdlStatements(Catalog catalog, String currentDb, long nextTxnId, Access access) {
        this.catalog = catalog;
        this.currentDb = currentDb;
        this.nextTxnId = nextTxnId;
        this.access = access;
    }

    void create(Tokens t) {
        if (t.acceptWords("DATABASE") || t.acceptWords("SCHEMA")) {
            boolean ifNotExists = t.acceptWords("IF", "NOT", "EXISTS");
            String name = t.identifier();
            if (t.acceptWords("PROPERTIES")) {
                properties(t);
            }
            t.expectEnd();
            access.requireOnDatabase(Privilege.CREATE, name);
            catalog.createDatabase(name, ifNotExists);
        } else if (t.acceptWords("TABLE")) {
            createTable(t);
        } else {
            throw unsupported("CREATE " + t.peek());
        }
    }

    private void createTable(Tokens t) {
        boolean ifNotExists = t.acceptWords("IF", "NOT", "EXISTS");
        QualifiedName name = QualifiedName.parse(t, currentDb);
        t.expectSymbol("(");
        List<Column> columns = new ArrayList<>();
        do {
            if (t.peekWord("INDEX")) {
                throw unsupported("INDEX definitions");
            }
            columns.add(ColumnDefinitionParser.parse(t));
        } while (t.acceptSymbol(","));
        t.expectSymbol(")");
        if (t.acceptWords("ENGINE")) {
            t.expectSymbol("=");
            String engine = t.identifier();
            if (!engine.equalsIgnoreCase("OLAP")) {
                throw unsupported("ENGINE=" + engine);
            }
        }
        KeysType keysType = null;
        List<String> keys = List.of();
        if (t.acceptWords("UNIQUE", "KEY")) {
            keysType = KeysType.UNIQUE_KEYS;
            keys = identifierList(t);
        } else if (t.acceptWords("DUPLICATE", "KEY")) {
            keysType = KeysType.DUP_KEYS;
            keys = identifierList(t);
        } else if (t.peekWord("AGGREGATE") || t.peekWord("PRIMARY")) {
            throw unsupported(t.peek() + " KEY tables");
        }
        String comment = "";
        if (t.acceptWords("COMMENT")) {
            comment = t.string();
        }
        AutoPartition autoPartition = null;
        if (t.peekWord("AUTO")) {
            autoPartition = autoPartition(t);
        } else if (t.peekWord("PARTITION")) {
            throw unsupported("partitioned tables other than AUTO PARTITION BY RANGE (date_trunc(...))");
        }
        List<String> hash = null;
        boolean random = false;
        String buckets = null;
        if (t.acceptWords("DISTRIBUTED", "BY")) {
            if (t.acceptWords("HASH")) {
                hash = identifierList(t);
            } else {
                t.expectWords("RANDOM");
                random = true;
            }
            if (t.acceptWords("BUCKETS")) {
                Token b = t.next();
                buckets = b.text.toUpperCase();
                if (b.kind == Token.Kind.NUMBER && Integer.parseInt(b.text) <= 0) {
                    throw new DorisSqlException("Number of hash distribution should be greater than zero.");
                }
                if (b.kind != Token.Kind.NUMBER && !b.isWord("AUTO")) {
                    throw t.syntaxError("a bucket number or AUTO");
                }
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (t.acceptWords("PROPERTIES")) {
            properties = properties(t);
        }
        t.expectEnd();
        access.requireOnTable(Privilege.CREATE, "CREATE", name.db, name.name);
        List<Column> declared = new ArrayList<>();
        for (Column c : columns) {
            declared.add(c.asKey(false));
        }
        catalog.createTable(name.db, new TableDefinition(name.name, declared, keysType, keys, hash, random, buckets,
                properties, comment, autoPartition), ifNotExists);
    }

    /** {@code AUTO PARTITION BY RANGE (date_trunc(col, 'unit')) ()}, the one partitioning the test server models. */
    private static AutoPartition autoPartition(Tokens t) {
        t.expectWords("AUTO", "PARTITION", "BY");
        if (!t.acceptWords("RANGE")) {
            throw unsupported("AUTO PARTITION other than BY RANGE");
        }
        t.expectSymbol("(");
        if (!t.acceptWords("date_trunc")) {
            throw unsupported("AUTO PARTITION expressions other than date_trunc");
        }
        t.expectSymbol("(");
        String column = t.identifier();
        t.expectSymbol(",");
        String unit = t.string().toLowerCase(Locale.ROOT);
        t.expectSymbol(")");
        t.expectSymbol(")");
        t.expectSymbol("(");
        if (!t.acceptSymbol(")")) {
            throw unsupported("initial partitions of an AUTO PARTITION table");
        }
        if (!List.of("year", "quarter", "month", "week", "day", "hour", "minute", "second").contains(unit)) {
            throw unsupported("date_trunc unit '" + unit + "'");
        }
        return new AutoPartition(column, unit);
    }

    void drop(Tokens t) {
        if (t.acceptWords("DATABASE") || t.acceptWords("SCHEMA")) {
            boolean ifExists = t.acceptWords("IF", "EXISTS");
            String name = t.identifier();
            t.acceptWords("FORCE");
            t.expectEnd();
            access.requireOnDatabase(Privilege.DROP, name);
            catalog.dropDatabase(name, ifExists);
        } else if (t.acceptWords("TABLE")) {
            boolean ifExists = t.acceptWords("IF", "EXISTS");
            QualifiedName name = QualifiedName.parse(t, currentDb);
            t.acceptWords("FORCE");
            t.expectEnd();
            access.requireOnTable(Privilege.DROP, "DROP", name.db, name.name);
            catalog.dropTable(name.db, name.name, ifExists);
        } else {
            throw unsupported("DROP " + t.peek());
        }
    }

    void truncate(Tokens t) {
        t.expectWords("TABLE");
        QualifiedName name = QualifiedName.parse(t, currentDb);
        t.expectEnd();
        access.requireOnTable(Privilege.LOAD, "LOAD", name.db, name.name);
        catalog.truncate(name.db, name.name, nextTxnId);
    }

    void alter(Tokens t) {
        t.expectWords("TABLE");
        QualifiedName name = QualifiedName.parse(t, currentDb);
        access.requireOnTable(Privilege.ALTER, "ALTER TABLE", name.db, name.name);
        catalog.requireTable(name.db, name.name);
        List<AlterClause> clauses = new ArrayList<>();
        do {
            clauses.add(alterClause(t));
        } while (t.acceptSymbol(","));
        t.expectEnd();
        catalog.alterTable(name.db, name.name, clauses);
    }

    private AlterClause alterClause(Tokens t) {
        if (t.acceptWords("ADD", "COLUMN")) {
            if (t.acceptSymbol("(")) {
                List<Column> added = new ArrayList<>();
                do {
                    added.add(ColumnDefinitionParser.parse(t));
                } while (t.acceptSymbol(","));
                t.expectSymbol(")");
                return new AlterClause("ADD COLUMN (" + names(added) + ")", true, table -> {
                    boolean heavy = false;
                    for (Column c : added) {
                        heavy |= catalog.addColumn(table, c, null, false);
                    }
                    return heavy;
                });
            }
            Column c = ColumnDefinitionParser.parse(t);
            String after = t.acceptWords("AFTER") ? t.identifier() : null;
            boolean first = after == null && t.acceptWords("FIRST");
            return new AlterClause("ADD COLUMN " + c.name(), true, table -> catalog.addColumn(table, c, after, first));
        }
        if (t.acceptWords("DROP", "COLUMN")) {
            String column = t.identifier();
            return new AlterClause("DROP COLUMN " + column, true, table -> catalog.dropColumn(table, column));
        }
        if (t.acceptWords("RENAME", "COLUMN")) {
            String oldName = t.identifier();
            String newName = t.identifier();
            return new AlterClause("RENAME COLUMN " + oldName + " " + newName, false,
                    table -> catalog.renameColumn(table, oldName, newName));
        }
        if (t.acceptWords("MODIFY", "COLUMN")) {
            if (t.peek(1).isWord("COMMENT")) {
                String column = t.identifier();
                t.expectWords("COMMENT");
                String comment = t.string();
                return AlterClause.commentOnly("MODIFY COLUMN " + column + " COMMENT",
                        table -> catalog.modifyComment(table, column, comment));
            }
            Column requested = ColumnDefinitionParser.parse(t);
            if (t.peekWord("AFTER") || t.peekWord("FIRST")) {
                throw unsupported("reordering columns");
            }
            return new AlterClause("MODIFY COLUMN " + requested.name() + " " + requested.type().toSql(), true,
                    table -> catalog.modifyColumn(table, requested));
        }
        throw unsupported("ALTER TABLE ... " + t.peek());
    }

    private static String names(List<Column> columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(c -> names.add(c.name()));
        return String.join(", ", names);
    }

    private static List<String> identifierList(Tokens t) {
        List<String> names = new ArrayList<>();
        t.expectSymbol("(");
        do {
            names.add(t.identifier());
        } while (t.acceptSymbol(","));
        t.expectSymbol(")");
        return names;
    }

    private static Map<String, String> properties(Tokens t) {
        Map<String, String> properties = new LinkedHashMap<>();
        t.expectSymbol("(");
        do {
            String key = t.string();
            t.expectSymbol("=");
            properties.put(key, t.string());
        } while (t.acceptSymbol(","));
        t.expectSymbol(")");
        return properties;
    }

    static DorisSqlException unsupported(String what) {
        return new DorisSqlException("Unsupported by the Doris test server: " + what);
    }
}
