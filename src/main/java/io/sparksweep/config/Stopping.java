package io.sparksweep.config;

import java.io.Serializable;
import java.util.Locale;

/**
 * The {@code "stopping"} section of a sweep config: whether poor trials are stopped early, and
 * how. {@code training.epochs} is every trial's maximum budget.
 *
 * <pre>{@code "stopping": {"type": "hyperband", "minEpochs": 1, "eta": 3, "metric": "validationAccuracy"}}</pre>
 *
 * @param type      the scheduler; {@link Type#NONE} (the default) trains every trial to its full budget
 * @param minEpochs epochs of the lowest rung, {@code >= 1} and at most {@code training.epochs} (default 1)
 * @param eta       reduction factor between rungs, {@code >= 2} (default 3): a rung keeps the best {@code 1/eta}
 * @param metric    what promotion compares, at the rung's last epoch (default validation accuracy)
 */
public record Stopping(Type type, int minEpochs, int eta, Metric metric) implements Serializable {

    /** No early stopping: the default. */
    public static final Stopping NONE = new Stopping(Type.NONE, 1, 3, Metric.VALIDATION_ACCURACY);

    /** Early-stopping schedulers. */
    public enum Type {
        /** Every trial trains to {@code training.epochs}. */
        NONE,
        /** Synchronous successive halving: Hyperband's most aggressive bracket only. */
        SHA,
        /** Hyperband (Li et al., JMLR 2018): several successive-halving brackets. */
        HYPERBAND;

        /** The config spelling: {@code none}, {@code sha}, {@code hyperband}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What rungs rank trials by. */
    public enum Metric {
        /** Validation accuracy at the rung's epoch, higher is better. */
        VALIDATION_ACCURACY("validationAccuracy"),
        /** Validation loss (mean cross-entropy) at the rung's epoch, lower is better. */
        VALIDATION_LOSS("validationLoss");

        private final String id;

        Metric(String id) {
            this.id = id;
        }

        /** The config spelling. */
        public String id() {
            return id;
        }
    }

    /** Whether trials may be stopped before {@code training.epochs}. */
    public boolean enabled() {
        return type != Type.NONE;
    }
}
