package io.pikko.admin;

import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header row, then rows, each column as wide as its widest cell. */
final class CliTable {
    private static final String GAP = "  ";

    private final List<List<String>> rows = new ArrayList<>();

    CliTable(String... headers) {
        rows.add(List.of(headers));
    }

    /** Adds a row; a null cell shows as "-". */
    CliTable row(Object... cells) {
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    String render() {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c == 0 ? "" : GAP).append(row.get(c)).append(" ".repeat(widths[c] - row.get(c).length()));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
