package io.sparksweep.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a sweep's table, explicit and deterministic: status (ok, then diverged, then
 * failed), then final validation accuracy (higher first), then final validation loss (lower
 * first; NaN last), then trial id.
 */
public final class Ranking {

    /** Best first. */
    public static final Comparator<TrialResult> ORDER = Comparator
            .comparing(TrialResult::status)
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

    private static double accuracyKey(TrialResult r) {
        double a = r.validationAccuracy();
        return Double.isNaN(a) ? Double.NEGATIVE_INFINITY : a;
    }

    private static double lossKey(TrialResult r) {
        double l = r.validationLoss();
        return Double.isNaN(l) ? Double.POSITIVE_INFINITY : l;
    }
}
