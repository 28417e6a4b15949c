package io.sparksweep.report;

import io.sparksweep.results.Curve;
import io.sparksweep.results.Tables;
import io.sparksweep.results.TestReport;
import io.sparksweep.results.StoppingRun;
import io.sparksweep.results.TrialResult;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the report's XChart charts from trial results. Non-finite points (a diverged trial's
 * NaN loss) are left out of a series; a series without any finite point is not drawn.
 */
final class Charts {
    /** Size of a per-trial chart, pixels. */
    static final int TRIAL_WIDTH = 560;
    static final int TRIAL_HEIGHT = 360;
    /** Size of the overlay chart, pixels. */
    static final int OVERLAY_WIDTH = 1000;
    static final int OVERLAY_HEIGHT = 560;
    /** Size of the confusion heatmap, pixels. */
    static final int CONFUSION_WIDTH = 640;
    static final int CONFUSION_HEIGHT = 560;

    /** Colours for activations, in order of first appearance when sorted by name. */
    private static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
    /** Line styles for learning rates, smallest rate first. */
    private static final BasicStroke[] STROKES = {
            dashes(2f, 5f), dashes(12f, 6f), new BasicStroke(2f), dashes(12f, 5f, 2f, 5f), dashes(4f, 4f)};

    private Charts() {
    }

    /** "Number of epochs vs Accuracy" (or loss) of one trial: training and validation curves; null when nothing finite. */
    static XYChart trialCurves(TrialResult r, boolean accuracy) {
        Curve c = r.curve();
        String what = accuracy ? "Accuracy" : "Loss";
        XYChart chart = new XYChartBuilder().width(TRIAL_WIDTH).height(TRIAL_HEIGHT)
                .title("Number of epochs vs " + what)
                .xAxisTitle("Number of epochs").yAxisTitle(accuracy ? "Accuracy" : "Loss (cross-entropy, nats)").build();
        style(chart);
        boolean any = add(chart, "training", accuracy ? c.trainAccuracy() : c.trainLoss(), PALETTE[0], STROKES[2]);
        any |= add(chart, "validation", accuracy ? c.validationAccuracy() : c.validationLoss(), PALETTE[1], STROKES[2]);
        if (!accuracy) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        }
        return any ? chart : null;
    }

    /**
     * Every trial's validation accuracy curve on one chart: colour by activation, line style by
     * learning rate; null when no trial has a finite point.
     */
    static XYChart overlay(List<TrialResult> trials) {
        TreeSet<String> activations = new TreeSet<>();
        TreeSet<Double> rates = new TreeSet<>();
        for (TrialResult r : trials) {
            activations.add(activation(r));
            rates.add(learningRate(r));
        }
        List<String> activationOrder = new ArrayList<>(activations);
        List<Double> rateOrder = new ArrayList<>(rates);
        XYChart chart = new XYChartBuilder().width(OVERLAY_WIDTH).height(OVERLAY_HEIGHT)
                .title("Validation accuracy of every trial (colour: activation, line: learning rate)")
                .xAxisTitle("Number of epochs").yAxisTitle("Validation accuracy").build();
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        boolean any = false;
        for (TrialResult r : trials) {
            Color colour = PALETTE[activationOrder.indexOf(activation(r)) % PALETTE.length];
            BasicStroke stroke = STROKES[rateOrder.indexOf(learningRate(r)) % STROKES.length];
            String name = r.id() + " " + describe(r.varied());
            any |= add(chart, name, r.curve().validationAccuracy(), colour, stroke);
        }
        return any ? chart : null;
    }

    /**
     * The rung chart of early stopping: the metric promotion compared (validation accuracy or
     * loss) of every trial at every rung it ran, at the rung's epoch (x, log scale). Points of a
     * rung the trial was promoted from are filled circles, the last rung of a stopped trial a
     * cross, the top rung of a trial that trained its full budget a diamond; a grey line joins
     * each trial's rungs. Null when no trial has a rung or a finite point.
     *
     * @param stopping results.json's {@code stopping} section (its brackets' {@code s} and {@code rungEpochs})
     */
    static XYChart rungs(List<TrialResult> trials, StoppingRun stopping) {
        boolean byLoss = stopping.byLoss();
        String what = byLoss ? "Validation loss" : "Validation accuracy";
        XYChart chart = new XYChartBuilder().width(OVERLAY_WIDTH).height(OVERLAY_HEIGHT)
                .title(what + " of every trial at every rung").xAxisTitle("Epochs (rung budget)").yAxisTitle(what).build();
        style(chart);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setLegendPosition(byLoss ? Styler.LegendPosition.InsideNE : Styler.LegendPosition.InsideSE);
        List<List<Double>> promoted = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> stopped = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> top = List.of(new ArrayList<>(), new ArrayList<>());
        int lines = 0;
        for (TrialResult r : trials) {
            List<Integer> epochs = r.hasRung() ? stopping.rungEpochs(r.bracket()) : null;
            if (epochs == null) {
                continue;
            }
            double[] values = byLoss ? r.curve().validationLoss() : r.curve().validationAccuracy();
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i <= r.rung() && i < epochs.size(); i++) {
                int e = epochs.get(i);
                if (e > values.length || !Double.isFinite(values[e - 1])) {
                    continue;
                }
                x.add((double) e);
                y.add(values[e - 1]);
                List<List<Double>> kind = i < r.rung() ? promoted : i == r.topRung() ? top : stopped;
                kind.get(0).add((double) e);
                kind.get(1).add(values[e - 1]);
            }
            if (x.size() > 1) {
                XYSeries line = chart.addSeries("trial " + r.id(), x, y);
                line.setLineColor(new Color(0xc0c0c0));
                line.setLineStyle(new BasicStroke(1f));
                line.setMarker(SeriesMarkers.NONE);
                line.setShowInLegend(false);
                lines++;
            }
        }
        boolean any = lines > 0;
        any |= points(chart, "promoted from this rung", promoted, SeriesMarkers.CIRCLE, PALETTE[0]);
        any |= points(chart, "stopped at this rung", stopped, SeriesMarkers.CROSS, PALETTE[1]);
        any |= points(chart, "top rung (full budget)", top, SeriesMarkers.DIAMOND, PALETTE[2]);
        return any ? chart : null;
    }

    private static boolean points(XYChart chart, String name, List<List<Double>> xy, Marker marker,
                                  Color colour) {
        if (xy.get(0).isEmpty()) {
            return false;
        }
        XYSeries s = chart.addSeries(name, xy.get(0), xy.get(1));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(colour);
        return true;
    }

    /** The test confusion matrix as a heatmap: x predicted class, y true class, cell = count. */
    static HeatMapChart confusion(TestReport test) {
        int[][] m = test.confusion();
        int k = m.length;
        List<Integer> classes = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            classes.add(c);
        }
        List<Number[]> cells = new ArrayList<>();
        int max = 0;
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < m[t].length && p < k; p++) {
                cells.add(new Number[]{p, t, m[t][p]});
                max = Math.max(max, m[t][p]);
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(CONFUSION_WIDTH).height(CONFUSION_HEIGHT)
                .title("Test confusion matrix of trial " + test.trialId() + " (" + test.rows() + " rows)")
                .xAxisTitle("Predicted class").yAxisTitle("True class").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(Math.max(1, max));
        chart.getStyler().setRangeColors(new Color[]{Color.WHITE, new Color(0xc6dbef), new Color(0x4292c6)});
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setValueFontColor(new Color(0x303030));
        chart.getStyler().setLegendVisible(true);
        chart.addSeries("count", classes, classes, cells);
        return chart;
    }

    /** The trial's activation as a short string ({@code relu}, or {@code relu-tanh} for two layers). */
    static String activation(TrialResult r) {
        return Tables.format(r.settings().get("activation"));
    }

    /** The trial's base learning rate, or NaN when the setting is missing. */
    static double learningRate(TrialResult r) {
        Object lr = r.settings().get("learningRate");
        return lr instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** {@code activation=relu, learningRate=0.001} for a trial's grid values. */
    static String describe(Map<String, Object> varied) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(varied).forEach((k, v) -> parts.add(k + "=" + Tables.format(v)));
        return parts.isEmpty() ? "" : "(" + String.join(", ", parts) + ")";
    }

    private static BasicStroke dashes(float... pattern) {
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, pattern, 0f);
    }

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setXAxisDecimalPattern("0");
    }

    /** Adds the finite points of {@code values} (epoch = index + 1); false when there are none. */
    private static boolean add(XYChart chart, String name, double[] values, Color colour, BasicStroke stroke) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                x.add(i + 1.0);
                y.add(values[i]);
            }
        }
        if (x.isEmpty()) {
            return false;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setLineStyle(stroke);
        s.setMarker(x.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return true;
    }
}
