package io.doris2pc.testserver.load;

import io.doris2pc.testserver.cluster.ClusterSettings;
import io.doris2pc.testserver.http.HttpExchange;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Stream Load headers the test server understands, read in the order of the BE's {@code stream_load.cpp}
 * ({@code on_header}, {@code _handle_group_commit}, {@code _on_header}): what it refuses before the transaction
 * begins is refused by {@link #of}, what it refuses after (in {@code _process_put}) by {@link #afterBegin}.
 */
final class LoadOptions {
    static final String DELETE_SIGN = "__DORIS_DELETE_SIGN__";
    private static final List<String> GROUP_COMMIT_MODES = List.of("sync_mode", "async_mode", "off_mode");

    final String label;
    final String format;
    final boolean jsonByLine;
    final boolean stripOuterArray;
    final boolean twoPhase;
    final boolean deleteSignColumn;
    final boolean strictMode;
    final double maxFilterRatio;
    /** The {@code timeout} header in seconds; the FE checks its range when the transaction begins. */
    final Duration timeout;
    final String columnSeparator;
    final String lineDelimiter;
    final List<String> csvColumns;
    /** The {@code timezone} header: the zone DATETIME values with a zone suffix are converted into. */
    final ZoneId zone;
    final String groupCommit;
    final String compressType;

    private LoadOptions(HttpExchange ex, ClusterSettings settings, String label) {
        this.label = label;
        this.format = value(ex, "format", "csv").toLowerCase(Locale.ROOT);
        this.jsonByLine = "true".equalsIgnoreCase(ex.header("read_json_by_line"));
        this.stripOuterArray = "true".equalsIgnoreCase(ex.header("strip_outer_array"));
        // stream_load.cpp on_header: `== "true"`, so TRUE is an ordinary auto-committed load
        this.twoPhase = "true".equals(ex.header("two_phase_commit"));
        String hidden = value(ex, "hidden_columns", "");
        this.deleteSignColumn = Arrays.stream(hidden.split(",")).map(String::trim).anyMatch(DELETE_SIGN::equalsIgnoreCase);
        this.strictMode = "true".equalsIgnoreCase(ex.header("strict_mode"));
        this.maxFilterRatio = Double.parseDouble(value(ex, "max_filter_ratio", "0"));
        String t = ex.header("timeout");
        this.timeout = t == null ? settings.defaultLoadTimeout : Duration.ofSeconds(Long.parseLong(t.trim()));
        this.columnSeparator = unescape(value(ex, "column_separator", "\t"));
        this.lineDelimiter = unescape(value(ex, "line_delimiter", "\n"));
        String columns = ex.header("columns");
        this.csvColumns = columns == null ? null
                : Arrays.stream(columns.split(",")).map(c -> c.trim().replace("`", "")).collect(Collectors.toList());
        this.zone = ex.header("timezone") == null ? ZoneId.systemDefault() : ZoneId.of(ex.header("timezone").trim());
        this.groupCommit = ex.header("group_commit");
        this.compressType = ex.header("compress_type");
    }

    /**
     * Parses the headers; throws IllegalArgumentException with the whole Message Doris answers for what it refuses
     * before a transaction begins.
     */
    static LoadOptions of(HttpExchange ex, ClusterSettings settings) {
        String label = groupCommitLabel(ex, settings);
        String format = value(ex, "format", "csv").toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("csv")) {
            throw refused(settings, "format " + format + " is not supported by the Doris test server");
        }
        boolean chunked = ex.header("Transfer-Encoding") != null && ex.header("Transfer-Encoding").contains("chunked");
        boolean sized = ex.header("Content-Length") != null;
        if (!sized && !chunked) {
            throw new IllegalArgumentException("[INTERNAL_ERROR]content_length is empty and transfer-encoding!=chunked, "
                    + "please set content_length or transfer-encoding=chunked");
        }
        if (sized && chunked) {
            throw new IllegalArgumentException("[INTERNAL_ERROR]please do not set both content_length and transfer-encoding");
        }
        String timeout = ex.header("timeout");
        if (timeout != null && !timeout.trim().matches("-?\\d+")) {
            throw new IllegalArgumentException("[INVALID_ARGUMENT]Invalid timeout format, stoi");
        }
        LoadOptions o;
        try {
            o = new LoadOptions(ex, settings, label == null || label.isEmpty() ? UUID.randomUUID().toString() : label);
        } catch (NumberFormatException | DateTimeException e) {
            throw refused(settings, "Invalid header value: " + e.getMessage());
        }
        if (o.maxFilterRatio < 0 || o.maxFilterRatio > 1) {
            throw refused(settings, "invalid max_filter_ratio: " + o.maxFilterRatio);
        }
        if (ex.header("function_column.sequence_col") != null) {
            // sequence columns are not modelled: ignoring the header would reorder upserts silently
            throw refused(settings, "function_column.sequence_col is not supported by the Doris test server");
        }
        return o;
    }

    /**
     * {@code _handle_group_commit}: a 2PC load ignores {@code group_commit}, but a chunked body in sync or async mode
     * loses its label first (newer Doris; see {@link ClusterSettings#groupCommitChunkedDropsLabel}), so a 2PC load
     * then runs under a generated label. Group commit itself (no 2PC, no label) is not modelled.
     */
    private static String groupCommitLabel(HttpExchange ex, ClusterSettings settings) {
        String label = ex.header("label");
        String mode = ex.header("group_commit");
        if (mode == null || mode.isEmpty()) {
            return label;
        }
        String lower = mode.toLowerCase(Locale.ROOT);
        if (!GROUP_COMMIT_MODES.contains(lower)) {
            throw new IllegalArgumentException("[INTERNAL_ERROR]group_commit can only be [async_mode, sync_mode, off_mode]");
        }
        boolean chunked = ex.header("Transfer-Encoding") != null && ex.header("Transfer-Encoding").contains("chunked");
        long length = ex.header("Content-Length") == null ? 0 : Long.parseLong(ex.header("Content-Length").trim());
        boolean counted = length > 0 || (chunked && settings.groupCommitChunkedDropsLabel);
        if (lower.equals("off_mode") || !counted) {
            return label;
        }
        if (chunked && settings.groupCommitChunkedDropsLabel) {
            label = null;
        }
        if ("true".equals(ex.header("two_phase_commit"))) {
            return label;
        }
        if (label != null && !label.isEmpty()) {
            throw new IllegalArgumentException("[INTERNAL_ERROR]label and group_commit can't be set at the same time");
        }
        throw refused(settings, "group_commit is not supported by the Doris test server");
    }

    /** {@code _process_put}: refusals after the transaction began (Doris then rolls it back); null when none. */
    String afterBegin(HttpExchange ex) {
        String strict = ex.header("strict_mode");
        if (strict != null && !strict.isEmpty() && !strict.equalsIgnoreCase("true") && !strict.equalsIgnoreCase("false")) {
            return "[INVALID_ARGUMENT]Invalid strict mode format. Must be bool type";
        }
        return null;
    }

    private static IllegalArgumentException refused(ClusterSettings settings, String detail) {
        return new IllegalArgumentException(DorisErrors.loadMessage(settings, detail));
    }

    private static String value(HttpExchange ex, String name, String fallback) {
        String v = ex.header(name);
        return v == null ? fallback : v;
    }

    private static String unescape(String s) {
        return s.replace("\\t", "\t").replace("\\n", "\n").replace("\\x01", "\u0001");
    }
}
