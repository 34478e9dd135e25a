package io.doris2pc.testserver.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The rejected rows of loads, served at the ErrorURL the load answer names. */
public final class ErrorLogs {
    private final Map<String, String> logs = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /** Stores a log and returns its file name (the {@code file} query parameter). */
    String store(String text) {
        String file = "__shard_0/error_log_insert_stmt_" + Long.toHexString(nextId.getAndIncrement()) + "_test_server";
        logs.put(file, text);
        return file;
    }

    public String get(String file) {
        return logs.get(file);
    }
}
