package io.sparksweep.results;

import com.fasterxml.jackson.annotation.JsonCreator;

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
 * @param provenance   BLAS set-up, CPU, host, JVM and SparkSweep version of the JVM that trained it,
 *                     measured there; null in records written before SparkSweep measured it
 */
public record TrialResult(String id, int index, Map<String, Object> varied, Map<String, Object> settings,
                          long seed, TrialStatus status, String error, Curve curve,
                          double wallSeconds, double cpuSeconds, String executor, String process, int attempt,
                          Provenance provenance)
        implements Serializable {

    /** The canonical constructor; Jackson reads records through it (a missing provenance reads as null). */
    @JsonCreator
    public TrialResult {
    }

    /** A result without provenance, as recorded before SparkSweep measured it (and in tests that need none). */
    public TrialResult(String id, int index, Map<String, Object> varied, Map<String, Object> settings,
                       long seed, TrialStatus status, String error, Curve curve,
                       double wallSeconds, double cpuSeconds, String executor, String process, int attempt) {
        this(id, index, varied, settings, seed, status, error, curve, wallSeconds, cpuSeconds, executor, process, attempt,
                null);
    }

    /** This result with {@code p} as its provenance. */
    public TrialResult withProvenance(Provenance p) {
        return new TrialResult(id, index, varied, settings, seed, status, error, curve, wallSeconds, cpuSeconds, executor,
                process, attempt, p);
    }

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
