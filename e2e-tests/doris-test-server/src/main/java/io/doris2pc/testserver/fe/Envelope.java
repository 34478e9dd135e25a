package io.doris2pc.testserver.fe;

import io.doris2pc.testserver.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** The FE's answer envelope {@code {"msg":..,"code":..,"data":..,"count":0}}. */
final class Envelope {
    private Envelope() {}

    static String ok(Object data) {
        return of("success", 0, data);
    }

    static String error(String msg, int code, Object data) {
        return of(msg, code, data);
    }

    /**
     * The streamed answer of SQL over HTTP ({@code JsonStreamResponse}): no {@code count}; a result set writes
     * {@code data} first, an exec status last.
     */
    static String streamed(Object data, boolean execStatus) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!execStatus) {
            m.put("data", data);
        }
        m.put("msg", "success");
        m.put("code", 0);
        if (execStatus) {
            m.put("data", data);
        }
        return Json.compact(m);
    }

    private static String of(String msg, int code, Object data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("msg", msg);
        m.put("code", code);
        m.put("data", data);
        m.put("count", 0);
        return Json.compact(m);
    }
}
