package io.sparksweep.compare;

import io.sparksweep.BadInputException;
import io.sparksweep.Csv;
import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.TrainingField;
import io.sparksweep.results.Provenance;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One side of a comparison: rows of settings and metric values, read from a run folder, a
 * {@code results.json} file, or a CSV of reported results (such as {@code conf/seed-reported.csv}
 * or a run's {@code results.csv}). In a CSV, the columns named like a {@link Metric} are metrics,
 * those named like a training field ({@link TrainingField}) are settings, the bookkeeping columns
 * of {@code results.csv} are ignored, and any other column is refused.
 *
 * @param source what was read, as given
 * @param rows   one per trial
 */
public record RunTable(String source, List<Row> rows) {

    /** CSV columns that are neither settings nor metrics ({@code results.csv} bookkeeping). */
    private static final List<String> IGNORED_COLUMNS = List.of("rank", "trial", "status", "epochs_run",
            "bracket", "rung", "top_rung", "wall_seconds", "cpu_seconds", "executor", "error", "note");
    /** CSV columns that are settings: the training fields, as {@code results.csv} names them. */
    private static final List<String> SETTING_COLUMNS = TrainingField.ALL.stream().map(TrainingField::id).toList();
    private static final List<String> METRIC_COLUMNS = Arrays.stream(Metric.values()).map(Metric::id).toList();
    /** Every column a CSV may have, for the suggestion on an unknown one. */
    private static final List<String> KNOWN_COLUMNS = java.util.stream.Stream.of(SETTING_COLUMNS, METRIC_COLUMNS, IGNORED_COLUMNS)
            .flatMap(List::stream).toList();

    /**
     * One trial or reported result.
     *
     * @param label      trial id, or "line N" of a CSV file
     * @param settings   setting name to value (JSON values, or CSV strings)
     * @param metrics    metric values; NaN when missing
     * @param provenance where the trial was computed; null for CSV rows and for runs recorded
     *                   before SparkSweep measured it
     */
    public record Row(String label, Map<String, Object> settings, Map<Metric, Double> metrics, Provenance provenance) {
        /** The value of {@code m}, NaN when this row has none. */
        public double value(Metric m) {
            return metrics.getOrDefault(m, Double.NaN);
        }
    }

    /** Whether {@code metric} is available in this table (a CSV may lack the column). */
    public boolean has(Metric metric) {
        return rows.isEmpty() || rows.stream().anyMatch(r -> r.metrics().containsKey(metric));
    }

    /**
     * Reads a run folder (its {@code results.json}), a {@code .json} results file or a {@code .csv} file.
     *
     * @throws BadInputException when the path is missing or not readable as one of those
     */
    public static RunTable load(Path path) {
        if (Files.isDirectory(path)) {
            return fromResults(path.toString(), ResultsIO.readResults(path.resolve("results.json")));
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(path + ": not found, expected a run folder, a results.json or a CSV file");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return fromResults(path.toString(), ResultsIO.readResults(path));
        }
        if (name.endsWith(".csv")) {
            String text;
            try {
                text = Files.readString(path);
            } catch (CharacterCodingException e) {
                throw new BadInputException(path + ": not a UTF-8 text CSV, expected a CSV file of results with a header row", e);
            } catch (IOException e) {
                throw new BadInputException(path + ": cannot read (" + e.getMessage() + ")", e);
            }
            if (text.indexOf('\u0000') >= 0) {
                throw new BadInputException(path + ": not a UTF-8 text CSV (it holds NUL bytes), expected a CSV file of "
                        + "results with a header row");
            }
            return fromCsv(path.toString(), text);
        }
        throw new BadInputException(path + ": expected a run folder, a results.json or a .csv file");
    }

    /** A table of a run's trials; the tested (best) trial carries {@link Metric#TEST_ACCURACY}. */
    public static RunTable fromResults(String source, SweepResults results) {
        List<Row> rows = new ArrayList<>();
        String tested = results.test() == null ? null : results.test().trialId();
        for (TrialResult t : results.trials()) {
            Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                metrics.put(m, m.of(t));
            }
            if (t.id().equals(tested)) {
                metrics.put(Metric.TEST_ACCURACY, results.test().accuracy());
            }
            rows.add(new Row(t.id(), t.settings(), metrics, t.provenance()));
        }
        return new RunTable(source, rows);
    }

    /**
     * A table from CSV text with a header row; empty metric cells are NaN. A leading UTF-8 byte
     * order mark is skipped.
     *
     * @throws BadInputException when a header column is empty, repeated, or not a training field, a
     *                           metric or a bookkeeping column of {@code results.csv}; when there is
     *                           no metric column; or when a row is malformed
     */
    public static RunTable fromCsv(String source, String text) {
        List<List<String>> lines = Csv.parse(source, text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (lines.isEmpty()) {
            throw new BadInputException(source + ": empty CSV, expected a header row");
        }
        List<String> header = lines.get(0).stream().map(String::trim).toList();
        Map<Integer, Metric> metricColumns = new LinkedHashMap<>();
        Map<Integer, String> settingColumns = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            String h = header.get(c);
            if (h.isEmpty()) {
                throw new BadInputException(source + ": header column " + (c + 1) + " is empty, expected a name");
            }
            int first = header.indexOf(h);
            if (first < c) {
                throw new BadInputException(source + ": header column " + (c + 1) + " \"" + h + "\" repeats column "
                        + (first + 1) + ", expected each column once");
            }
            Metric m = null;
            for (Metric candidate : Metric.values()) {
                if (candidate.id().equals(h)) {
                    m = candidate;
                }
            }
            if (m != null) {
                metricColumns.put(c, m);
            } else if (SETTING_COLUMNS.contains(h)) {
                settingColumns.put(c, h);
            } else if (!IGNORED_COLUMNS.contains(h)) {
                unknown.add("\"" + h + "\"" + ConfigLoader.suggest(h, KNOWN_COLUMNS));
            }
        }
        if (!unknown.isEmpty()) {
            throw new BadInputException(source + ": unknown " + (unknown.size() == 1 ? "column " : "columns ")
                    + String.join(", ", unknown) + ", expected settings " + String.join(", ", SETTING_COLUMNS)
                    + ", metrics " + String.join(", ", METRIC_COLUMNS)
                    + " or columns of results.csv " + String.join(", ", IGNORED_COLUMNS));
        }
        if (metricColumns.isEmpty()) {
            throw new BadInputException(source + ": no metric column, expected one of "
                    + Arrays.stream(Metric.values()).map(Metric::id).toList());
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = lines.get(i);
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue;
            }
            if (cells.size() != header.size()) {
                throw new BadInputException(source + ": line " + (i + 1) + " has " + cells.size() + " cells, expected "
                        + header.size() + " (as the header)");
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            settingColumns.forEach((c, name) -> settings.put(name, cells.get(c).trim()));
            Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
            for (var e : metricColumns.entrySet()) {
                String cell = cells.get(e.getKey()).trim();
                double v;
                try {
                    v = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                } catch (NumberFormatException ex) {
                    throw new BadInputException(source + ": line " + (i + 1) + ", column " + e.getValue().id() + " = \""
                            + cell + "\", expected a number (a fraction for accuracies) or empty");
                }
                metrics.put(e.getValue(), v);
            }
            rows.add(new Row("line " + (i + 1), settings, metrics, null));
        }
        return new RunTable(source, rows);
    }
}
