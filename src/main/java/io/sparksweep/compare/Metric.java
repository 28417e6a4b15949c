package io.sparksweep.compare;

import io.sparksweep.BadInputException;
import io.sparksweep.results.TrialResult;

import java.util.Arrays;
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

    /** The metric named {@code id}; a {@link BadInputException} naming the choices otherwise. */
    public static Metric fromId(String id) {
        for (Metric m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new BadInputException("--metric " + id + ": unknown metric, expected one of "
                + Arrays.stream(values()).map(Metric::id).toList());
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
