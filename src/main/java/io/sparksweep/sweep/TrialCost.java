package io.sparksweep.sweep;

import io.sparksweep.config.Trial;
import io.sparksweep.config.TrialConfig;
import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Architecture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The expected cost of a trial, from its settings alone, and the order that submits the longest
 * trials first (Graham's LPT rule, "Bounds on multiprocessing timing anomalies", 1969): with a
 * core taking the next trial the moment it finishes one, the short trials fill the gaps at the
 * end instead of a long trial running alone on one core while the others idle.
 *
 * <p>The cost is in arbitrary units (multiply-adds of a matrix product, roughly) and only
 * compared between trials of one sweep:
 * {@code epochs · trainRows · (1 + BATCH_OVERHEAD_ROWS / batchSize) · (P + Σ_l ACTIVATION_COST(a_l) · h_l)},
 * with {@code P} the parameter count (each row costs a multiply-add per weight, forward and back)
 * and {@code h_l} the width of hidden layer {@code l}. The order only decides when a trial runs,
 * never its seed, data or result: a wrong estimate costs time, not bits.
 */
public final class TrialCost {
    /**
     * Extra cost of one mini-batch, in rows: the fixed work of a step (BLAS calls, the update
     * of every weight) that small batches pay more often. Fitted to the trial CPU seconds of
     * {@code docs/results/mnist-wide/results.json}: 784-800-10 ReLU at batch 32 took 115.5 s
     * against 96.4 s at batch 100 (1.20×, which gives 10 rows); 784-512-10 leaky ReLU at batch 32
     * 81.1 s against 75.1 s at 64 (1.08×: 6 rows). Rounded to 8.
     */
    static final double BATCH_OVERHEAD_ROWS = 8;

    /**
     * Cost of an activation per hidden unit and row, forward, back and in the evaluations, in
     * multiply-adds of the {@code P} term; ReLU and leaky ReLU (a comparison) count as 0. From
     * the seed sweep's trial CPU seconds in {@code docs/results/mnist-seed} and
     * {@code docs/results/seed-spread-1..4} ({@code results.json}, 7 trials of each activation,
     * 784-100-10): median tanh 28.44 s against ReLU 24.30 s, 1.17×, so tanh adds
     * {@code 0.17 · P / h = 0.17 · 79510 / 100 ≈ 135}. The logistic sigmoid is an exponential
     * like tanh and is counted the same.
     */
    static final double TANH_COST = 135;

    private TrialCost() {
    }

    /** {@link #TANH_COST} for tanh and sigmoid, 0 for the piecewise-linear activations. */
    static double activationCost(Activation a) {
        return switch (a) {
            case TANH, SIGMOID -> TANH_COST;
            case RELU, LEAKY_RELU -> 0;
        };
    }

    /**
     * The expected cost of training {@code config} on {@code architecture} over {@code trainRows}
     * rows, in the units of the class comment.
     */
    public static double cost(Architecture architecture, TrialConfig config, int trainRows) {
        double perRow = architecture.parameterCount();
        int[] hidden = architecture.hidden();
        for (int l = 0; l < hidden.length; l++) {
            perRow += activationCost(architecture.activation(l)) * hidden[l];
        }
        int batch = Math.max(1, Math.min(config.batchSize(), trainRows));
        return (double) config.epochs() * trainRows * (1 + BATCH_OVERHEAD_ROWS / batch) * perRow;
    }

    /** The expected cost of {@code trial} on {@code data} (its warm-start model's shape when it has one). */
    public static double cost(Trial trial, TrialInputs data) {
        return cost(TrialRunner.architecture(trial, data), trial.config(), data.train().rows());
    }

    /**
     * {@code trials} in the order to submit them: the most expensive first, trials of equal cost
     * in their sweep order. A new list; {@code trials} is not changed.
     */
    public static List<Trial> longestFirst(List<Trial> trials, TrialInputs data) {
        return longestFirst(trials, t -> cost(t, data));
    }

    /** {@code trials} ordered by {@code cost}, highest first, ties in sweep order ({@link Trial#index()}). */
    static List<Trial> longestFirst(List<Trial> trials, ToDoubleFunction<Trial> cost) {
        List<Costed> costed = new ArrayList<>();
        for (Trial t : trials) {
            costed.add(new Costed(t, cost.applyAsDouble(t)));
        }
        costed.sort(Comparator.comparingDouble(Costed::cost).reversed().thenComparingInt(c -> c.trial().index()));
        return costed.stream().map(Costed::trial).toList();
    }

    private record Costed(Trial trial, double cost) {
    }
}
