package io.sparksweep.stopping;

import java.util.List;

/**
 * One successive-halving bracket of a plan.
 *
 * @param s          the bracket's index in Hyperband ({@code s_max} for the most aggressive one); it has
 *                   {@code s + 1} rungs
 * @param quota      Hyperband's {@code n_s = ceil((s_max + 1) / (s + 1) · eta^s)}: the trials the bracket
 *                   takes when the sweep has exactly {@code Σ n_s} trials
 * @param rungEpochs the epoch each rung trains to, strictly increasing; the last is {@code training.epochs}
 * @param trialIds   the trials assigned to it, in config order (see {@link Plan#of})
 */
public record Bracket(int s, int quota, List<Integer> rungEpochs, List<String> trialIds) {

    /** Copies the lists. */
    public Bracket {
        rungEpochs = List.copyOf(rungEpochs);
        trialIds = List.copyOf(trialIds);
    }

    /** Index of the top rung, whose trials train the full budget. */
    public int topRung() {
        return rungEpochs.size() - 1;
    }
}
