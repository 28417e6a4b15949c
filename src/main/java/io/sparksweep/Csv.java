package io.sparksweep;

import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it, for every CSV file SparkSweep reads or writes: commas, double-quoted cells
 * with {@code ""} escapes, LF or CRLF lines. {@link #cell} writes a cell, {@link #parse} reads a file.
 */
public final class Csv {
    private Csv() {
    }

    /** {@code s} as one CSV cell: quoted, with {@code "} doubled, when it holds a comma, a quote or a line break. */
    public static String cell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /**
     * The rows of {@code text}; a final line break does not add an empty row.
     *
     * @param source the file's name, for the error message
     * @throws BadInputException if a quoted cell is not closed
     */
    public static List<List<String>> parse(String source, String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new BadInputException(source + ": unterminated quoted cell at the end of the file");
        }
        if (any) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
