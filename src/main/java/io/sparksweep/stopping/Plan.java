package io.sparksweep.stopping;

import io.sparksweep.config.Stopping;
import io.sparksweep.results.StoppingRun;

import java.util.ArrayList;
import java.util.List;

/**
 * The brackets of a sweep with early stopping, and which trial runs in which.
 *
 * <p><b>Hyperband</b> (Li et al., "Hyperband: A Novel Bandit-Based Approach to Hyperparameter
 * Optimization", JMLR 18(185), 2018, Algorithm 1), in units of {@code minEpochs}: the maximum
 * resource is {@code R = floor(epochs / minEpochs)}, {@code s_max = floor(log_eta R)} (the largest
 * {@code s} with {@code eta^s <= R}, computed on integers), and bracket {@code s = s_max .. 0}
 * has {@code n_s = ceil((s_max + 1) / (s + 1) · eta^s)} trials and rungs {@code i = 0 .. s}
 * training to {@code r_i = R · eta^(i - s)}, which in epochs is
 * {@code minEpochs · eta^(s_max - s + i)} for the lower rungs and {@code epochs} (the whole
 * budget) for the top rung {@code i = s}. When {@code epochs} is a multiple of
 * {@code minEpochs · eta^s_max} that is exactly the paper's table (R = 81, eta = 3: n = 81, 34,
 * 15, 8, 5 with r_0 = 1, 3, 9, 27, 81); otherwise only the top rung differs from
 * {@code minEpochs · eta^s_max}, being the full budget. Each rung keeps the best
 * {@code max(1, floor(n_i / eta))} of the {@code n_i} trials that ran it.
 *
 * <p><b>Successive halving</b> ({@link Stopping.Type#SHA}) is the single most aggressive bracket,
 * {@code s = s_max}, with all the trials.
 *
 * <p><b>Assignment.</b> With {@code N} trials (config order, as the grid and search expand) and
 * Hyperband's quotas {@code n_s}: bracket sizes are {@code N · n_s / Σ n_s} apportioned by
 * largest remainders (ties to the more aggressive bracket), so {@code N = Σ n_s} gives exactly
 * {@code n_s} each and other {@code N} scale them; every bracket gets at least one trial (taken
 * from the largest) while {@code N} is at least the number of brackets, and with fewer trials
 * only the {@code N} most aggressive brackets are used, one trial each. The trials are then dealt
 * in config order, each to the bracket furthest behind its share ({@code size_b · (j + 1) - dealt_b · N}
 * largest, ties to the more aggressive), so neighbouring grid points spread over the brackets
 * instead of filling one. Deterministic: the same config gives the same plan.
 *
 * @param stopping the stopping settings
 * @param epochs   {@code training.epochs}, every trial's maximum budget
 * @param brackets most aggressive first ({@code s = s_max} down to 0); only brackets with trials
 */
public record Plan(Stopping stopping, int epochs, List<Bracket> brackets) {

    /** Copies the list. */
    public Plan {
        brackets = List.copyOf(brackets);
    }

    /**
     * The plan for {@code trialIds} (config order).
     *
     * @throws IllegalArgumentException if stopping is off, {@code minEpochs} is not in
     *                                  {@code [1, epochs]}, {@code eta < 2}, or there are no trials
     */
    public static Plan of(Stopping stopping, int epochs, List<String> trialIds) {
        if (stopping == null || !stopping.enabled()) {
            throw new IllegalArgumentException("stopping is " + (stopping == null ? "null" : stopping.type().id())
                    + ", expected sha or hyperband");
        }
        if (stopping.minEpochs() < 1 || stopping.minEpochs() > epochs) {
            throw new IllegalArgumentException("stopping.minEpochs = " + stopping.minEpochs() + ", must be in [1, "
                    + epochs + "] (training.epochs)");
        }
        if (stopping.eta() < 2) {
            throw new IllegalArgumentException("stopping.eta = " + stopping.eta() + ", must be >= 2");
        }
        if (trialIds.isEmpty()) {
            throw new IllegalArgumentException("no trials to plan");
        }
        int sMax = sMax(epochs / stopping.minEpochs(), stopping.eta());
        List<Bracket> out = new ArrayList<>();
        if (stopping.type() == Stopping.Type.SHA) {
            out.add(new Bracket(sMax, (int) quota(sMax, sMax, stopping.eta()), rungEpochs(stopping, epochs, sMax, sMax),
                    trialIds));
            return new Plan(stopping, epochs, out);
        }
        int brackets = sMax + 1;
        long[] quotas = new long[brackets]; // index k holds bracket s = sMax - k
        for (int k = 0; k < brackets; k++) {
            quotas[k] = quota(sMax, sMax - k, stopping.eta());
        }
        int[] sizes = apportion(trialIds.size(), quotas);
        List<List<String>> dealt = deal(trialIds, sizes);
        for (int k = 0; k < brackets; k++) {
            if (sizes[k] > 0) {
                int s = sMax - k;
                out.add(new Bracket(s, (int) quotas[k], rungEpochs(stopping, epochs, sMax, s), dealt.get(k)));
            }
        }
        return new Plan(stopping, epochs, out);
    }

    /** The largest {@code s} with {@code eta^s <= r} (0 when {@code r < eta}), on integers. */
    static int sMax(long r, int eta) {
        int s = 0;
        long power = eta;
        while (power <= r) {
            s++;
            power *= eta;
        }
        return s;
    }

    /** {@code n_s = ceil((sMax + 1) · eta^s / (s + 1))}, on integers. */
    static long quota(int sMax, int s, int eta) {
        long power = 1;
        for (int i = 0; i < s; i++) {
            power *= eta;
        }
        return ((sMax + 1) * power + s) / (s + 1);
    }

    /** Epochs of rungs {@code 0 .. s} of bracket {@code s}: {@code minEpochs · eta^(sMax - s + i)}, the top one {@code epochs}. */
    static List<Integer> rungEpochs(Stopping stopping, int epochs, int sMax, int s) {
        List<Integer> rungs = new ArrayList<>();
        for (int i = 0; i < s; i++) {
            long e = stopping.minEpochs();
            for (int k = 0; k < sMax - s + i; k++) {
                e *= stopping.eta();
            }
            rungs.add((int) Math.min(e, epochs));
        }
        rungs.add(epochs);
        return rungs;
    }

    /** {@code n} split in proportion to {@code quotas} by largest remainders; see the class comment. */
    static int[] apportion(int n, long[] quotas) {
        int b = quotas.length;
        int[] sizes = new int[b];
        if (n < b) {
            for (int k = 0; k < n; k++) {
                sizes[k] = 1;
            }
            return sizes;
        }
        long total = 0;
        for (long q : quotas) {
            total += q;
        }
        int given = 0;
        long[] remainder = new long[b];
        for (int k = 0; k < b; k++) {
            sizes[k] = (int) (n * quotas[k] / total);
            remainder[k] = n * quotas[k] % total;
            given += sizes[k];
        }
        for (; given < n; given++) {
            int best = 0;
            for (int k = 1; k < b; k++) {
                if (remainder[k] > remainder[best]) {
                    best = k;
                }
            }
            sizes[best]++;
            remainder[best] = -1;
        }
        for (int k = 0; k < b; k++) {
            if (sizes[k] == 0) {
                int largest = 0;
                for (int j = 1; j < b; j++) {
                    if (sizes[j] > sizes[largest]) {
                        largest = j;
                    }
                }
                sizes[largest]--;
                sizes[k] = 1;
            }
        }
        return sizes;
    }

    /** Deals {@code ids} in order to buckets of the given sizes, each to the bucket furthest behind its share. */
    static List<List<String>> deal(List<String> ids, int[] sizes) {
        int n = ids.size();
        List<List<String>> out = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            out.add(new ArrayList<>());
        }
        for (int j = 0; j < n; j++) {
            int best = -1;
            long bestDeficit = Long.MIN_VALUE;
            for (int k = 0; k < sizes.length; k++) {
                if (out.get(k).size() < sizes[k]) {
                    long deficit = (long) sizes[k] * (j + 1) - (long) out.get(k).size() * n;
                    if (deficit > bestDeficit) {
                        best = k;
                        bestDeficit = deficit;
                    }
                }
            }
            out.get(best).add(ids.get(j));
        }
        return out;
    }

    /** The bracket a trial was assigned to. */
    public Bracket bracketOf(String trialId) {
        for (Bracket b : brackets) {
            if (b.trialIds().contains(trialId)) {
                return b;
            }
        }
        throw new IllegalArgumentException("trial " + trialId + " is not in the plan");
    }

    /** Total trial-epochs if no trial diverged: what the plan costs, against {@code trials × epochs} without stopping. */
    public long plannedEpochs() {
        long total = 0;
        for (Bracket b : brackets) {
            long n = b.trialIds().size();
            int previous = 0;
            for (int i = 0; i <= b.topRung(); i++) {
                total += n * (b.rungEpochs().get(i) - previous);
                previous = b.rungEpochs().get(i);
                n = Math.max(1, n / stopping.eta());
            }
        }
        return total;
    }

    /** The plan as results.json records it: the settings, then per bracket its s, quota, trials and rung epochs. */
    public StoppingRun describe() {
        return new StoppingRun(stopping.type().id(), stopping.minEpochs(), stopping.eta(), stopping.metric().id(), true,
                brackets.stream().map(b -> new StoppingRun.BracketRun(b.s(), b.quota(), b.trialIds().size(), b.rungEpochs()))
                        .toList(), plannedEpochs());
    }
}
