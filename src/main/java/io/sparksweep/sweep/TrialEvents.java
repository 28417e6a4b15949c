package io.sparksweep.sweep;

/**
 * What a {@link TrialBackend} reports while a sweep runs, on the driver. {@link #finished} is
 * required; the others are reported where the backend can see them.
 */
public interface TrialEvents {

    /** A trial began training (a Spark task started, or the sequential loop reached it). */
    default void started(int trialIndex) {
    }

    /**
     * A trial has finished {@code epoch} epochs. The sequential backend reports every epoch; the
     * Spark backend reports the counts its executors' heartbeats carry, so epochs may be skipped
     * and a trial shorter than a heartbeat interval reports none.
     */
    default void epoch(int trialIndex, int epoch) {
    }

    /** A trial finished: its result and, unless it failed or diverged, its network. */
    void finished(TrialOutcome outcome);
}
