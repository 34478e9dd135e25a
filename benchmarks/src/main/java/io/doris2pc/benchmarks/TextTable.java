package io.doris2pc.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, as Markdown so it pastes into the README. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    @Override
    public String toString() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[columns];
                for (int i = 0; i < columns; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                line(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            out.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
        }
        out.append('\n');
    }
}
