package io.sparksweep.spark;

import java.io.Serializable;
import java.util.Set;

/**
 * Faults to inject into trials, for testing recovery (the hidden option
 * {@code sweep run --inject-fault}). A trial named in {@code failFirstAttempt} throws on its first
 * task attempt only, so Spark's retry must recover it; one in {@code failEveryAttempt} throws on
 * every attempt, so it must end as a {@code failed} row.
 */
public record FaultPlan(Set<String> failFirstAttempt, Set<String> failEveryAttempt) implements Serializable {

    public static FaultPlan none() {
        return new FaultPlan(Set.of(), Set.of());
    }

    /** Parses {@code first:ID} and {@code always:ID} entries. */
    public static FaultPlan parse(java.util.List<String> specs) {
        java.util.Set<String> first = new java.util.TreeSet<>();
        java.util.Set<String> always = new java.util.TreeSet<>();
        for (String spec : specs) {
            String[] parts = spec.split(":", 2);
            if (parts.length == 2 && parts[0].equals("first")) {
                first.add(parts[1]);
            } else if (parts.length == 2 && parts[0].equals("always")) {
                always.add(parts[1]);
            } else {
                throw new io.sparksweep.BadInputException("--inject-fault " + spec + ": expected first:TRIAL_ID or always:TRIAL_ID");
            }
        }
        return new FaultPlan(first, always);
    }

    /** Throws {@link InjectedFault} when this plan says trial {@code id} fails on {@code attempt}. */
    void apply(String id, int attempt) {
        if (failEveryAttempt.contains(id) || (attempt == 0 && failFirstAttempt.contains(id))) {
            throw new InjectedFault("injected fault in trial " + id + ", attempt " + attempt);
        }
    }

    /** The error an injected fault raises. */
    static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String message) {
            super(message);
        }
    }
}
