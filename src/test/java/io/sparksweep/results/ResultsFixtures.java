package io.sparksweep.results;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sparksweep.data.DataProvenance;
import io.sparksweep.nn.BlasSetup;
import io.sparksweep.nn.BlasSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link SweepResults} in code for tests of what reads results.json (no Spark, no training). */
public final class ResultsFixtures {
    private ResultsFixtures() {
    }

    /**
     * A trial of a 784-100-10 network with the given grid values; train curves are the
     * validation curves minus 0.01 in accuracy and plus 0.05 in loss.
     */
    public static TrialResult trial(String id, int index, String activation, double learningRate, TrialStatus status,
                                    double[] valAccuracy, double[] valLoss) {
        int n = valAccuracy.length;
        double[] lr = new double[n];
        double[] ta = new double[n];
        double[] tl = new double[n];
        for (int i = 0; i < n; i++) {
            lr[i] = learningRate;
            ta[i] = valAccuracy[i] - 0.01;
            tl[i] = valLoss[i] + 0.05;
        }
        Map<String, Object> varied = new LinkedHashMap<>();
        varied.put("activation", activation);
        varied.put("learningRate", learningRate);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("hidden", List.of(100));
        settings.put("activation", List.of(activation));
        settings.put("epochs", 3);
        settings.put("learningRate", learningRate);
        settings.put("schedule", Map.of("type", "constant"));
        String error = status == TrialStatus.OK ? null
                : status == TrialStatus.DIVERGED ? "loss became NaN or infinite" : "IllegalStateException: <boom> & \"x\"";
        return new TrialResult(id, index, varied, settings, 42 + index, status, error,
                new Curve(lr, tl, ta, valLoss.clone(), valAccuracy.clone()), 1.5 + index, 1.25 + index, "driver",
                "1@host", 0);
    }

    /** A provenance as measured on {@code host} with the bundled OpenBLAS running kernel {@code core}. */
    public static Provenance provenance(String core, String host) {
        return new Provenance(new BlasSetup(BlasSource.BUNDLED, "dev.ludovic.netlib.blas.JNIBLAS",
                "/home/" + host + "/.javacpp/cache/libopenblas.so.0", "OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY " + core
                + " MAX_THREADS=64", core, 1), "AMD EPYC", host, "Linux 6.1 amd64", "17.0.15 (Debian)", "0.1.0-SNAPSHOT");
    }

    /** An OK trial whose validation accuracy climbs to {@code finalAccuracy} over three epochs. */
    public static TrialResult ok(String id, int index, String activation, double learningRate, double finalAccuracy) {
        return trial(id, index, activation, learningRate, TrialStatus.OK,
                new double[]{finalAccuracy - 0.2, finalAccuracy - 0.05, finalAccuracy}, new double[]{1.2, 0.6, 0.4});
    }

    /** Results of {@code trials}, ranked by {@link Ranking#ORDER}, the best one tested with a 10-class confusion matrix. */
    public static SweepResults results(String name, List<TrialResult> trials) {
        List<TrialResult> ranked = Ranking.rank(trials);
        TestReport test = null;
        TrialResult best = ranked.isEmpty() ? null : ranked.get(0);
        if (best != null && best.status() == TrialStatus.OK) {
            int[][] confusion = new int[10][10];
            for (int c = 0; c < 10; c++) {
                confusion[c][c] = 90 + c;
                confusion[c][(c + 1) % 10] = 10 - c;
            }
            test = new TestReport(best.id(), 1000, best.validationAccuracy() - 0.002, 0.3, confusion);
        }
        DataProvenance data = new DataProvenance(new DataProvenance.DataFile("data/train.h5", "ab12"),
                new DataProvenance.DataFile("data/test.h5", "cd34"), "xdata", "ydata", 50, 10, 1000, 784, 10, "float32");
        RunEnvironment env = new RunEnvironment("local[2]", "Spark 4.2.0", "17", "dev.ludovic.netlib.blas.JavaBLAS",
                "Java (JavaBLAS)", "0.2.0", "Linux amd64", 2, false, List.of(), null);
        return new SweepResults(SweepResults.SCHEMA_VERSION, name, "conf/" + name + ".json",
                JsonNodeFactory.instance.objectNode().put("name", name), data, env, "2026-01-01T00:00:00Z", 12.5,
                new ArrayList<>(trials), ranked.stream().map(TrialResult::id).toList(), test);
    }
}
