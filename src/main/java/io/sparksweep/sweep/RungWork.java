package io.sparksweep.sweep;

import io.sparksweep.config.Trial;

import java.io.Serializable;

/**
 * One trial-rung of early stopping: train {@code trial} from its checkpoint after
 * {@code fromEpoch} epochs (0: from its initialisation) to epoch {@code toEpoch}.
 */
public record RungWork(Trial trial, int fromEpoch, int toEpoch) implements Serializable {
}
