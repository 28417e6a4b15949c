package io.sparksweep.nn;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Trainer#train}.
 *
 * @param network  the parameters after the last epoch run (after the diverging epoch if diverged)
 * @param curve    metrics of every epoch run, in order; immutable. When {@code diverged}, the
 *                 last entry is the epoch whose loss was not finite
 * @param diverged true when training stopped early because a loss became NaN or infinite
 */
public record TrainingResult(Network network, List<EpochMetrics> curve, boolean diverged) implements Serializable {

    /**
     * Copies the curve.
     *
     * @throws NullPointerException if {@code network} or {@code curve} is null
     */
    public TrainingResult {
        Objects.requireNonNull(network, "network");
        curve = List.copyOf(curve);
    }

    /** The metrics of the last epoch run, or null when no epoch ran. */
    public EpochMetrics last() {
        return curve.isEmpty() ? null : curve.get(curve.size() - 1);
    }
}
