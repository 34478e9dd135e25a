package io.doris2pc.testserver.cluster;

import java.util.Map;

/**
 * A row a load accepted: checked values by column unique id (so a rename before the commit keeps them), and
 * whether it carries the delete sign.
 */
public final class LoadedRow {
    private final Map<Integer, Object> values;
    private final boolean delete;

    public LoadedRow(Map<Integer, Object> values, boolean delete) {
        this.values = values;
        this.delete = delete;
    }

    public Map<Integer, Object> values() {
        return values;
    }

    public boolean delete() {
        return delete;
    }
}
