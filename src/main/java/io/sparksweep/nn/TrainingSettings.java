package io.sparksweep.nn;

import java.io.Serializable;

/**
 * How {@link Trainer} runs mini-batch SGD.
 *
 * <p>Each epoch visits every training row once in batches of {@code batchSize} rows; when the
 * row count is not a multiple of {@code batchSize} the last, partial batch is used too (with
 * {@link Reduction#MEAN} it is averaged over its own size). With {@code shuffle} false the
 * batches are in file order (the seed experiment). With {@code shuffle} true each epoch uses a
 * fresh permutation: the identity permutation shuffled by Fisher–Yates
 * ({@code for i = n-1 .. 1: swap(i, random.nextInt(i + 1))}), drawing from one
 * {@code new java.util.Random(seed)} created per training run, so epoch {@code e} uses the
 * {@code e}-th permutation of that stream.
 *
 * <p>A sweep's trials carry these settings as the config gave them ({@code config.TrialConfig#training()});
 * their defaults, the seed experiment's, and what each means are written once, in
 * {@code config.TrainingField}.
 *
 * @param epochs       passes over the training set; {@code >= 1}
 * @param batchSize    rows per mini-batch; {@code >= 1}
 * @param learningRate base learning rate of epoch 1; finite and {@code > 0}
 * @param reduction    how per-sample gradients are combined
 * @param schedule     learning rate per epoch
 * @param shuffle      shuffle the rows every epoch
 * @param seed         seed of the shuffling random stream; unused when {@code shuffle} is false
 */
public record TrainingSettings(int epochs, int batchSize, double learningRate, Reduction reduction,
                               LearningRateSchedule schedule, boolean shuffle, long seed) implements Serializable {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field and the bad value when a field is out of range or null
     */
    public TrainingSettings {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs = " + epochs + ", must be >= 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize = " + batchSize + ", must be >= 1");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate = " + learningRate + ", must be a finite number > 0");
        }
        if (reduction == null) {
            throw new IllegalArgumentException("reduction is null, expected SUM or MEAN");
        }
        if (schedule == null) {
            throw new IllegalArgumentException("schedule is null, expected a LearningRateSchedule");
        }
    }

    /** The same settings with the shuffling order drawn from {@code seed}. */
    public TrainingSettings withSeed(long seed) {
        return new TrainingSettings(epochs, batchSize, learningRate, reduction, schedule, shuffle, seed);
    }
}
