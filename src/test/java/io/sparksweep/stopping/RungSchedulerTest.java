package io.sparksweep.stopping;

import io.sparksweep.config.Stopping;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Synchronous promotion: by the metric at the rung's epoch, ties by trial id, never by arrival order. */
class RungSchedulerTest {
    private static final Stopping SHA = new Stopping(Stopping.Type.SHA, 1, 3, Stopping.Metric.VALIDATION_ACCURACY);

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> String.format("%016x", i)).toList();
    }

    /** Runs the scheduler to the end with metric(id, epoch), reporting each round in the order {@code shuffle} gives. */
    private static List<RungScheduler.Decision> runAll(Plan plan, Map<String, Double> metric, long shuffle) {
        RungScheduler s = new RungScheduler(plan);
        List<RungScheduler.Decision> all = new ArrayList<>();
        Random r = new Random(shuffle);
        for (List<RungScheduler.Task> round = s.nextRound(); !round.isEmpty(); round = s.nextRound()) {
            List<RungScheduler.Task> arrival = new ArrayList<>(round);
            Collections.shuffle(arrival, r);
            for (RungScheduler.Task t : arrival) {
                double m = metric.get(t.trialId()) * t.toEpoch();
                all.addAll(s.report(t.trialId(), new RungScheduler.Report(m, !Double.isNaN(m))));
            }
        }
        assertTrue(s.done());
        all.sort(java.util.Comparator.comparing(RungScheduler.Decision::trialId).thenComparingInt(RungScheduler.Decision::rung));
        return all;
    }

    @Test
    void successiveHalvingKeepsTheBestThirdEachRungUntilOneReachesTheTop() {
        List<String> ids = ids(9);
        Map<String, Double> quality = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            quality.put(ids.get(i), (i * 4 % 9) / 10.0); // 0, .4, .8, .3, .7, .2, .6, .1, .5
        }
        Plan plan = Plan.of(SHA, 9, ids); // rungs 1, 3, 9
        RungScheduler s = new RungScheduler(plan);
        List<RungScheduler.Task> r0 = s.nextRound();
        assertEquals(9, r0.size());
        assertTrue(r0.stream().allMatch(t -> t.fromEpoch() == 0 && t.toEpoch() == 1 && !t.top()));
        List<RungScheduler.Decision> d = new ArrayList<>();
        for (RungScheduler.Task t : r0) {
            d.addAll(s.report(t.trialId(), new RungScheduler.Report(quality.get(t.trialId()), true)));
        }
        assertEquals(List.of(ids.get(2), ids.get(4), ids.get(6)),
                d.stream().filter(RungScheduler.Decision::promoted).map(RungScheduler.Decision::trialId).toList());
        List<RungScheduler.Task> r1 = s.nextRound();
        assertEquals(List.of(ids.get(2), ids.get(4), ids.get(6)), r1.stream().map(RungScheduler.Task::trialId).toList());
        assertTrue(r1.stream().allMatch(t -> t.fromEpoch() == 1 && t.toEpoch() == 3));
        for (RungScheduler.Task t : r1) {
            s.report(t.trialId(), new RungScheduler.Report(quality.get(t.trialId()), true));
        }
        List<RungScheduler.Task> r2 = s.nextRound();
        assertEquals(List.of(new RungScheduler.Task(ids.get(2), 2, 2, 3, 9, true)), r2);
        assertEquals(List.of(new RungScheduler.Decision(ids.get(2), 2, 2, false)),
                s.report(ids.get(2), new RungScheduler.Report(0.9, true)));
        assertTrue(s.nextRound().isEmpty());
        assertTrue(s.done());
    }

    @Test
    void rankingBreaksTiesByTrialIdNeverByArrivalOrder() {
        List<String> ids = List.of("ff00000000000000", "0a00000000000000", "5500000000000000", "0b00000000000000",
                "a000000000000000", "0100000000000000");
        Map<String, RungScheduler.Report> same = new HashMap<>();
        ids.forEach(id -> same.put(id, new RungScheduler.Report(0.5, true)));
        // 6 trials, eta 3: keep 2, the two smallest ids
        assertEquals(List.of("0a00000000000000", "0100000000000000"), RungScheduler.promote(ids, same, SHA));
        Map<String, Double> q = new HashMap<>();
        ids.forEach(id -> q.put(id, 1.0));
        Plan plan = Plan.of(new Stopping(Stopping.Type.HYPERBAND, 1, 3, Stopping.Metric.VALIDATION_ACCURACY), 9, ids);
        List<RungScheduler.Decision> reference = runAll(plan, q, 1);
        for (long order = 2; order < 12; order++) {
            assertEquals(reference, runAll(plan, q, order), "arrival order " + order);
        }
    }

    @Test
    void nanAndDivergedTrialsAreWorstAndNeverPromotedButARungKeepsAtLeastOne() {
        List<String> ids = ids(4);
        Map<String, RungScheduler.Report> r = new HashMap<>();
        r.put(ids.get(0), new RungScheduler.Report(Double.NaN, true));
        r.put(ids.get(1), RungScheduler.Report.DEAD);
        r.put(ids.get(2), new RungScheduler.Report(0.1, true));
        r.put(ids.get(3), new RungScheduler.Report(0.05, true));
        assertEquals(List.of(ids.get(2)), RungScheduler.promote(ids, r, SHA));
        Map<String, RungScheduler.Report> dead = new HashMap<>();
        ids.forEach(id -> dead.put(id, RungScheduler.Report.DEAD));
        assertEquals(List.of(), RungScheduler.promote(ids, dead, SHA)); // nobody can continue
        // 2 trials with eta 3: floor(2/3) = 0, still keeps one
        assertEquals(List.of(ids.get(3)), RungScheduler.promote(ids.subList(2, 4),
                Map.of(ids.get(2), new RungScheduler.Report(0.1, true), ids.get(3), new RungScheduler.Report(0.2, true)), SHA));
    }

    @Test
    void validationLossPromotesTheLowest() {
        Stopping byLoss = new Stopping(Stopping.Type.SHA, 1, 2, Stopping.Metric.VALIDATION_LOSS);
        List<String> ids = ids(4);
        Map<String, RungScheduler.Report> r = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            r.put(ids.get(i), new RungScheduler.Report(new double[] {0.9, 0.2, 0.5, 0.1}[i], true));
        }
        assertEquals(List.of(ids.get(1), ids.get(3)), RungScheduler.promote(ids, r, byLoss));
    }

    @Test
    void everyBracketRunsItsRungInTheSameRoundAndReportsAreChecked() {
        Plan plan = Plan.of(new Stopping(Stopping.Type.HYPERBAND, 1, 3, Stopping.Metric.VALIDATION_ACCURACY), 9, ids(13));
        RungScheduler s = new RungScheduler(plan);
        List<RungScheduler.Task> r0 = s.nextRound();
        assertEquals(13, r0.size());
        assertEquals(List.of(1, 3, 9), plan.brackets().stream().map(b -> b.rungEpochs().get(0)).toList());
        assertThrows(IllegalStateException.class, s::nextRound);
        assertThrows(IllegalArgumentException.class, () -> s.report("nope", RungScheduler.Report.DEAD));
    }
}
