package io.sparksweep.stopping;

import io.sparksweep.config.Stopping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Synchronous successive halving over the brackets of a {@link Plan}: round {@code k} runs rung
 * {@code k} of every bracket that has one, for the trials the bracket kept; when every trial-rung
 * of the round is {@linkplain #report reported}, each bracket keeps the best
 * {@code max(1, floor(n / eta))} of the {@code n} trials that ran the rung (by
 * {@link #ORDER}) and stops the others. Decisions depend only on the reported metrics and trial
 * ids, never on the order reports arrive in, so every master gives the same promotions.
 *
 * <p>Not thread-safe: the driver calls it from one thread.
 */
public final class RungScheduler {
    private final Plan plan;
    private final List<BracketState> brackets = new ArrayList<>();
    private final Map<String, Task> pending = new HashMap<>();
    private int round;

    /** What one trial-rung reports: its metric at the rung's epoch, and whether it may continue. */
    public record Report(double metric, boolean continuable) {
        /** A trial that diverged or failed: worst, and never promoted. */
        public static final Report DEAD = new Report(Double.NaN, false);
    }

    /**
     * One trial-rung to run: train {@code trialId} from epoch {@code fromEpoch} (0: from scratch,
     * else from its checkpoint) to {@code toEpoch}.
     *
     * @param bracket the bracket's {@code s}
     * @param rung    the rung index in that bracket, 0-based
     * @param top     whether it is the bracket's top rung (the full budget)
     */
    public record Task(String trialId, int bracket, int rung, int fromEpoch, int toEpoch, boolean top) {
    }

    /** A decision of the last round: the trial stopped after, or finished at, the given rung. */
    public record Decision(String trialId, int bracket, int rung, boolean promoted) {
    }

    private static final class BracketState {
        final Bracket bracket;
        int rung;
        List<String> active;
        final Map<String, Report> reports = new HashMap<>();

        BracketState(Bracket bracket) {
            this.bracket = bracket;
            this.active = new ArrayList<>(bracket.trialIds());
        }

        boolean done() {
            return rung > bracket.topRung() || active.isEmpty();
        }
    }

    /** A scheduler at round 0 of {@code plan}. */
    public RungScheduler(Plan plan) {
        this.plan = plan;
        plan.brackets().forEach(b -> brackets.add(new BracketState(b)));
    }

    /** The plan being run. */
    public Plan plan() {
        return plan;
    }

    /** The round {@link #nextRound} will return next (0-based). */
    public int round() {
        return round;
    }

    /**
     * The trial-rungs of the next round, brackets most aggressive first and trials in config
     * order within each; empty when every bracket is done.
     *
     * @throws IllegalStateException if a trial-rung of the previous round was not reported
     */
    public List<Task> nextRound() {
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " trial-rungs of round " + (round - 1) + " not reported");
        }
        List<Task> tasks = new ArrayList<>();
        for (BracketState b : brackets) {
            if (b.done()) {
                continue;
            }
            int from = b.rung == 0 ? 0 : b.bracket.rungEpochs().get(b.rung - 1);
            for (String id : b.active) {
                Task t = new Task(id, b.bracket.s(), b.rung, from, b.bracket.rungEpochs().get(b.rung),
                        b.rung == b.bracket.topRung());
                tasks.add(t);
                pending.put(id, t);
            }
        }
        if (!tasks.isEmpty()) {
            round++;
        }
        return tasks;
    }

    /**
     * Records the outcome of a trial-rung of the current round; when it is the last one of its
     * bracket's rung, the bracket decides, and the decisions are returned (else an empty list):
     * for a lower rung, who is promoted and who is stopped; for the top rung, every trial finished.
     *
     * @throws IllegalArgumentException if {@code trialId} has no pending trial-rung
     */
    public List<Decision> report(String trialId, Report report) {
        Task t = pending.remove(trialId);
        if (t == null) {
            throw new IllegalArgumentException("trial " + trialId + " has no trial-rung in round " + (round - 1));
        }
        BracketState b = stateOf(t.bracket());
        b.reports.put(trialId, report);
        if (b.reports.size() < b.active.size()) {
            return List.of();
        }
        List<Decision> decisions = new ArrayList<>();
        if (b.rung == b.bracket.topRung()) {
            for (String id : b.active) {
                decisions.add(new Decision(id, b.bracket.s(), b.rung, false));
            }
            b.active = List.of();
        } else {
            List<String> kept = promote(b.active, b.reports, plan.stopping());
            for (String id : b.active) {
                decisions.add(new Decision(id, b.bracket.s(), b.rung, kept.contains(id)));
            }
            b.active = kept;
        }
        b.reports.clear();
        b.rung++;
        return decisions;
    }

    /** Whether every bracket has finished. */
    public boolean done() {
        return pending.isEmpty() && brackets.stream().allMatch(BracketState::done);
    }

    private BracketState stateOf(int s) {
        for (BracketState b : brackets) {
            if (b.bracket.s() == s) {
                return b;
            }
        }
        throw new IllegalArgumentException("no bracket " + s);
    }

    /**
     * The trials a rung keeps: the best {@code max(1, floor(n / eta))} of the {@code n} that ran
     * it, by metric and then trial id, among those that may continue; in config order.
     */
    static List<String> promote(List<String> ran, Map<String, Report> reports, Stopping stopping) {
        int keep = Math.max(1, ran.size() / stopping.eta());
        List<String> ranked = new ArrayList<>(ran);
        ranked.sort(order(stopping.metric(), reports));
        List<String> kept = new ArrayList<>();
        for (String id : ranked) {
            if (kept.size() < keep && reports.get(id).continuable()) {
                kept.add(id);
            }
        }
        List<String> inOrder = new ArrayList<>(ran);
        inOrder.retainAll(kept);
        return inOrder;
    }

    /**
     * Best first: higher validation accuracy (or lower validation loss), a NaN metric or a trial
     * that cannot continue last, then trial id.
     */
    static Comparator<String> order(Stopping.Metric metric, Map<String, Report> reports) {
        return Comparator.<String>comparingDouble(id -> key(metric, reports.get(id))).thenComparing(id -> id);
    }

    /** Lower is better; NaN and dead trials are +infinity. */
    private static double key(Stopping.Metric metric, Report r) {
        if (!r.continuable() || Double.isNaN(r.metric())) {
            return Double.POSITIVE_INFINITY;
        }
        return metric == Stopping.Metric.VALIDATION_ACCURACY ? -r.metric() : r.metric();
    }
}
