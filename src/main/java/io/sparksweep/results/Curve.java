package io.sparksweep.results;

import io.sparksweep.nn.EpochMetrics;

import java.io.Serializable;
import java.util.List;

/**
 * Per-epoch learning curves of one trial; index {@code e} holds epoch {@code e + 1}. Losses are
 * mean cross-entropy per sample (nats), accuracies fractions in [0, 1].
 */
public record Curve(double[] learningRate, double[] trainLoss, double[] trainAccuracy,
                    double[] validationLoss, double[] validationAccuracy) implements Serializable {

    public static Curve of(List<EpochMetrics> epochs) {
        int n = epochs.size();
        double[] lr = new double[n];
        double[] tl = new double[n];
        double[] ta = new double[n];
        double[] vl = new double[n];
        double[] va = new double[n];
        for (int i = 0; i < n; i++) {
            EpochMetrics m = epochs.get(i);
            lr[i] = m.learningRate();
            tl[i] = m.trainLoss();
            ta[i] = m.trainAccuracy();
            vl[i] = m.validationLoss();
            va[i] = m.validationAccuracy();
        }
        return new Curve(lr, tl, ta, vl, va);
    }

    public static Curve empty() {
        return of(List.of());
    }

    /** Number of epochs recorded. */
    public int epochs() {
        return trainLoss.length;
    }

    /** Value of the last epoch, or NaN when no epoch finished. */
    static double last(double[] values) {
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }
}
