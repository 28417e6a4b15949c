package io.sparksweep.nn;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the per-sample gradients of a mini-batch are combined into one SGD step.
 *
 * <p>The seed experiment SUMMED the gradients of its 100-sample batches, so its learning rate
 * 1e-3 with {@link #SUM} equals 0.1 with {@link #MEAN} at batch size 100.
 */
public enum Reduction {
    /** Step {@code W -= lr * Σ_batch grad}: the seed experiment's convention. */
    SUM("sum"),
    /** Step {@code W -= (lr / batchRows) * Σ_batch grad}; the last partial batch divides by its own size. */
    MEAN("mean");

    private final String id;

    Reduction(String id) {
        this.id = id;
    }

    /** The identifier used in config files and reports: "sum" or "mean". */
    public String id() {
        return id;
    }

    /**
     * The reduction with identifier {@code id}.
     *
     * @throws IllegalArgumentException if no reduction has that id; the message lists the valid ids
     */
    public static Reduction fromId(String id) {
        for (Reduction r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown reduction '" + id + "', expected one of "
                + Arrays.stream(values()).map(Reduction::id).collect(Collectors.joining(", ")));
    }
}
