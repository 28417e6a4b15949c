package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import org.apache.spark.SparkEnv;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Faults to inject into trials, for testing recovery (the hidden option
 * {@code sweep run --inject-fault}). A trial named in {@code failFirstAttempt} throws on its first
 * task attempt only, so Spark's retry must recover it; one in {@code failEveryAttempt} throws on
 * every attempt, so it must end as a {@code failed} row; one in {@code killEveryAttempt} halts its
 * executor's JVM on every attempt (as an out-of-memory kill or a native crash would), so Spark
 * loses the executor each time, aborts that trial's job, and the trial must end as a
 * {@code failed} row while the others complete.
 */
public record FaultPlan(Set<String> failFirstAttempt, Set<String> failEveryAttempt, Set<String> killEveryAttempt)
        implements Serializable {
    /** The exit status of an executor JVM halted by a {@code kill:} fault. */
    static final int KILL_STATUS = 137;

    /** A plan that only throws (no executor kills). */
    public FaultPlan(Set<String> failFirstAttempt, Set<String> failEveryAttempt) {
        this(failFirstAttempt, failEveryAttempt, Set.of());
    }

    public static FaultPlan none() {
        return new FaultPlan(Set.of(), Set.of(), Set.of());
    }

    /** Parses {@code first:ID}, {@code always:ID} and {@code kill:ID} entries. */
    public static FaultPlan parse(List<String> specs) {
        Set<String> first = new TreeSet<>();
        Set<String> always = new TreeSet<>();
        Set<String> kill = new TreeSet<>();
        for (String spec : specs) {
            String[] parts = spec.split(":", 2);
            Set<String> target = parts.length != 2 || parts[1].isEmpty() ? null : switch (parts[0]) {
                case "first" -> first;
                case "always" -> always;
                case "kill" -> kill;
                default -> null;
            };
            if (target == null) {
                throw new BadInputException("--inject-fault " + spec + ": expected first:TRIAL_ID, always:TRIAL_ID or kill:TRIAL_ID");
            }
            target.add(parts[1]);
        }
        return new FaultPlan(first, always, kill);
    }

    /**
     * Refuses {@code kill:} faults where tasks run inside the driver (local masters): halting the
     * task's JVM there would end the sweep itself.
     *
     * @throws BadInputException for a kill fault on a local master
     */
    void checkMaster(String master) {
        if (!killEveryAttempt.isEmpty() && BroadcastCheck.runsInDriver(master)) {
            throw new BadInputException("--inject-fault kill:" + killEveryAttempt.iterator().next()
                    + ": master " + master + " runs tasks in the driver JVM, which a kill would end;"
                    + " expected a cluster master (spark://, yarn, k8s://, local-cluster[...])");
        }
    }

    /** Applies this plan to trial {@code id} on task attempt {@code attempt}: throws, halts the executor, or does nothing. */
    void apply(String id, int attempt) {
        if (killEveryAttempt.contains(id)) {
            SparkEnv env = SparkEnv.get();
            if (env == null || "driver".equals(env.executorId())) {
                // Never halt the driver: this task runs inside it (local mode).
                throw new InjectedFault("injected kill of trial " + id + ", attempt " + attempt + " refused in the driver JVM");
            }
            Runtime.getRuntime().halt(KILL_STATUS);
        }
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
