package io.sparksweep.compare;

import io.sparksweep.BadInputException;
import io.sparksweep.results.Provenance;
import io.sparksweep.results.Tables;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Two runs' trials matched by their settings, with one metric side by side.
 *
 * <p>Trials match when they agree on every setting that both sides name (for a run, all of
 * {@code TrialResult.settings()}; for a CSV, its setting columns). Values compare after
 * normalisation: numbers numerically ({@code 1e-3} equals {@code 0.001}), a one-element list as
 * its element ({@code ["relu"]} equals {@code relu}), text case-insensitively.
 *
 * <p>A matched pair exceeds the tolerance when {@code |b - a| > tolerance}, or when exactly one
 * side has no value (a trial that diverged in one run only). For {@link Metric#TEST_ACCURACY},
 * only pairs where at least one side was tested are listed.
 *
 * @param metric    the metric compared
 * @param tolerance allowed absolute difference, in the metric's units
 * @param a         the first table
 * @param b         the second table
 * @param columns   setting names shown: those that differ between trials, or every matched name
 * @param matched   pairs, in the first table's order
 * @param onlyInA   rows of {@code a} with no match in {@code b}
 * @param onlyInB   rows of {@code b} with no match in {@code a}
 */
public record Comparison(Metric metric, double tolerance, RunTable a, RunTable b, List<String> columns,
                         List<Pair> matched, List<RunTable.Row> onlyInA, List<RunTable.Row> onlyInB) {

    /** Slack for floating-point noise when comparing a difference with the tolerance. */
    private static final double EPS = 1e-12;

    /** A matched pair and its difference {@code b - a}. */
    public record Pair(RunTable.Row a, RunTable.Row b, double valueA, double valueB, double delta, boolean exceeds) {
    }

    /**
     * Matches {@code a} and {@code b} by settings and compares {@code metric}.
     *
     * @throws BadInputException when the tolerance is negative or not finite, a side has no
     *                           trials or lacks the metric, the sides share no setting name, two
     *                           trials of one side have the same matched settings, or no trial of
     *                           {@code a} matches one of {@code b}
     */
    public static Comparison of(RunTable a, RunTable b, Metric metric, double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new BadInputException("--tolerance " + tolerance + ": must be a finite number >= 0");
        }
        for (RunTable t : List.of(a, b)) {
            if (t.rows().isEmpty()) {
                throw new BadInputException(t.source() + ": has no trials, expected at least one trial to compare");
            }
        }
        for (RunTable t : List.of(a, b)) {
            if (!t.has(metric)) {
                throw new BadInputException(t.source() + ": has no " + metric.id() + " values, so cannot compare --metric "
                        + metric.id());
            }
        }
        Set<String> names = settingNames(a);
        names.retainAll(settingNames(b));
        if (names.isEmpty()) {
            throw new BadInputException(a.source() + " and " + b.source() + ": no setting in common to match trials by");
        }
        List<String> matchNames = new ArrayList<>(names);
        Map<List<String>, RunTable.Row> indexB = index(b, matchNames);
        index(a, matchNames); // rejects two trials of a with the same settings

        List<Pair> matched = new ArrayList<>();
        List<RunTable.Row> onlyA = new ArrayList<>();
        Set<List<String>> seenInA = new HashSet<>();
        boolean anyMatch = false;
        for (RunTable.Row ra : a.rows()) {
            List<String> key = key(ra, matchNames);
            seenInA.add(key);
            RunTable.Row rb = indexB.get(key);
            if (rb == null) {
                onlyA.add(ra);
                continue;
            }
            anyMatch = true;
            double va = ra.value(metric);
            double vb = rb.value(metric);
            if (metric == Metric.TEST_ACCURACY && Double.isNaN(va) && Double.isNaN(vb)) {
                continue;
            }
            double delta = vb - va;
            boolean exceeds = Double.isNaN(va) != Double.isNaN(vb) || Math.abs(delta) > tolerance + EPS;
            matched.add(new Pair(ra, rb, va, vb, delta, exceeds));
        }
        if (!anyMatch) {
            throw new BadInputException(a.source() + " and " + b.source() + ": no trial of " + a.source() + " ("
                    + trials(a) + ") matches one of " + b.source() + " (" + trials(b) + ") on the settings "
                    + String.join(", ", matchNames) + ", expected at least one trial with the same settings in both"
                    + " (such as two runs of one sweep)");
        }
        List<RunTable.Row> onlyB = b.rows().stream().filter(r -> !seenInA.contains(key(r, matchNames))).toList();
        return new Comparison(metric, tolerance, a, b, shownColumns(a, b, matchNames), matched, onlyA, onlyB);
    }

    private static String trials(RunTable t) {
        return t.rows().size() + (t.rows().size() == 1 ? " trial" : " trials");
    }

    /**
     * What differs between where the two runs were computed, one line per aspect whose values
     * differ between the sides, e.g. {@code BLAS set-up: A bundled OpenBLAS ..., core Zen, ... | B
     * system libopenblasp-r0.3.21.so, ...}. Aspects: BLAS set-up ({@code BlasSetup.describe()}),
     * CPU, JVM, SparkSweep version. Sides without provenance (CSV tables, runs recorded before
     * SparkSweep measured it) are named as such when the other side has it. Empty when the
     * environments agree or neither side has provenance.
     */
    public List<String> environmentDifferences() {
        List<String> out = new ArrayList<>();
        boolean hasA = a.rows().stream().anyMatch(r -> r.provenance() != null);
        boolean hasB = b.rows().stream().anyMatch(r -> r.provenance() != null);
        if (hasA != hasB) {
            out.add("provenance: only " + (hasA ? "A" : "B") + " records where its trials ran; "
                    + (hasA ? "B" : "A") + " (" + (hasA ? b : a).source() + ") has none");
            return out;
        }
        if (!hasA) {
            return out;
        }
        aspect(out, "BLAS set-up", p -> p.blas() == null ? "unknown" : p.blas().describe());
        aspect(out, "CPU", Provenance::cpu);
        aspect(out, "JVM", Provenance::jvm);
        aspect(out, "SparkSweep version", Provenance::sparksweepVersion);
        return out;
    }

    private void aspect(List<String> out, String name, Function<Provenance, String> of) {
        Set<String> va = values(a, of);
        Set<String> vb = values(b, of);
        if (!va.equals(vb)) {
            out.add(name + ": A " + String.join("; ", va) + " | B " + String.join("; ", vb));
        }
    }

    private static Set<String> values(RunTable t, Function<Provenance, String> of) {
        Set<String> v = new TreeSet<>();
        t.rows().stream().filter(r -> r.provenance() != null).forEach(r -> v.add(String.valueOf(of.apply(r.provenance()))));
        return v;
    }

    /** Number of matched pairs beyond the tolerance. */
    public long exceeding() {
        return matched.stream().filter(Pair::exceeds).count();
    }

    /** A setting value as shown in tables: {@code relu}, {@code 0.001}, {@code 100-50}. */
    public static String display(Object value) {
        if (value instanceof List<?> list && list.size() == 1) {
            return display(list.get(0));
        }
        if (value instanceof Number n) {
            return plain(n.doubleValue());
        }
        return Tables.format(value);
    }

    /** The normalised form two values must share to match. */
    static String canonical(Object value) {
        if (value instanceof List<?> list && list.size() == 1) {
            return canonical(list.get(0));
        }
        if (value instanceof Number n) {
            return plain(n.doubleValue());
        }
        if (value instanceof String s) {
            String t = s.trim();
            try {
                return plain(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                return t.toLowerCase(Locale.ROOT);
            }
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(canonical(v)));
            return String.join("-", parts);
        }
        return Tables.format(value).toLowerCase(Locale.ROOT);
    }

    private static String plain(double d) {
        if (!Double.isFinite(d)) {
            return String.valueOf(d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static Set<String> settingNames(RunTable t) {
        Set<String> names = new LinkedHashSet<>();
        t.rows().forEach(r -> names.addAll(r.settings().keySet()));
        return names;
    }

    private static List<String> key(RunTable.Row r, List<String> names) {
        List<String> key = new ArrayList<>(names.size());
        for (String n : names) {
            key.add(r.settings().containsKey(n) ? canonical(r.settings().get(n)) : "\u0000missing");
        }
        return key;
    }

    private static Map<List<String>, RunTable.Row> index(RunTable t, List<String> names) {
        Map<List<String>, RunTable.Row> index = new HashMap<>();
        for (RunTable.Row r : t.rows()) {
            RunTable.Row previous = index.put(key(r, names), r);
            if (previous != null) {
                throw new BadInputException(t.source() + ": " + previous.label() + " and " + r.label()
                        + " have the same settings " + names + ", so trials cannot be matched by settings");
            }
        }
        return index;
    }

    /** Matched setting names whose value is not the same in every row of both tables; all of them if none varies. */
    private static List<String> shownColumns(RunTable a, RunTable b, List<String> names) {
        List<String> varying = new ArrayList<>();
        for (String n : names) {
            Set<String> values = new HashSet<>();
            for (RunTable t : List.of(a, b)) {
                t.rows().forEach(r -> values.add(r.settings().containsKey(n) ? canonical(r.settings().get(n)) : ""));
            }
            if (values.size() > 1) {
                varying.add(n);
            }
        }
        return varying.isEmpty() ? names : varying;
    }

    /** The shown setting values of a row, keyed by column. */
    public Map<String, String> shownSettings(RunTable.Row r) {
        Map<String, String> m = new LinkedHashMap<>();
        columns.forEach(c -> m.put(c, display(r.settings().get(c))));
        return m;
    }
}
