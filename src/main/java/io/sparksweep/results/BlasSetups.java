package io.sparksweep.results;

import io.sparksweep.nn.BlasSetup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The distinct BLAS set-ups a sweep's trials ran on, with how many trials each. Set-ups are
 * told apart by {@link BlasSetup#sameNumerics}: a sweep with more than one is {@link #mixed()},
 * and its trials are no longer bit-for-bit reproducible against each other or another run.
 *
 * @param groups            one per distinct set-up, in order of first appearance (trial order)
 * @param withoutProvenance trials that carry no provenance (recorded by a SparkSweep before it
 *                          measured one, and reused by {@code --resume})
 */
public record BlasSetups(List<Group> groups, int withoutProvenance) {

    /**
     * One set-up and where it ran.
     *
     * @param blas   the set-up (as measured on the first trial that had it)
     * @param trials how many trials ran on it
     * @param hosts  the hosts that ran them, in order of first appearance
     * @param cpus   the CPU models of those hosts
     */
    public record Group(BlasSetup blas, int trials, List<String> hosts, List<String> cpus) {
    }

    /** The set-ups of {@code trials}. */
    public static BlasSetups of(List<TrialResult> trials) {
        List<BlasSetup> setups = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<Set<String>> hosts = new ArrayList<>();
        List<Set<String>> cpus = new ArrayList<>();
        int without = 0;
        for (TrialResult t : trials) {
            Provenance p = t.provenance();
            if (p == null || p.blas() == null) {
                without++;
                continue;
            }
            int g = 0;
            while (g < setups.size() && !setups.get(g).sameNumerics(p.blas())) {
                g++;
            }
            if (g == setups.size()) {
                setups.add(p.blas());
                counts.add(0);
                hosts.add(new LinkedHashSet<>());
                cpus.add(new LinkedHashSet<>());
            }
            counts.set(g, counts.get(g) + 1);
            hosts.get(g).add(String.valueOf(p.host()));
            cpus.get(g).add(String.valueOf(p.cpu()));
        }
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < setups.size(); g++) {
            groups.add(new Group(setups.get(g), counts.get(g), List.copyOf(hosts.get(g)), List.copyOf(cpus.get(g))));
        }
        return new BlasSetups(List.copyOf(groups), without);
    }

    /** Whether the trials ran on more than one BLAS set-up. */
    public boolean mixed() {
        return groups.size() > 1;
    }

    /**
     * The console and report line for a mixed sweep, e.g. {@code trials ran on 2 different BLAS
     * set-ups, so results are not bit-for-bit reproducible: 3 trials on bundled ... (host a); ...};
     * null when not mixed.
     */
    public String warning() {
        if (!mixed()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Group g : groups) {
            parts.add(String.format(Locale.ROOT, "%d %s on %s (%s %s)", g.trials(), g.trials() == 1 ? "trial" : "trials",
                    g.blas().describe(), g.hosts().size() == 1 ? "host" : "hosts", String.join(", ", g.hosts())));
        }
        return "trials ran on " + groups.size() + " different BLAS set-ups, so their results are not bit-for-bit "
                + "reproducible (see docs/blas.md to make every node compute alike): " + String.join("; ", parts);
    }
}
