package io.doris2pc.testserver.cluster;

import java.util.Map;

/** A row a load accepted: checked values by column name, and whether it carries the delete sign. */
public final class LoadedRow {
    private final Map<String, Object> values;
    private final boolean delete;

    public LoadedRow(Map<String, Object> values, boolean delete) {
        this.values = values;
        this.delete = delete;
    }

    public Map<String, Object> values() {
        return values;
    }

    public boolean delete() {
        return delete;
    }
}
