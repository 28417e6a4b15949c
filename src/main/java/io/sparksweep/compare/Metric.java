package io.sparksweep.compare;

import io.sparksweep.results.TrialResult;

import java.util.Locale;

/** A metric that {@code sweep compare} can compare; its id is the column name in CSV files. */
public enum Metric {
    /** Final validation accuracy, fraction. */
    VAL_ACCURACY,
    /** Final validation loss, mean cross-entropy (nats). */
    VAL_LOSS,
    /** Final training accuracy, fraction. */
    TRAIN_ACCURACY,
    /** Final training loss, mean cross-entropy (nats). */
    TRAIN_LOSS,
    /** Test accuracy; only the best trial of a run has one. */
    TEST_ACCURACY;

    /** {@code val_accuracy} etc. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This metric of a trial (test accuracy is not a trial's; NaN). */
    double of(TrialResult r) {
        return switch (this) {
            case VAL_ACCURACY -> r.validationAccuracy();
            case VAL_LOSS -> r.validationLoss();
            case TRAIN_ACCURACY -> r.trainAccuracy();
            case TRAIN_LOSS -> r.trainLoss();
            case TEST_ACCURACY -> Double.NaN;
        };
    }
}
