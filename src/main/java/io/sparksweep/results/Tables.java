package io.sparksweep.results;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Plain-text tables for the console. */
public final class Tables {
    private Tables() {
    }

    /** A setting value as a short string: lists joined by '-', a schedule as {@code step x0.5/20}. */
    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(format(v)));
            return String.join("-", parts);
        }
        if (value instanceof Map<?, ?> map) {
            Object type = map.get("type");
            if ("step".equals(type)) {
                return "step x" + format(map.get("factor")) + "/" + format(map.get("every"));
            }
            return String.valueOf(type);
        }
        if (value instanceof Double d) {
            return number(d);
        }
        return String.valueOf(value);
    }

    /** A number as a user writes it: {@code 100}, {@code 0.05}, {@code 1e-4}, {@code 2.5e-5}. */
    public static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e6) {
            return String.valueOf((long) d);
        }
        return Double.toString(d).replace("E", "e").replace(".0e", "e");
    }

    /** Grid values as {@code activation=relu learningRate=1e-3}. */
    public static String varied(Map<String, Object> varied) {
        List<String> parts = new ArrayList<>();
        varied.forEach((k, v) -> parts.add(k + "=" + format(v)));
        return String.join(" ", parts);
    }

    /** Hex digits of a trial id shown where space is short, when they tell the trials apart. */
    public static final int SHORT_ID = 8;

    /**
     * How many leading characters of each id to show so that all of {@code ids} stay told
     * apart, as git abbreviates hashes: {@value #SHORT_ID}, or more when two ids share a longer
     * prefix; never more than the longest id. Equal ids count once.
     */
    public static int shortIdLength(Collection<String> ids) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(ids));
        int length = SHORT_ID;
        int longest = 0;
        for (int i = 0; i < sorted.size(); i++) {
            longest = Math.max(longest, sorted.get(i).length());
            if (i > 0) {
                String a = sorted.get(i - 1);
                String b = sorted.get(i);
                int common = 0;
                while (common < a.length() && common < b.length() && a.charAt(common) == b.charAt(common)) {
                    common++;
                }
                length = Math.max(length, common + 1);
            }
        }
        return Math.min(length, Math.max(longest, SHORT_ID));
    }

    /** The first {@code length} characters of {@code id} (all of it when shorter). */
    public static String shortId(String id, int length) {
        return id.length() <= length ? id : id.substring(0, length);
    }

    /**
     * The ranked table: rank, trial id (shortened, see {@link #shortIdLength}), grid values,
     * metrics, epochs run, with early stopping the rung reached ({@code rung/top}, 0-based, e.g.
     * {@code 1/3}) and, when trials ran in several brackets (Hyperband), the bracket; time,
     * executor, status.
     */
    public static String ranked(List<TrialResult> ranked) {
        int idLength = shortIdLength(ranked.stream().map(TrialResult::id).toList());
        List<String> varied = ranked.isEmpty() ? List.of() : new ArrayList<>(ranked.get(0).varied().keySet());
        boolean rungs = ranked.stream().anyMatch(TrialResult::hasRung);
        boolean brackets = ranked.stream().filter(TrialResult::hasRung).map(TrialResult::bracket).distinct().count() > 1;
        List<String> header = new ArrayList<>(List.of("rank", "trial"));
        header.addAll(varied);
        header.addAll(List.of("train acc", "val acc", "val loss", "epochs"));
        if (rungs) {
            header.add("rung");
        }
        if (brackets) {
            header.add("bracket");
        }
        header.addAll(List.of("time", "executor", "status"));
        List<List<String>> rows = new ArrayList<>();
        int rank = 1;
        for (TrialResult r : ranked) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(rank++), shortId(r.id(), idLength)));
            for (String v : varied) {
                row.add(format(r.varied().get(v)));
            }
            row.add(percent(r.trainAccuracy()));
            row.add(percent(r.validationAccuracy()));
            row.add(Double.isNaN(r.validationLoss()) ? "-" : String.format(Locale.ROOT, "%.4f", r.validationLoss()));
            row.add(String.valueOf(r.curve().epochs()));
            if (rungs) {
                row.add(r.hasRung() ? r.rung() + "/" + r.topRung() : "-");
            }
            if (brackets) {
                row.add(r.hasRung() ? String.valueOf(r.bracket()) : "-");
            }
            row.add(String.format(Locale.ROOT, "%.1fs", r.wallSeconds()));
            row.add(r.executor());
            row.add(r.status().id());
            rows.add(row);
        }
        return render(header, rows);
    }

    /** The trials a config expands into: index, id (shortened, see {@link #shortIdLength}) and the values that vary. */
    public static String trials(List<String> ids, List<Map<String, Object>> varied) {
        int idLength = shortIdLength(ids);
        List<String> names = varied.isEmpty() ? List.of() : new ArrayList<>(varied.get(0).keySet());
        List<String> header = new ArrayList<>(List.of("#", "trial"));
        header.addAll(names);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(i), shortId(ids.get(i), idLength)));
            for (String n : names) {
                row.add(format(varied.get(i).get(n)));
            }
            rows.add(row);
        }
        return render(header, rows);
    }

    /** Accuracy as a percentage with two decimals, or "-" when missing. */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** Columns padded to their widest cell; numbers-looking cells right-aligned. */
    public static String render(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int c = 0; c < header.size(); c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header, width);
        for (int c = 0; c < width.length; c++) {
            sb.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        sb.append('\n');
        rows.forEach(r -> appendRow(sb, r, width));
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] width) {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            boolean numeric = cell.matches("[-+0-9.%se]+") && !cell.isEmpty() && Character.isDigit(cell.charAt(0));
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(c == 0 ? "" : "  ").append(numeric ? pad + cell : cell + (c == cells.size() - 1 ? "" : pad));
        }
        sb.append('\n');
    }
}
