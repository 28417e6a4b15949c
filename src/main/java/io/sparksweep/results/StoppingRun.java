package io.sparksweep.results;

import java.util.List;

/**
 * The {@code stopping} section of {@code results.json}: the early-stopping scheduler as it ran.
 *
 * @param type          {@code sha} or {@code hyperband}
 * @param minEpochs     epochs of the lowest rung
 * @param eta           reduction factor between rungs
 * @param metric        what promotion compared: {@code validationAccuracy} or {@code validationLoss}
 * @param synchronous   true: every rung decides once all its trials reported, so the table does not
 *                      depend on the order in which tasks finished
 * @param brackets      the brackets, most aggressive first
 * @param plannedEpochs the epochs the plan trains at most, summed over trials
 */
public record StoppingRun(String type, int minEpochs, int eta, String metric, boolean synchronous,
                          List<BracketRun> brackets, long plannedEpochs) {

    /**
     * One bracket of the plan.
     *
     * @param s          its index in Hyperband's notation (s_max is the most aggressive)
     * @param quota      Hyperband's configuration count n_s for it
     * @param trials     the trials dealt to it
     * @param rungEpochs the epochs each rung trains to, lowest first; the last is {@code training.epochs}
     */
    public record BracketRun(int s, int quota, int trials, List<Integer> rungEpochs) {
    }

    /** Whether promotion ranks by validation loss (lower is better) rather than accuracy. */
    public boolean byLoss() {
        return "validationLoss".equals(metric);
    }

    /** The rung epochs of bracket {@code s}, or null when the plan has no such bracket. */
    public List<Integer> rungEpochs(int s) {
        return brackets.stream().filter(b -> b.s() == s).map(BracketRun::rungEpochs).findFirst().orElse(null);
    }
}
