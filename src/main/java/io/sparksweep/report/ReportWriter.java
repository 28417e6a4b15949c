package io.sparksweep.report;

import io.sparksweep.SafeFiles;
import io.sparksweep.SweepException;
import io.sparksweep.data.DataProvenance;
import io.sparksweep.results.BlasSetups;
import io.sparksweep.results.Ranking;
import io.sparksweep.results.RunEnvironment;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.Tables;
import io.sparksweep.results.TestReport;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run folder's {@code report.html} and its PNG charts under {@code charts/}: the ranked
 * table with the best row highlighted, all validation accuracy curves overlaid, the best model's
 * test confusion matrix with per-class accuracy, training and validation accuracy and loss per
 * trial, and the run's facts (config, data fingerprints, Spark master, durations, and the BLAS set-ups
 * the trials ran on, with a warning when there was more than one).
 *
 * <p>The page loads nothing from the network: it uses no script, and its images are relative
 * links to {@code charts/*.png}. Charts are drawn by XChart with Java2D into images, so it runs
 * on a headless machine.
 */
public final class ReportWriter {
    /** File name of the report inside a run folder. */
    public static final String REPORT_FILE = "report.html";
    /** Folder of chart images inside a run folder. */
    public static final String CHARTS_DIR = "charts";

    private ReportWriter() {
    }

    /**
     * Writes {@code runDir/report.html} and {@code runDir/charts/*.png} for {@code results},
     * each file atomically, once the page and every chart are drawn: nothing in {@code runDir}
     * is created or changed when drawing fails. Returns the report's path.
     *
     * @throws SweepException when a file cannot be written
     */
    public static Path write(Path runDir, SweepResults results) {
        Path charts = runDir.resolve(CHARTS_DIR);
        Map<String, byte[]> pngs = new LinkedHashMap<>(); // drawn first, written once the whole page is
        List<TrialResult> ranked = ranked(results);
        String bestId = results.test() == null ? null : results.test().trialId();

        StringBuilder h = new StringBuilder(32_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>SparkSweep report: ").append(Html.escape(results.sweep())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Sweep ").append(Html.escape(results.sweep())).append("</h1>\n");
        summary(h, results, ranked);

        h.append("<h2 id=\"ranking\">Ranking</h2>\n");
        rankingTable(h, ranked, bestId);

        List<TrialResult> charted = ranked.subList(0, Math.min(ranked.size(), MAX_CHARTED_TRIALS));
        boolean cut = charted.size() < ranked.size();
        h.append("<h2 id=\"overlay\">Validation accuracy of ").append(cut ? "the top " + charted.size() + " trials" : "every trial")
                .append("</h2>\n");
        var overlay = Charts.overlay(charted);
        if (overlay != null) {
            image(h, pngs, "overlay-val-accuracy.png", overlay, "Validation accuracy per epoch of every trial",
                    Charts.OVERLAY_WIDTH, Charts.OVERLAY_HEIGHT);
        } else {
            h.append("<p class=\"missing\">No trial finished an epoch.</p>\n");
        }

        if (results.stopping() != null) {
            h.append("<h2 id=\"rungs\">Rungs</h2>\n");
            var rungs = Charts.rungs(ranked, results.stopping());
            if (rungs != null) {
                image(h, pngs, "rungs.png", rungs, "The metric of every trial at every rung, promoted and stopped marked",
                        Charts.OVERLAY_WIDTH, Charts.OVERLAY_HEIGHT);
            } else {
                h.append("<p class=\"missing\">No trial finished a rung.</p>\n");
            }
        }

        h.append("<h2 id=\"test\">Best model on the test file</h2>\n");
        testSection(h, pngs, results.test());

        h.append("<h2 id=\"trials\">Learning curves per trial</h2>\n");
        if (cut) {
            h.append("<p class=\"missing\">The ").append(charted.size()).append(" best of ").append(ranked.size())
                    .append(" trials; every trial's curves are in results.json.</p>\n");
        }
        int rank = 1;
        for (TrialResult r : charted) {
            trialSection(h, pngs, r, rank++, r.id().equals(bestId));
        }

        h.append("<h2 id=\"facts\">Run facts</h2>\n");
        facts(h, results, ranked);
        h.append("</body>\n</html>\n");

        try {
            Files.createDirectories(charts);
        } catch (IOException e) {
            throw new SweepException(charts + ": cannot create folder (" + e.getMessage() + ")", e);
        }
        pngs.forEach((file, png) -> SafeFiles.write(charts.resolve(file), tmp -> Files.write(tmp, png)));
        Path report = runDir.resolve(REPORT_FILE);
        SafeFiles.writeString(report, h.toString());
        return report;
    }

    /**
     * Trials drawn in the overlay and given their own curves, best first: past this, a chart per
     * trial costs more (seconds, megabytes) than a reader gets from it.
     */
    static final int MAX_CHARTED_TRIALS = 25;

    /** Trials in the order of {@code results.ranking()}; trials it does not list follow in {@link Ranking#ORDER}. */
    static List<TrialResult> ranked(SweepResults results) {
        Map<String, TrialResult> byId = new LinkedHashMap<>();
        Ranking.rank(results.trials()).forEach(t -> byId.put(t.id(), t));
        List<TrialResult> out = new ArrayList<>();
        if (results.ranking() != null) {
            for (String id : results.ranking()) {
                TrialResult t = byId.remove(id);
                if (t != null) {
                    out.add(t);
                }
            }
        }
        out.addAll(byId.values());
        return out;
    }

    private static void summary(StringBuilder h, SweepResults results, List<TrialResult> ranked) {
        Map<TrialStatus, Integer> counts = new LinkedHashMap<>();
        for (TrialStatus s : TrialStatus.values()) {
            counts.put(s, 0);
        }
        ranked.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        h.append("<p class=\"summary\">").append(ranked.size()).append(" trials: ");
        List<String> parts = new ArrayList<>();
        counts.forEach((s, n) -> {
            if (n > 0 || s != TrialStatus.STOPPED) { // runs without early stopping read as before
                parts.add(n + " " + s.id());
            }
        });
        h.append(Html.escape(String.join(", ", parts))).append(". ");
        TestReport test = results.test();
        if (test != null) {
            h.append("Best trial <b>").append(Html.escape(test.trialId())).append("</b>, test accuracy <b>")
                    .append(Html.escape(Tables.percent(test.accuracy()))).append("</b> on ").append(test.rows())
                    .append(" rows. ");
        } else {
            h.append("No trial finished without diverging or failing: no best model, no test report. ");
        }
        h.append("Wall time ").append(Html.escape(seconds(results.wallSeconds()))).append(".</p>\n");
    }

    private static void rankingTable(StringBuilder h, List<TrialResult> ranked, String bestId) {
        List<String> varied = ranked.isEmpty() ? List.of() : new ArrayList<>(ranked.get(0).varied().keySet());
        h.append("<table id=\"ranking-table\">\n<thead><tr><th>rank</th><th>trial</th>");
        varied.forEach(v -> h.append("<th>").append(Html.escape(v)).append("</th>"));
        h.append("<th>status</th><th>train acc</th><th>val acc</th><th>train loss</th><th>val loss</th>")
                .append("<th>epochs</th><th>wall</th><th>cpu</th><th>executor</th><th>error</th></tr></thead>\n<tbody>\n");
        int rank = 1;
        for (TrialResult r : ranked) {
            boolean best = r.id().equals(bestId);
            h.append("<tr id=\"row-").append(Html.escape(r.id())).append("\" class=\"").append(Html.escape(r.status().id()))
                    .append(best ? " best" : "").append("\">");
            cell(h, String.valueOf(rank++));
            h.append("<td>");
            if (rank - 1 <= MAX_CHARTED_TRIALS) {
                h.append("<a href=\"#trial-").append(Html.escape(r.id())).append("\">").append(Html.escape(r.id())).append("</a>");
            } else {
                h.append(Html.escape(r.id()));
            }
            h.append(best ? " &#9733;" : "").append("</td>");
            varied.forEach(v -> cell(h, Tables.format(r.varied().get(v))));
            cell(h, r.status().id());
            cell(h, Tables.percent(r.trainAccuracy()));
            cell(h, Tables.percent(r.validationAccuracy()));
            cell(h, loss(r.trainLoss()));
            cell(h, loss(r.validationLoss()));
            cell(h, String.valueOf(r.curve().epochs()));
            cell(h, seconds(r.wallSeconds()));
            cell(h, seconds(r.cpuSeconds()));
            cell(h, r.executor());
            cell(h, r.error() == null ? "" : r.error());
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void testSection(StringBuilder h, Map<String, byte[]> pngs, TestReport test) {
        if (test == null) {
            h.append("<p class=\"missing\">No test report: no trial finished without diverging or failing.</p>\n");
            return;
        }
        h.append("<p>Trial <b>").append(Html.escape(test.trialId())).append("</b>: accuracy <b>")
                .append(Html.escape(Tables.percent(test.accuracy()))).append("</b>, loss ")
                .append(Html.escape(loss(test.loss()))).append(", ").append(test.rows()).append(" rows.</p>\n");
        h.append("<div class=\"row\">\n");
        image(h, pngs, "confusion.png", Charts.confusion(test), "Test confusion matrix of trial " + test.trialId(),
                Charts.CONFUSION_WIDTH, Charts.CONFUSION_HEIGHT);
        double[] perClass = test.perClassAccuracy();
        h.append("<table id=\"per-class\">\n<thead><tr><th>class</th><th>rows</th><th>correct</th><th>accuracy</th></tr></thead>\n<tbody>\n");
        for (int c = 0; c < perClass.length; c++) {
            long rows = 0;
            for (int n : test.confusion()[c]) {
                rows += n;
            }
            h.append("<tr>");
            cell(h, String.valueOf(c));
            cell(h, String.valueOf(rows));
            cell(h, String.valueOf(test.confusion()[c][c]));
            cell(h, Tables.percent(perClass[c]));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</div>\n");
    }

    private static void trialSection(StringBuilder h, Map<String, byte[]> pngs, TrialResult r, int rank, boolean best) {
        h.append("<section class=\"trial\" id=\"trial-").append(Html.escape(r.id())).append("\">\n<h3>#").append(rank)
                .append(" trial ").append(Html.escape(r.id())).append(' ').append(Html.escape(Charts.describe(r.varied())))
                .append(best ? " (best)" : "").append("</h3>\n");
        if (r.status() != TrialStatus.OK) {
            h.append("<p class=\"missing\">").append(Html.escape(r.status().id())).append(" after ")
                    .append(r.curve().epochs()).append(" epoch(s)").append(r.error() == null ? "" : ": " + Html.escape(r.error()))
                    .append("</p>\n");
        }
        String stem = "trial-" + fileSafe(r.id());
        var accuracy = Charts.trialCurves(r, true);
        var loss = Charts.trialCurves(r, false);
        if (accuracy == null && loss == null) {
            h.append("<p class=\"missing\">No finite metric recorded: nothing to plot.</p>\n");
        }
        h.append("<div class=\"row\">\n");
        if (accuracy != null) {
            image(h, pngs, stem + "-accuracy.png", accuracy, "Trial " + r.id() + ": number of epochs vs accuracy",
                    Charts.TRIAL_WIDTH, Charts.TRIAL_HEIGHT);
        }
        if (loss != null) {
            image(h, pngs, stem + "-loss.png", loss, "Trial " + r.id() + ": number of epochs vs loss",
                    Charts.TRIAL_WIDTH, Charts.TRIAL_HEIGHT);
        }
        h.append("</div>\n</section>\n");
    }

    private static void facts(StringBuilder h, SweepResults results, List<TrialResult> ranked) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("sweep", results.sweep());
        facts.put("config file", results.configFile());
        facts.put("started at", results.startedAt());
        facts.put("wall time", seconds(results.wallSeconds()));
        facts.put("trial wall time (sum)", seconds(ranked.stream().mapToDouble(TrialResult::wallSeconds).sum()));
        facts.put("trial cpu time (sum)", seconds(ranked.stream().mapToDouble(TrialResult::cpuSeconds).sum()));
        facts.put("results schema", results.schemaVersion());
        environmentFacts(results.environment(), facts);
        BlasSetups setups = BlasSetups.of(results.trials());
        int n = 1;
        for (BlasSetups.Group g : setups.groups()) {
            facts.put(setups.groups().size() == 1 ? "BLAS set-up of the trials" : "BLAS set-up " + n++ + " of the trials",
                    g.blas().describe() + "; " + g.trials() + (g.trials() == 1 ? " trial" : " trials") + " on "
                            + String.join(", ", g.hosts()) + " (" + String.join(", ", g.cpus()) + ")");
        }
        if (setups.withoutProvenance() > 0) {
            facts.put("trials without provenance", setups.withoutProvenance());
        }
        dataFacts(results.data(), facts);
        if (setups.mixed()) {
            h.append("<p id=\"mixed-blas\" class=\"warning\">Warning: ").append(Html.escape(setups.warning()))
                    .append("</p>\n");
        }
        h.append("<table id=\"facts-table\" class=\"facts\">\n<tbody>\n");
        facts.forEach((k, v) -> {
            h.append("<tr><th>").append(Html.escape(k)).append("</th>");
            cell(h, v == null ? "-" : Tables.format(v));
            h.append("</tr>\n");
        });
        h.append("</tbody>\n</table>\n");
        if (results.config() != null) {
            h.append("<h3>Config as run</h3>\n<pre id=\"config\">").append(Html.escape(results.config().toPrettyString()))
                    .append("</pre>\n");
        }
    }

    /**
     * The driver's environment, one row per field it records ({@code blasSetups} is shown one row
     * per set-up, from the trials themselves); fields a run recorded before they existed are left out.
     */
    private static void environmentFacts(RunEnvironment env, Map<String, Object> into) {
        if (env == null) {
            return;
        }
        fact(into, "environment.master", env.master());
        fact(into, "environment.sparkVersion", env.sparkVersion());
        fact(into, "environment.javaVersion", env.javaVersion());
        fact(into, "environment.blas", env.blas());
        fact(into, "environment.blasSetup", env.blasSetup());
        fact(into, "environment.sparksweepVersion", env.sparksweepVersion());
        fact(into, "environment.os", env.os());
        fact(into, "environment.cores", env.cores());
        fact(into, "environment.mixedBlas", env.mixedBlas());
        fact(into, "environment.trialsWithoutProvenance", env.trialsWithoutProvenance());
    }

    /** The data files, their fingerprints and the split, one row per field. */
    private static void dataFacts(DataProvenance data, Map<String, Object> into) {
        if (data == null) {
            return;
        }
        if (data.train() != null) {
            fact(into, "data.train.path", data.train().path());
            fact(into, "data.train.sha256", data.train().sha256());
        }
        if (data.test() != null) {
            fact(into, "data.test.path", data.test().path());
            fact(into, "data.test.sha256", data.test().sha256());
        }
        fact(into, "data.features", data.features());
        fact(into, "data.labels", data.labels());
        fact(into, "data.trainRows", data.trainRows());
        fact(into, "data.validationRows", data.validationRows());
        fact(into, "data.testRows", data.testRows());
        fact(into, "data.inputs", data.inputs());
        fact(into, "data.classes", data.classes());
        fact(into, "data.storage", data.storage());
    }

    private static void fact(Map<String, Object> into, String name, Object value) {
        if (value != null) {
            into.put(name, value);
        }
    }

    /** Draws {@code chart} into {@code pngs} as {@code charts/file}, and an {@code <img>} linking to it. */
    private static void image(StringBuilder h, Map<String, byte[]> pngs, String file, Chart<?, ?> chart, String alt,
                              int width, int height) {
        try {
            pngs.put(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new SweepException(CHARTS_DIR + "/" + file + ": cannot encode chart (" + e.getMessage() + ")", e);
        }
        h.append("<img class=\"chart\" src=\"").append(CHARTS_DIR).append('/').append(Html.escape(file))
                .append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" alt=\"").append(Html.escape(alt)).append("\">\n");
    }

    /** A trial id as a file-name part: letters, digits, '-' and '_' kept, anything else '_'. */
    static String fileSafe(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static void cell(StringBuilder h, String text) {
        h.append("<td>").append(Html.escape(text)).append("</td>");
    }

    private static String loss(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    private static final String CSS = """
            body { font-family: sans-serif; margin: 1.5em; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; font-size: 0.9em; }
            th { background: #f0f0f0; }
            .facts th, .facts td { text-align: left; }
            tr.best td { background: #fff3b0; font-weight: bold; }
            tr.diverged td, tr.failed td { color: #a00; }
            .row { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-start; }
            .missing { color: #a00; }
            .warning { color: #a00; font-weight: bold; }
            pre { background: #f7f7f7; padding: 0.8em; border: 1px solid #ddd; font-size: 0.85em; }
            img.chart { border: 1px solid #ddd; }
            """;
}
