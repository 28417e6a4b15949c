package io.sparksweep.sweep;

import io.sparksweep.results.TrialResult;

import java.io.Serializable;

/**
 * A finished trial-rung: the trial's result so far (its whole curve up to {@code work.toEpoch()},
 * status ok, diverged or failed, the times of this rung only) and its checkpoint after the rung
 * ({@link io.sparksweep.nn.TrainingState#toBytes()}), null when it diverged or failed.
 */
public record RungOutcome(RungWork work, TrialResult result, byte[] checkpoint) implements Serializable {
}
