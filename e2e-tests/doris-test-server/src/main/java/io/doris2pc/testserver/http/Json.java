package io.doris2pc.testserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** JSON output: compact for the FE envelopes, pretty in the BE's style ({@code "Key": value}, 4 spaces). */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A flat or nested map, pretty-printed the way the Doris BE's rapidjson PrettyWriter does. */
    public static String pretty(Map<String, ?> object) {
        StringBuilder out = new StringBuilder();
        write(out, object, "");
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, String indent) {
        if (value instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) value;
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                out.append(indent).append("    ").append(compact(String.valueOf(e.getKey()))).append(": ");
                write(out, e.getValue(), indent + "    ");
                out.append(it.hasNext() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List) {
            out.append(compact(value));
        } else {
            out.append(compact(value));
        }
    }
}
