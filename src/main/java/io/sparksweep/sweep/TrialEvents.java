package io.sparksweep.sweep;

/**
 * What a {@link TrialBackend} reports while a sweep runs, on the driver. {@link #finished} is
 * required; the others are reported where the backend can see them.
 */
public interface TrialEvents {

    /** A trial began training (a Spark task started, or the sequential loop reached it). */
    default void started(int trialIndex) {
    }

    /** A trial finished an epoch; only backends that run in the driver's JVM report this. */
    default void epoch(int trialIndex, int epoch) {
    }

    /** A trial finished: its result and, unless it failed or diverged, its network. */
    void finished(TrialOutcome outcome);
}
