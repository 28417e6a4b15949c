package io.sparksweep.results;

import java.io.Serializable;
import java.util.Map;

/**
 * Everything a trial reports back to the driver, without its weights.
 *
 * @param id           the trial's stable id
 * @param index        position in the expanded sweep
 * @param varied       the grid values of this trial
 * @param settings     every training setting (see {@code TrialConfig.describe()})
 * @param seed         the trial seed
 * @param status       ok, diverged or failed
 * @param error        the failure message, or null
 * @param curve        per-epoch metrics
 * @param wallSeconds  wall-clock training time, including per-epoch evaluation
 * @param cpuSeconds   CPU time of the training thread
 * @param executor     Spark executor id ("driver" in local mode, "sequential" outside Spark)
 * @param process      {@code pid@host} of the JVM that trained the trial
 * @param attempt      Spark task attempt number that produced the result (0 = first)
 */
public record TrialResult(String id, int index, Map<String, Object> varied, Map<String, Object> settings,
                          long seed, TrialStatus status, String error, Curve curve,
                          double wallSeconds, double cpuSeconds, String executor, String process, int attempt)
        implements Serializable {

    public double trainLoss() {
        return Curve.last(curve.trainLoss());
    }

    public double trainAccuracy() {
        return Curve.last(curve.trainAccuracy());
    }

    public double validationLoss() {
        return Curve.last(curve.validationLoss());
    }

    public double validationAccuracy() {
        return Curve.last(curve.validationAccuracy());
    }
}
