package io.doris2pc.testserver.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.doris2pc.testserver.cluster.Column;
import io.doris2pc.testserver.cluster.Converted;
import io.doris2pc.testserver.cluster.LoadedRow;
import io.doris2pc.testserver.cluster.ValueConverter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks one row against the table's columns. Unknown fields are ignored; a missing field takes the column's
 * default or NULL. With strict mode off a value that is not convertible becomes NULL (and the row is filtered
 * only if the column is NOT NULL); with strict mode on such a row is filtered. Values that do not fit (too
 * long, beyond DECIMAL precision) are always filtered.
 */
final class RowChecker {
    private final List<Column> columns;
    private final boolean strictMode;
    private final boolean deleteSignColumn;
    private final String now;

    RowChecker(List<Column> columns, boolean strictMode, boolean deleteSignColumn, String now) {
        this.columns = columns;
        this.strictMode = strictMode;
        this.deleteSignColumn = deleteSignColumn;
        this.now = now;
    }

    /** Thrown for a row the load filters. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** @param fields values by lower-case field name; a missing key means the field was not given */
    LoadedRow check(Map<String, JsonNode> fields) throws Rejected {
        Map<Integer, Object> values = new LinkedHashMap<>();
        for (Column c : columns) {
            JsonNode node = fields.get(c.name().toLowerCase(Locale.ROOT));
            Object value;
            if (node == null) {
                value = c.hasDefault() ? c.defaultAsValue(now) : null;
            } else if (node.isNull()) {
                value = null;
            } else {
                Converted converted = ValueConverter.convert(c.type(), node);
                switch (converted.problem()) {
                    case DOES_NOT_FIT:
                        throw new Rejected("column(" + c.name() + ") " + converted.reason());
                    case NOT_CONVERTIBLE:
                        if (strictMode) {
                            throw new Rejected("column(" + c.name() + ") value is incorrect while strict mode is true, "
                                    + converted.reason());
                        }
                        value = null;
                        break;
                    default:
                        value = converted.value();
                }
            }
            if (value == null && !c.nullable()) {
                throw new Rejected("column(" + c.name() + ") values is null while columns is not nullable");
            }
            values.put(c.uniqueId(), value);
        }
        return new LoadedRow(values, deleteSignColumn && isDelete(fields.get(LoadOptions.DELETE_SIGN.toLowerCase(Locale.ROOT))));
    }

    private static boolean isDelete(JsonNode sign) {
        if (sign == null || sign.isNull()) {
            return false;
        }
        String s = sign.asText().trim();
        return s.equals("1") || s.equalsIgnoreCase("true");
    }
}
