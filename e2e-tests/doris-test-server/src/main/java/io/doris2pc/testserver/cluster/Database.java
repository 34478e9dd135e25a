package io.doris2pc.testserver.cluster;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** A database: an id (named in running-txn-limit messages) and its tables by name. */
public final class Database {
    private final long id;
    private final String name;
    private final Map<String, Table> tables = new TreeMap<>();

    Database(long id, String name) {
        this.id = id;
        this.name = name;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Table table(String tableName) {
        return tables.get(tableName);
    }

    public Collection<Table> tables() {
        return tables.values();
    }

    void put(Table table) {
        tables.put(table.name(), table);
    }

    Table remove(String tableName) {
        return tables.remove(tableName);
    }
}
