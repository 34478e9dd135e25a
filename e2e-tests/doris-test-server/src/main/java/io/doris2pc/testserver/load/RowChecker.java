package io.doris2pc.testserver.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.doris2pc.testserver.cluster.Column;
import io.doris2pc.testserver.cluster.Converted;
import io.doris2pc.testserver.cluster.LoadedRow;
import io.doris2pc.testserver.cluster.ValueConverter;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one row against the table's columns. Fields are matched to columns by exact name (JSON keys are
 * case-sensitive in Doris); unknown fields are ignored, and a JSON object none of whose keys names a column is
 * filtered ({@code new_json_reader.cpp}). A missing field takes the column's default or NULL. With strict mode off
 * a value that is not convertible becomes NULL (and the row is filtered only if the column is NOT NULL); with strict
 * mode on such a row is filtered. Values that do not fit (too long) are always filtered; a DECIMAL beyond its
 * precision loads clamped unless {@code decimalOverflowFiltered}.
 */
final class RowChecker {
    private final List<Column> columns;
    private final boolean strictMode;
    private final boolean deleteSignColumn;
    private final boolean json;
    private final boolean decimalOverflowFiltered;
    private final ZoneId loadZone;
    private final String now;

    RowChecker(List<Column> columns, LoadOptions options, boolean decimalOverflowFiltered, ZoneId loadZone, String now) {
        this.columns = columns;
        this.strictMode = options.strictMode;
        this.deleteSignColumn = options.deleteSignColumn;
        this.json = options.format.equals("json");
        this.decimalOverflowFiltered = decimalOverflowFiltered;
        this.loadZone = loadZone;
        this.now = now;
    }

    /** Thrown for a row the load filters. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    /** @param fields values by field name as the body wrote it; a missing key means the field was not given */
    LoadedRow check(Map<String, JsonNode> fields) throws Rejected {
        if (json && noColumnNamed(fields)) {
            StringBuilder names = new StringBuilder();
            columns.forEach(c -> names.append(c.name()).append(", "));
            if (deleteSignColumn) {
                names.append(LoadOptions.DELETE_SIGN).append(", ");
            }
            throw new Rejected("There is no column matching jsonpaths in the json file, columns:[" + names
                    + "], please check columns and jsonpaths:");
        }
        Map<Integer, Object> values = new LinkedHashMap<>();
        for (Column c : columns) {
            JsonNode node = fields.get(c.name());
            Object value;
            if (node == null) {
                value = c.hasDefault() ? c.defaultAsValue(now) : null;
            } else if (node.isNull()) {
                value = null;
            } else {
                Converted converted = ValueConverter.convert(c.type(), node, loadZone);
                switch (converted.problem()) {
                    case DOES_NOT_FIT:
                        if (converted.clamped() != null && !decimalOverflowFiltered) {
                            value = converted.clamped();
                            break;
                        }
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
        return new LoadedRow(values, deleteSignColumn && isDelete(fields.get(LoadOptions.DELETE_SIGN)));
    }

    private boolean noColumnNamed(Map<String, JsonNode> fields) {
        if (deleteSignColumn && fields.containsKey(LoadOptions.DELETE_SIGN)) {
            return false;
        }
        for (Column c : columns) {
            if (fields.containsKey(c.name())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDelete(JsonNode sign) {
        if (sign == null || sign.isNull()) {
            return false;
        }
        String s = sign.asText().trim();
        return s.equals("1") || s.equalsIgnoreCase("true");
    }
}
