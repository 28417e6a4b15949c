package io.sparksweep.results;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RankingTest {
    static TrialResult result(String id, TrialStatus status, double valAcc, double valLoss) {
        double[] acc = Double.isNaN(valAcc) ? new double[0] : new double[]{valAcc};
        double[] loss = Double.isNaN(valAcc) ? new double[0] : new double[]{valLoss};
        Curve c = new Curve(new double[acc.length], new double[acc.length], new double[acc.length], loss, acc);
        return new TrialResult(id, 0, Map.of("learningRate", 0.1), Map.of("learningRate", 0.1), 1, status, null, c,
                1, 1, "driver", "1@h", 0);
    }

    @Test
    void ranksByAccuracyThenLossThenId() {
        List<TrialResult> ranked = Ranking.rank(List.of(
                result("c", TrialStatus.OK, 0.90, 0.30),
                result("b", TrialStatus.OK, 0.95, 0.40),
                result("a", TrialStatus.OK, 0.90, 0.30),
                result("d", TrialStatus.OK, 0.90, 0.20)));
        assertEquals(List.of("b", "d", "a", "c"), ranked.stream().map(TrialResult::id).toList());
    }

    @Test
    void rankingBreaksTiesByTrialId() {
        List<TrialResult> ranked = Ranking.rank(List.of(result("z", TrialStatus.OK, 0.5, 1), result("y", TrialStatus.OK, 0.5, 1)));
        assertEquals("y", ranked.get(0).id());
    }

    @Test
    void divergedRankBelowOkAndFailedLast() {
        List<TrialResult> ranked = Ranking.rank(List.of(
                result("f", TrialStatus.FAILED, Double.NaN, Double.NaN),
                result("d", TrialStatus.DIVERGED, 0.99, Double.NaN),
                result("o", TrialStatus.OK, 0.10, 2.0)));
        assertEquals(List.of("o", "d", "f"), ranked.stream().map(TrialResult::id).toList());
    }

    /** A trial with {@code epochs} epochs of constant metrics, at rung {@code rung} of 2. */
    static TrialResult atRung(String id, TrialStatus status, int epochs, int rung, double valAcc) {
        double[] acc = new double[epochs];
        java.util.Arrays.fill(acc, valAcc);
        Curve c = new Curve(new double[epochs], new double[epochs], new double[epochs], new double[epochs], acc);
        return new TrialResult(id, 0, Map.of("learningRate", 0.1), Map.of("learningRate", 0.1), 1, status, null, c,
                1, 1, "driver", "1@h", 0).atRung(2, rung, 2, status, 1, 1);
    }

    @Test
    void topRungTrialsFirstThenStoppedByTheRungReachedThenAccuracy() {
        List<TrialResult> ranked = Ranking.rank(List.of(
                atRung("s1", TrialStatus.STOPPED, 1, 0, 0.99),
                atRung("s3b", TrialStatus.STOPPED, 3, 1, 0.80),
                atRung("top", TrialStatus.OK, 9, 2, 0.70),
                atRung("div", TrialStatus.DIVERGED, 2, 1, 0.99),
                atRung("s3a", TrialStatus.STOPPED, 3, 1, 0.90),
                atRung("fail", TrialStatus.FAILED, 0, 0, Double.NaN)));
        assertEquals(List.of("top", "s3a", "s3b", "s1", "div", "fail"), ranked.stream().map(TrialResult::id).toList());
    }
}
