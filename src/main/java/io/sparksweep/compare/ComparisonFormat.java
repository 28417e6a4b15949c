package io.sparksweep.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.Csv;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.Tables;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code sweep compare} prints a {@link Comparison}. */
public enum ComparisonFormat {
    /**
     * Aligned console table, then trials only in one run, then (when some pair exceeds the
     * tolerance) the environment differences, then a one-line verdict.
     */
    TEXT,
    /** A GitHub-flavoured Markdown table and bullet lists, for pull requests and CI summaries. */
    MARKDOWN,
    /**
     * One row per trial: {@code match} ({@code both}, {@code only_a}, {@code only_b}), the shown
     * settings, {@code a}, {@code b}, {@code delta} (b - a; empty when missing) and {@code exceeds}.
     */
    CSV,
    /**
     * An object with {@code metric}, {@code tolerance}, {@code a}, {@code b}, {@code matched},
     * {@code onlyInA}, {@code onlyInB}, {@code exceeding} and {@code environmentDifferences}
     * ({@link Comparison#environmentDifferences()}, always present).
     */
    JSON;

    /** {@code text} etc. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The comparison in this format, ending with a line break. */
    public String render(Comparison c) {
        return switch (this) {
            case TEXT -> text(c);
            case MARKDOWN -> markdown(c);
            case CSV -> csv(c);
            case JSON -> json(c);
        };
    }

    private static String text(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("A: ").append(c.a().source()).append(" (").append(c.a().rows().size()).append(" trials)\n");
        sb.append("B: ").append(c.b().source()).append(" (").append(c.b().rows().size()).append(" trials)\n");
        sb.append(String.format(Locale.ROOT, "%s, tolerance %s, delta = B - A%n%n", c.metric().id(), fmt(c.tolerance())));
        List<String> header = new ArrayList<>(c.columns());
        header.addAll(List.of("A", "B", "delta", "check"));
        List<List<String>> rows = new ArrayList<>();
        for (Comparison.Pair p : c.matched()) {
            List<String> row = new ArrayList<>(c.shownSettings(p.a()).values());
            row.add(value(p.valueA()));
            row.add(value(p.valueB()));
            row.add(delta(p.delta()));
            row.add(p.exceeds() ? "EXCEEDS" : "ok");
            rows.add(row);
        }
        sb.append(Tables.render(header, rows));
        onlyText(sb, "A", c, c.onlyInA());
        onlyText(sb, "B", c, c.onlyInB());
        List<String> env = shownEnvironmentDifferences(c);
        if (!env.isEmpty()) {
            sb.append("\nEnvironment differences (they can explain differences in the last bits):\n");
            env.forEach(d -> sb.append("  ").append(d).append('\n'));
        }
        sb.append('\n').append(verdict(c)).append('\n');
        return sb.toString();
    }

    private static void onlyText(StringBuilder sb, String side, Comparison c, List<RunTable.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append("\nOnly in ").append(side).append(" (").append(rows.size()).append("):\n");
        for (RunTable.Row r : rows) {
            sb.append("  ").append(settingsText(c, r)).append("  ").append(c.metric().id()).append(' ')
                    .append(value(r.value(c.metric()))).append('\n');
        }
    }

    private static String markdown(Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append("Comparing **").append(md(c.metric().id())).append("** (tolerance ").append(fmt(c.tolerance()))
                .append("): A = `").append(c.a().source()).append("`, B = `").append(c.b().source()).append("`\n\n");
        List<String> header = new ArrayList<>(c.columns());
        header.addAll(List.of("A", "B", "delta", "exceeds"));
        sb.append('|');
        header.forEach(h -> sb.append(' ').append(md(h)).append(" |"));
        sb.append("\n|");
        for (int i = 0; i < header.size(); i++) {
            sb.append(i < c.columns().size() ? "---|" : "---:|");
        }
        sb.append('\n');
        for (Comparison.Pair p : c.matched()) {
            sb.append('|');
            c.shownSettings(p.a()).values().forEach(v -> sb.append(' ').append(md(v)).append(" |"));
            sb.append(' ').append(value(p.valueA())).append(" | ").append(value(p.valueB())).append(" | ")
                    .append(delta(p.delta())).append(" | ").append(p.exceeds() ? "**yes**" : "no").append(" |\n");
        }
        onlyMarkdown(sb, "A", c, c.onlyInA());
        onlyMarkdown(sb, "B", c, c.onlyInB());
        List<String> env = shownEnvironmentDifferences(c);
        if (!env.isEmpty()) {
            sb.append("\nEnvironment differences (they can explain differences in the last bits):\n\n");
            env.forEach(d -> sb.append("- ").append(md(d)).append('\n'));
        }
        sb.append('\n').append(verdict(c)).append('\n');
        return sb.toString();
    }

    private static void onlyMarkdown(StringBuilder sb, String side, Comparison c, List<RunTable.Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append("\nOnly in ").append(side).append(":\n\n");
        rows.forEach(r -> sb.append("- ").append(md(settingsText(c, r))).append(": ").append(value(r.value(c.metric())))
                .append('\n'));
    }

    private static String csv(Comparison c) {
        StringBuilder sb = new StringBuilder("match");
        c.columns().forEach(col -> sb.append(',').append(Csv.cell(col)));
        sb.append(",a,b,delta,exceeds\n");
        for (Comparison.Pair p : c.matched()) {
            csvRow(sb, "both", c.shownSettings(p.a()), p.valueA(), p.valueB(), p.delta(), p.exceeds());
        }
        c.onlyInA().forEach(r -> csvRow(sb, "only_a", c.shownSettings(r), r.value(c.metric()), Double.NaN, Double.NaN, false));
        c.onlyInB().forEach(r -> csvRow(sb, "only_b", c.shownSettings(r), Double.NaN, r.value(c.metric()), Double.NaN, false));
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, String match, Map<String, String> settings, double a, double b,
                               double delta, boolean exceeds) {
        sb.append(match);
        settings.values().forEach(v -> sb.append(',').append(Csv.cell(v)));
        sb.append(',').append(raw(a)).append(',').append(raw(b)).append(',').append(raw(delta)).append(',')
                .append(exceeds).append('\n');
    }

    private static String json(Comparison c) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("metric", c.metric().id());
        root.put("tolerance", c.tolerance());
        root.put("a", c.a().source());
        root.put("b", c.b().source());
        ArrayNode matched = root.putArray("matched");
        for (Comparison.Pair p : c.matched()) {
            ObjectNode o = matched.addObject();
            settingsNode(o.putObject("settings"), c.shownSettings(p.a()));
            number(o, "a", p.valueA());
            number(o, "b", p.valueB());
            number(o, "delta", p.delta());
            o.put("exceeds", p.exceeds());
        }
        for (String side : List.of("onlyInA", "onlyInB")) {
            ArrayNode only = root.putArray(side);
            for (RunTable.Row r : side.equals("onlyInA") ? c.onlyInA() : c.onlyInB()) {
                ObjectNode o = only.addObject();
                settingsNode(o.putObject("settings"), c.shownSettings(r));
                number(o, "value", r.value(c.metric()));
            }
        }
        root.put("exceeding", c.exceeding());
        ArrayNode env = root.putArray("environmentDifferences");
        c.environmentDifferences().forEach(env::add);
        try {
            return ResultsIO.json().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the comparison", e);
        }
    }

    private static void settingsNode(ObjectNode o, Map<String, String> settings) {
        settings.forEach(o::put);
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    /** The environment differences, shown in text and Markdown only when the runs disagree. */
    private static List<String> shownEnvironmentDifferences(Comparison c) {
        return c.exceeding() > 0 ? c.environmentDifferences() : List.of();
    }

    private static String verdict(Comparison c) {
        long n = c.exceeding();
        String base = String.format(Locale.ROOT, "%d of %d matched trials differ by more than %s in %s", n,
                c.matched().size(), fmt(c.tolerance()), c.metric().id());
        return base + String.format(Locale.ROOT, "; %d only in A, %d only in B.", c.onlyInA().size(), c.onlyInB().size());
    }

    private static String settingsText(Comparison c, RunTable.Row r) {
        List<String> parts = new ArrayList<>();
        c.shownSettings(r).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    private static String value(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String delta(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%+.4f", v);
    }

    private static String raw(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String fmt(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }
}
