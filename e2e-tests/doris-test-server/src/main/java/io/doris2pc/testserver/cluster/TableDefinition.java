package io.doris2pc.testserver.cluster;

import java.util.List;
import java.util.Map;

/** What a CREATE TABLE statement asks for, before the catalog checks it. */
public final class TableDefinition {
    final String name;
    final List<Column> columns;
    final KeysType keysType;
    final List<String> keyNames;
    final List<String> hashColumns;
    final boolean randomDistribution;
    final String buckets;
    final Map<String, String> properties;
    final String comment;
    final AutoPartition autoPartition;

    /**
     * @param keysType null when the statement has no KEY clause (a DUPLICATE table with default sort keys)
     * @param hashColumns columns of DISTRIBUTED BY HASH, or null for RANDOM / no distribution clause
     */
    public TableDefinition(String name, List<Column> columns, KeysType keysType, List<String> keyNames,
            List<String> hashColumns, boolean randomDistribution, String buckets, Map<String, String> properties,
            String comment) {
        this(name, columns, keysType, keyNames, hashColumns, randomDistribution, buckets, properties, comment, null);
    }

    /** @param autoPartition the table's AUTO PARTITION clause, or null for an unpartitioned table */
    public TableDefinition(String name, List<Column> columns, KeysType keysType, List<String> keyNames,
            List<String> hashColumns, boolean randomDistribution, String buckets, Map<String, String> properties,
            String comment, AutoPartition autoPartition) {
        this.name = name;
        this.columns = columns;
        this.keysType = keysType;
        this.keyNames = keyNames;
        this.hashColumns = hashColumns;
        this.randomDistribution = randomDistribution;
        this.buckets = buckets;
        this.properties = properties;
        this.comment = comment;
        this.autoPartition = autoPartition;
    }
}
