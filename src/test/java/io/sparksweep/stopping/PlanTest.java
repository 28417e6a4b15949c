package io.sparksweep.stopping;

import io.sparksweep.config.Stopping;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hyperband's brackets as in Li et al. (JMLR 2018), and the assignment of trials to them. */
class PlanTest {
    private static Stopping hyperband(int minEpochs, int eta) {
        return new Stopping(Stopping.Type.HYPERBAND, minEpochs, eta, Stopping.Metric.VALIDATION_ACCURACY);
    }

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("%016x", i)).toList();
    }

    /** Survivors per rung, as the scheduler keeps them: max(1, floor(n / eta)). */
    private static List<Integer> survivors(Bracket b, int eta) {
        List<Integer> out = new ArrayList<>();
        int n = b.trialIds().size();
        for (int i = 0; i <= b.topRung(); i++) {
            out.add(n);
            n = Math.max(1, n / eta);
        }
        return out;
    }

    @Test
    void textbookTableOfR81Eta3() {
        Plan p = Plan.of(hyperband(1, 3), 81, ids(143));
        assertEquals(List.of(4, 3, 2, 1, 0), p.brackets().stream().map(Bracket::s).toList());
        assertEquals(List.of(81, 34, 15, 8, 5), p.brackets().stream().map(Bracket::quota).toList());
        assertEquals(List.of(81, 34, 15, 8, 5), p.brackets().stream().map(b -> b.trialIds().size()).toList());
        assertEquals(List.of(1, 3, 9, 27, 81), p.brackets().get(0).rungEpochs());
        assertEquals(List.of(3, 9, 27, 81), p.brackets().get(1).rungEpochs());
        assertEquals(List.of(9, 27, 81), p.brackets().get(2).rungEpochs());
        assertEquals(List.of(27, 81), p.brackets().get(3).rungEpochs());
        assertEquals(List.of(81), p.brackets().get(4).rungEpochs());
        assertEquals(List.of(81, 27, 9, 3, 1), survivors(p.brackets().get(0), 3));
        assertEquals(List.of(34, 11, 3, 1), survivors(p.brackets().get(1), 3));
        assertEquals(List.of(15, 5, 1), survivors(p.brackets().get(2), 3));
        assertEquals(List.of(8, 2), survivors(p.brackets().get(3), 3));
        // every trial in exactly one bracket
        assertEquals(143, p.brackets().stream().flatMap(b -> b.trialIds().stream()).distinct().count());
    }

    @Test
    void minEpochsScalesTheRungsAndSMaxIsComputedOnIntegers() {
        // R = 243 / 3 = 81 exactly: a floating log_3(81) = 3.9999999999999996 would lose a bracket
        Plan p = Plan.of(hyperband(3, 3), 243, ids(143));
        assertEquals(List.of(3, 9, 27, 81, 243), p.brackets().get(0).rungEpochs());
        assertEquals(4, Plan.sMax(81, 3));
        assertEquals(3, Plan.sMax(80, 3));
        assertEquals(0, Plan.sMax(2, 3));
        assertEquals(2, Plan.sMax(1000, 10) - 1);
        assertEquals(3, Plan.sMax(1000, 10));
    }

    @Test
    void anEpochBudgetThatIsNoPowerOfEtaMakesTheTopRungTheFullBudget() {
        Plan p = Plan.of(hyperband(1, 3), 30, ids(10));
        assertEquals(List.of(3, 2, 1, 0), p.brackets().stream().map(Bracket::s).toList());
        assertEquals(List.of(1, 3, 9, 30), p.brackets().get(0).rungEpochs());
        assertEquals(List.of(30), p.brackets().get(3).rungEpochs());
        // quotas 27, 12, 6, 4 (sum 49): 10 trials apportioned 5.5, 2.4, 1.2, 0.8 -> 6, 2, 1, 1
        assertEquals(List.of(27, 12, 6, 4), p.brackets().stream().map(Bracket::quota).toList());
        assertEquals(List.of(6, 2, 1, 1), p.brackets().stream().map(b -> b.trialIds().size()).toList());
    }

    @Test
    void successiveHalvingIsTheMostAggressiveBracketWithEveryTrial() {
        Stopping sha = new Stopping(Stopping.Type.SHA, 1, 3, Stopping.Metric.VALIDATION_ACCURACY);
        Plan p = Plan.of(sha, 27, ids(20));
        assertEquals(1, p.brackets().size());
        assertEquals(3, p.brackets().get(0).s());
        assertEquals(List.of(1, 3, 9, 27), p.brackets().get(0).rungEpochs());
        assertEquals(ids(20), p.brackets().get(0).trialIds());
        assertEquals(List.of(20, 6, 2, 1), survivors(p.brackets().get(0), 3));
        assertEquals(20 + 6 * 2 + 2 * 6 + 18, p.plannedEpochs());
    }

    @Test
    void trialsAreDealtInConfigOrderToTheBracketFurthestBehindItsShare() {
        Plan p = Plan.of(hyperband(1, 2), 4, ids(7)); // s_max 2: quotas 4, 3, 3 -> sizes 3, 2, 2
        assertEquals(List.of(4, 3, 3), p.brackets().stream().map(Bracket::quota).toList());
        assertEquals(List.of(ids(7).get(0), ids(7).get(3), ids(7).get(6)), p.brackets().get(0).trialIds());
        assertEquals(List.of(ids(7).get(1), ids(7).get(4)), p.brackets().get(1).trialIds());
        assertEquals(List.of(ids(7).get(2), ids(7).get(5)), p.brackets().get(2).trialIds());
    }

    @Test
    void fewerTrialsThanBracketsUseTheMostAggressiveBracketsOneTrialEach() {
        Plan p = Plan.of(hyperband(1, 3), 81, ids(2));
        assertEquals(List.of(4, 3), p.brackets().stream().map(Bracket::s).toList());
        assertEquals(List.of(1, 1), p.brackets().stream().map(b -> b.trialIds().size()).toList());
        // 6 trials for 5 brackets: shares 3.40, 1.43, 0.63, 0.34, 0.21 -> largest remainders 3, 2, 1, 0, 0;
        // each empty bracket then takes one from the largest (the first largest on ties): 2, 2, 1, 1, 0 -> 1, 2, 1, 1, 1
        Plan six = Plan.of(hyperband(1, 3), 81, ids(6));
        assertEquals(List.of(1, 2, 1, 1, 1), six.brackets().stream().map(b -> b.trialIds().size()).toList());
    }

    @Test
    void moreTrialsThanTheQuotasScaleEveryBracket() {
        Plan p = Plan.of(hyperband(1, 3), 81, ids(286));
        assertEquals(List.of(162, 68, 30, 16, 10), p.brackets().stream().map(b -> b.trialIds().size()).toList());
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        assertEquals("stopping.minEpochs = 5, must be in [1, 4] (training.epochs)",
                assertThrows(IllegalArgumentException.class, () -> Plan.of(hyperband(5, 3), 4, ids(3))).getMessage());
        assertEquals("stopping.eta = 1, must be >= 2",
                assertThrows(IllegalArgumentException.class, () -> Plan.of(hyperband(1, 1), 4, ids(3))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plan.of(Stopping.NONE, 4, ids(3)));
    }
}
