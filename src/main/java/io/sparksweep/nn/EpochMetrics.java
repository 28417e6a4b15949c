package io.sparksweep.nn;

import java.io.Serializable;

/**
 * Loss and accuracy after one epoch, on the whole training set and the whole validation set.
 * Loss is the mean cross-entropy per sample in nats (natural log); accuracy is the fraction
 * of rows whose arg-max prediction equals the label, in {@code [0, 1]}.
 *
 * @param epoch              1-based epoch number
 * @param learningRate       rate used during this epoch (after the schedule)
 * @param trainLoss          mean cross-entropy on the training set
 * @param trainAccuracy      accuracy on the training set
 * @param validationLoss     mean cross-entropy on the validation set
 * @param validationAccuracy accuracy on the validation set
 */
public record EpochMetrics(int epoch, double learningRate, double trainLoss, double trainAccuracy,
                           double validationLoss, double validationAccuracy) implements Serializable {

    /** True when both losses are finite numbers (neither NaN nor infinite). */
    public boolean isFinite() {
        return Double.isFinite(trainLoss) && Double.isFinite(validationLoss);
    }
}
