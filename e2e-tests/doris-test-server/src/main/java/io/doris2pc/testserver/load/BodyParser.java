package io.doris2pc.testserver.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.doris2pc.testserver.cluster.Column;
import io.doris2pc.testserver.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Splits a load body into rows as it arrives: JSON lines ({@code read_json_by_line}), one JSON document
 * (an object, or an array with {@code strip_outer_array}), or CSV ({@code column_separator}, {@code columns},
 * {@code \N} for NULL).
 */
final class BodyParser {
    /**
     * Receives each row's fields or the reason it could not be read. JSON keys are kept as written: Doris matches them
     * to columns case-sensitively ({@code new_json_reader.cpp _column_index}); CSV columns are named as the table's
     * ({@code Load.initColumns} lower-cases CSV names). A row's source text is
     * built only when asked for (a rejected row): most rows never need it.
     */
    interface RowHandler {
        void row(Map<String, JsonNode> fields, Supplier<String> source);

        void malformed(String reason, String source);
    }

    private final LoadOptions options;
    private final List<String> csvColumns;
    private byte[] lineBuffer = new byte[256];
    /** The body is read in chunks: a byte at a time through a stream costs the server more than the sink. */
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPosition;
    private int chunkLimit;

    BodyParser(LoadOptions options, List<Column> tableColumns) {
        this.options = options;
        List<String> columns = new ArrayList<>();
        if (options.csvColumns != null) {
            for (String name : options.csvColumns) {
                columns.add(tableColumns.stream().map(Column::name).filter(name::equalsIgnoreCase).findFirst().orElse(name));
            }
        } else {
            tableColumns.forEach(c -> columns.add(c.name()));
            if (options.deleteSignColumn) {
                columns.add(LoadOptions.DELETE_SIGN);
            }
        }
        this.csvColumns = columns;
    }

    void parse(InputStream body, RowHandler handler) throws IOException {
        if (options.format.equals("json") && !options.jsonByLine) {
            parseJson(body.readAllBytes(), handler);
            return;
        }
        byte[] delimiter = options.lineDelimiter.getBytes(StandardCharsets.UTF_8);
        byte[] line;
        while ((line = nextLine(body, delimiter)) != null) {
            if (isBlank(line)) {
                continue;
            }
            if (options.format.equals("json")) {
                parseJson(line, handler);
            } else {
                parseCsv(new String(line, StandardCharsets.UTF_8), handler);
            }
        }
    }

    private void parseJson(byte[] document, RowHandler handler) {
        if (isBlank(document)) {
            return;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(document);
        } catch (IOException e) {
            handler.malformed("Parse json data for JsonDoc failed. code: 1, error info: " + e.getMessage().split("\n")[0],
                    text(document));
            return;
        }
        if (node.isArray()) {
            if (!options.stripOuterArray) {
                handler.malformed("JSON data is array-object, `strip_outer_array` must be TRUE.", text(document));
                return;
            }
            for (JsonNode element : node) {
                objectRow(element, handler);
            }
        } else {
            objectRow(node, handler);
        }
    }

    private static void objectRow(JsonNode node, RowHandler handler) {
        if (!node.isObject()) {
            handler.malformed("Expect json object value", node.toString());
            return;
        }
        Map<String, JsonNode> fields = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), e.getValue());
        }
        handler.row(fields, node::toString);
    }

    private void parseCsv(String line, RowHandler handler) {
        String[] parts = line.split(java.util.regex.Pattern.quote(options.columnSeparator), -1);
        if (parts.length != csvColumns.size()) {
            handler.malformed("actual column number in csv file is " + (parts.length < csvColumns.size() ? "less" : "more")
                    + " than schema column number.actual number: " + parts.length + ", schema column number: "
                    + csvColumns.size(), line);
            return;
        }
        Map<String, JsonNode> fields = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            fields.put(csvColumns.get(i), parts[i].equals("\\N") ? NullNode.getInstance() : TextNode.valueOf(parts[i]));
        }
        handler.row(fields, () -> line);
    }

    /** The next line without its delimiter, or null at the end of the body. */
    private byte[] nextLine(InputStream in, byte[] delimiter) throws IOException {
        int length = 0;
        int last = delimiter[delimiter.length - 1] & 0xff;
        int b;
        while ((b = nextByte(in)) >= 0) {
            if (length == lineBuffer.length) {
                lineBuffer = Arrays.copyOf(lineBuffer, length * 2);
            }
            lineBuffer[length++] = (byte) b;
            if (b == last && endsWithDelimiter(length, delimiter)) {
                return Arrays.copyOf(lineBuffer, length - delimiter.length);
            }
        }
        return length > 0 ? Arrays.copyOf(lineBuffer, length) : null;
    }

    private int nextByte(InputStream in) throws IOException {
        while (chunkPosition == chunkLimit) {
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                return -1;
            }
            chunkPosition = 0;
            chunkLimit = n;
        }
        return chunk[chunkPosition++] & 0xff;
    }

    private boolean endsWithDelimiter(int length, byte[] delimiter) {
        if (length < delimiter.length) {
            return false;
        }
        for (int i = 0; i < delimiter.length; i++) {
            if (lineBuffer[length - delimiter.length + i] != delimiter[i]) {
                return false;
            }
        }
        return true;
    }

    /** As {@code String.trim().isEmpty()}: only ASCII control characters and spaces. */
    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if ((b & 0xff) > ' ') {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).trim();
    }
}
