package io.sparksweep.nn;

import java.io.Serializable;

/**
 * The learning rate of each epoch as a function of the base rate.
 *
 * <p>{@link Type#STEP} multiplies the rate by {@code factor} after every {@code everyEpochs}
 * completed epochs: with factor 0.5 every 20 epochs (the seed experiment's intent), epochs
 * 1–20 use {@code lr}, 21–40 {@code lr/2} and 41–60 {@code lr/4}. {@link Type#CONSTANT}
 * ignores {@code factor} and {@code everyEpochs}.
 *
 * @param type        constant or step decay
 * @param factor      multiplier applied at each step; finite and {@code > 0}
 * @param everyEpochs epochs between steps; {@code >= 1}
 */
public record LearningRateSchedule(Type type, double factor, int everyEpochs) implements Serializable {

    /** The kind of schedule. */
    public enum Type {
        /** The base rate in every epoch. */
        CONSTANT,
        /** The base rate times {@code factor^floor((epoch - 1) / everyEpochs)}. */
        STEP
    }

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if {@code type} is null, {@code factor} is not a finite
     *                                  number {@code > 0} or {@code everyEpochs < 1}
     */
    public LearningRateSchedule {
        if (type == null) {
            throw new IllegalArgumentException("schedule type is null, expected CONSTANT or STEP");
        }
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("schedule factor = " + factor + ", must be a finite number > 0");
        }
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("schedule everyEpochs = " + everyEpochs + ", must be >= 1");
        }
    }

    /** The constant schedule: every epoch uses the base rate. */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule(Type.CONSTANT, 1.0, 1);
    }

    /**
     * Step decay: multiply by {@code factor} after every {@code everyEpochs} completed epochs.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static LearningRateSchedule step(double factor, int everyEpochs) {
        return new LearningRateSchedule(Type.STEP, factor, everyEpochs);
    }

    /**
     * The learning rate of {@code epoch} (1-based).
     *
     * @param baseRate the rate of epoch 1
     * @param epoch    1 for the first epoch
     * @throws IllegalArgumentException if {@code epoch < 1}
     */
    public double rateForEpoch(double baseRate, int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch = " + epoch + ", must be >= 1 (epochs are 1-based)");
        }
        if (type == Type.CONSTANT) {
            return baseRate;
        }
        int steps = (epoch - 1) / everyEpochs;
        return baseRate * Math.pow(factor, steps);
    }
}
