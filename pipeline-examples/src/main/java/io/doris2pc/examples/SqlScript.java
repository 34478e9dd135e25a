package io.doris2pc.examples;

import java.util.ArrayList;
import java.util.List;

/** Splits a SQL script into statements: on {@code ;} outside quotes, dropping {@code --} comment lines. */
final class SqlScript {

    private SqlScript() {}

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (String line : script.split("\r?\n")) {
            if (quote == 0 && line.trim().startsWith("--")) {
                continue;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == '\\' && i + 1 < line.length()) {
                        current.append(c).append(line.charAt(++i));
                        continue;
                    }
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"' || c == '`') {
                    quote = c;
                } else if (c == ';') {
                    addIfNotBlank(statements, current);
                    current.setLength(0);
                    continue;
                }
                current.append(c);
            }
            current.append('\n');
        }
        addIfNotBlank(statements, current);
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
        String sql = statement.toString().trim();
        if (!sql.isEmpty()) {
            statements.add(sql);
        }
    }
}
