package io.doris2pc.connector.serialize;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Doris columns a table's rows are written into, as Doris reports them. Doris matches JSON keys to columns
 * case-sensitively (BE {@code new_json_reader.cpp}), while its column names are case-insensitive: a key must carry the
 * exact spelling of the Doris column, or its value silently becomes NULL. A table created before the pipeline may
 * spell a column otherwise than the source, and may hold a narrower DECIMAL.
 */
public final class TargetColumns {

    private static final Pattern DECIMAL = Pattern.compile("(?i)decimal(?:v[23])?\\((\\d+)\\s*,\\s*(\\d+)\\)");

    private final Map<String, String> names = new HashMap<>();
    private final Map<String, int[]> decimals = new HashMap<>();

    private TargetColumns() {}

    /** No Doris table known (yet): keys as the source names the columns. */
    public static TargetColumns sameAsSource() {
        return new TargetColumns();
    }

    /**
     * @param columns each Doris column as {name, type}, the type as {@code information_schema.COLUMNS.COLUMN_TYPE}
     *     spells it ({@code decimal(5,2)}, {@code decimalv3(12, 2)}, ...)
     */
    public static TargetColumns of(List<String[]> columns) {
        TargetColumns target = new TargetColumns();
        for (String[] column : columns) {
            String key = column[0].toLowerCase(Locale.ROOT);
            target.names.put(key, column[0]);
            Matcher decimal = DECIMAL.matcher(column[1].trim());
            if (decimal.matches()) {
                target.decimals.put(key, new int[] {Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2))});
            }
        }
        return target;
    }

    /**
     * The same columns, but taking the pipeline's own type for {@code sourceNames}: a type change just applied may
     * still be an alter job converting the column, during which Doris reports the old type while loads already fill
     * the new one.
     */
    public TargetColumns typedBySource(Collection<String> sourceNames) {
        TargetColumns copy = new TargetColumns();
        copy.names.putAll(names);
        copy.decimals.putAll(decimals);
        sourceNames.forEach(name -> copy.decimals.remove(name.toLowerCase(Locale.ROOT)));
        return copy;
    }

    /** The JSON key for a source column: the Doris column's exact name, or the source name when Doris has none. */
    String key(String sourceName) {
        return names.getOrDefault(sourceName.toLowerCase(Locale.ROOT), sourceName);
    }

    /** {precision, scale} of the Doris DECIMAL column, or null when the column is not a DECIMAL in Doris. */
    int[] decimal(String sourceName) {
        return decimals.get(sourceName.toLowerCase(Locale.ROOT));
    }
}
