package io.sparksweep.sweep;

import java.util.List;

/**
 * The driver's side of a sweep with early stopping, as a {@link TrialBackend} sees it: rounds of
 * trial-rungs (synchronous rungs: a round is handed out only after every outcome of the one
 * before was delivered), the checkpoint each trial-rung starts from, and where outcomes go.
 * Called on the driver thread that called {@link TrialBackend#runRungs}, except {@link #started}
 * and {@link #epoch}, which may come from a listener thread.
 */
public interface RungRounds {

    /** The next round's trial-rungs; empty when the sweep is done. */
    List<RungWork> nextRound();

    /**
     * The checkpoint {@code work} starts from, read from the run folder: the bytes of
     * {@link io.sparksweep.nn.TrainingState#toBytes()} after {@code work.fromEpoch()} epochs, or
     * null when it starts from scratch ({@code fromEpoch == 0}). The caller holds it only until
     * the trial-rung's outcome is delivered.
     */
    byte[] checkpoint(RungWork work);

    /** A trial-rung began training. */
    default void started(int trialIndex, int fromEpoch) {
    }

    /** A running trial-rung finished an epoch (the trial's epoch number). */
    default void epoch(int trialIndex, int epoch) {
    }

    /** A trial-rung finished, failed included. */
    void finished(RungOutcome outcome);
}
