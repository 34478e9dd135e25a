package io.doris2pc.testserver.load;

import io.doris2pc.testserver.http.HttpExchange;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/** The Stream Load headers the test server understands. */
final class LoadOptions {
    static final String DELETE_SIGN = "__DORIS_DELETE_SIGN__";

    final String label;
    final String format;
    final boolean jsonByLine;
    final boolean stripOuterArray;
    final boolean twoPhase;
    final boolean deleteSignColumn;
    final boolean strictMode;
    final double maxFilterRatio;
    final Duration timeout;
    final String columnSeparator;
    final String lineDelimiter;
    final List<String> csvColumns;
    final String groupCommit;
    final String compressType;

    private LoadOptions(HttpExchange ex, Duration defaultTimeout) {
        String givenLabel = ex.header("label");
        this.label = givenLabel == null || givenLabel.isEmpty() ? UUID.randomUUID().toString() : givenLabel;
        this.format = value(ex, "format", "csv").toLowerCase(Locale.ROOT);
        this.jsonByLine = "true".equalsIgnoreCase(ex.header("read_json_by_line"));
        this.stripOuterArray = "true".equalsIgnoreCase(ex.header("strip_outer_array"));
        this.twoPhase = "true".equalsIgnoreCase(ex.header("two_phase_commit"));
        String hidden = value(ex, "hidden_columns", "");
        this.deleteSignColumn = Arrays.stream(hidden.split(",")).map(String::trim).anyMatch(DELETE_SIGN::equalsIgnoreCase);
        this.strictMode = "true".equalsIgnoreCase(ex.header("strict_mode"));
        this.maxFilterRatio = Double.parseDouble(value(ex, "max_filter_ratio", "0"));
        String t = ex.header("timeout");
        this.timeout = t == null ? defaultTimeout : Duration.ofSeconds(Long.parseLong(t.trim()));
        this.columnSeparator = unescape(value(ex, "column_separator", "\t"));
        this.lineDelimiter = unescape(value(ex, "line_delimiter", "\n"));
        String columns = ex.header("columns");
        this.csvColumns = columns == null ? null
                : Arrays.stream(columns.split(",")).map(c -> c.trim().replace("`", "")).collect(Collectors.toList());
        this.groupCommit = ex.header("group_commit");
        this.compressType = ex.header("compress_type");
    }

    /** Parses the headers; throws IllegalArgumentException with Doris's text for values it refuses. */
    static LoadOptions of(HttpExchange ex, Duration defaultTimeout) {
        LoadOptions o;
        try {
            o = new LoadOptions(ex, defaultTimeout);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid header value: " + e.getMessage());
        }
        if (o.timeout.getSeconds() < 1 || o.timeout.getSeconds() > 259200) {
            throw new IllegalArgumentException("Invalid timeout: " + o.timeout.getSeconds() + ". Expected values should be between 1 and 259200 seconds.");
        }
        if (o.maxFilterRatio < 0 || o.maxFilterRatio > 1) {
            throw new IllegalArgumentException("invalid max_filter_ratio: " + o.maxFilterRatio);
        }
        if (!o.format.equals("json") && !o.format.equals("csv")) {
            throw new IllegalArgumentException("format " + o.format + " is not supported by the Doris test server");
        }
        if (ex.header("function_column.sequence_col") != null) {
            // sequence columns are not modelled: ignoring the header would reorder upserts silently
            throw new IllegalArgumentException("function_column.sequence_col is not supported by the Doris test server");
        }
        if (o.groupCommit != null && !"off_mode".equalsIgnoreCase(o.groupCommit)) {
            throw new IllegalArgumentException("group_commit is not supported by the Doris test server");
        }
        return o;
    }

    private static String value(HttpExchange ex, String name, String fallback) {
        String v = ex.header(name);
        return v == null ? fallback : v;
    }

    private static String unescape(String s) {
        return s.replace("\\t", "\t").replace("\\n", "\n").replace("\\x01", "\u0001");
    }
}
