package io.doris2pc.connector.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code table.create.table-buckets}: BUCKETS per table, as {@code regex:buckets} pairs, comma separated, in the
 * format of the official connector's {@code --table-buckets} (e.g. {@code orders:16,log_.*:32}). The first pattern
 * that matches the whole table name, or the whole {@code db.table}, wins; other tables get
 * {@code table.create.buckets}.
 */
public final class TableBuckets implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<Pattern> patterns;
    private final List<String> buckets;
    private final String fallback;

    private TableBuckets(List<Pattern> patterns, List<String> buckets, String fallback) {
        this.patterns = Collections.unmodifiableList(patterns);
        this.buckets = Collections.unmodifiableList(buckets);
        this.fallback = fallback;
    }

    /** Every table gets {@code fallback}. */
    public static TableBuckets all(String fallback) {
        return new TableBuckets(Collections.emptyList(), Collections.emptyList(), fallback);
    }

    /**
     * Parses {@code regex:buckets,...}; a bucket count is AUTO or a positive number.
     *
     * @throws IllegalArgumentException naming the entry that is wrong and how it should look
     */
    public static TableBuckets parse(String text, String fallback) {
        List<Pattern> patterns = new ArrayList<>();
        List<String> buckets = new ArrayList<>();
        for (String entry : text.split(",")) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1 || entry.substring(0, colon).trim().isEmpty()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not regex:buckets (for example "
                        + "orders:16 or log_.*:AUTO)");
            }
            String regex = entry.substring(0, colon).trim();
            try {
                patterns.add(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + regex + "' is not a regular expression: "
                        + e.getDescription());
            }
            String count = entry.substring(colon + 1).trim();
            buckets.add(validBuckets(count).orElseThrow(() -> new IllegalArgumentException(
                    "'" + entry.trim() + "': '" + count + "' is neither AUTO nor a positive number")));
        }
        return new TableBuckets(patterns, buckets, fallback);
    }

    /** {@code AUTO} or a positive number, normalised; empty for anything else. */
    static Optional<String> validBuckets(String value) {
        String trimmed = value.trim();
        if (trimmed.equalsIgnoreCase("AUTO")) {
            return Optional.of("AUTO");
        }
        try {
            if (Integer.parseInt(trimmed) > 0) {
                return Optional.of(trimmed);
            }
        } catch (NumberFormatException ignored) {
            // not a number
        }
        return Optional.empty();
    }

    /** The BUCKETS of table {@code db.table}. */
    public String bucketsFor(String db, String table) {
        for (int i = 0; i < patterns.size(); i++) {
            Pattern p = patterns.get(i);
            if (p.matcher(table).matches() || p.matcher(db + '.' + table).matches()) {
                return buckets.get(i);
            }
        }
        return fallback;
    }

    @Override
    public String toString() {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            pairs.add(patterns.get(i).pattern() + ':' + buckets.get(i));
        }
        pairs.add("else:" + fallback);
        return String.join(",", pairs);
    }
}
