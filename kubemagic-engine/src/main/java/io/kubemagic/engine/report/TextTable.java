package io.kubemagic.engine.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, as terminals and build logs show it. */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    public List<String> lines() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], i < row.size() ? row.get(i).length() : 0);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(format(headers, widths));
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append("-".repeat(width)).append("  ");
        }
        lines.add(rule.toString().stripTrailing());
        rows.forEach(row -> lines.add(format(row, widths)));
        return lines;
    }

    private static String format(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            line.append(cell).append(" ".repeat(widths[i] - cell.length() + 2));
        }
        return line.toString().stripTrailing();
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}
