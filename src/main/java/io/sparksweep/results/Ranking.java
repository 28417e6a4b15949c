package io.sparksweep.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a sweep's table, explicit and deterministic: status (ok, then stopped, then
 * diverged, then failed; with early stopping the ok trials are those that reached the top rung),
 * then, among stopped trials, the epochs they trained (more first: the budget of the rung they
 * reached, comparable across brackets), then final validation accuracy (higher first), then final validation loss (lower
 * first; NaN last), then trial id.
 */
public final class Ranking {

    /** Best first. */
    public static final Comparator<TrialResult> ORDER = Comparator
            .comparing(TrialResult::status)
            .thenComparing(Ranking::epochsKey, Comparator.reverseOrder())
            .thenComparing(Ranking::accuracyKey, Comparator.reverseOrder())
            .thenComparingDouble(Ranking::lossKey)
            .thenComparing(TrialResult::id);

    private Ranking() {
    }

    /** A new list sorted best first. */
    public static List<TrialResult> rank(List<TrialResult> results) {
        List<TrialResult> ranked = new ArrayList<>(results);
        ranked.sort(ORDER);
        return ranked;
    }

    /** Epochs reached for stopped trials; 0 for the others, whose order stays as without stopping. */
    private static int epochsKey(TrialResult r) {
        return r.status() == TrialStatus.STOPPED ? r.curve().epochs() : 0;
    }

    private static double accuracyKey(TrialResult r) {
        double a = r.validationAccuracy();
        return Double.isNaN(a) ? Double.NEGATIVE_INFINITY : a;
    }

    private static double lossKey(TrialResult r) {
        double l = r.validationLoss();
        return Double.isNaN(l) ? Double.POSITIVE_INFINITY : l;
    }
}
