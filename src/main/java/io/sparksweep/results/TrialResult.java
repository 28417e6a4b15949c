package io.sparksweep.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param bracket      with early stopping, the {@code s} of the bracket the trial ran in (Hyperband; the one
 *                     bracket {@code s_max} of successive halving); null without stopping (and not written)
 * @param rung         with early stopping, the last rung the trial ran, 0-based in its bracket; the epochs it
 *                     ran are {@code curve.epochs()}; null without stopping (and not written)
 * @param topRung      with early stopping, the index of its bracket's top rung (the full budget), so that
 *                     {@code rung == topRung} means it trained every epoch; null without stopping
 */
public record TrialResult(String id, int index, Map<String, Object> varied, Map<String, Object> settings,
                          long seed, TrialStatus status, String error, Curve curve,
                          double wallSeconds, double cpuSeconds, String executor, String process, int attempt,
                          Provenance provenance,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer bracket,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer rung,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer topRung)
        implements Serializable {

    /** The canonical constructor; Jackson reads records through it (a missing provenance or rung reads as null). */
    @JsonCreator
    public TrialResult {
    }

    /** A result of a sweep without early stopping. */
    public TrialResult(String id, int index, Map<String, Object> varied, Map<String, Object> settings,
                       long seed, TrialStatus status, String error, Curve curve,
                       double wallSeconds, double cpuSeconds, String executor, String process, int attempt,
                       Provenance provenance) {
        this(id, index, varied, settings, seed, status, error, curve, wallSeconds, cpuSeconds, executor, process, attempt,
                provenance, null, null, null);
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
                process, attempt, p, bracket, rung, topRung);
    }

    /**
     * This result as a trial-rung of early stopping: in bracket {@code bracket}, after rung
     * {@code rung} of {@code topRung + 1}, with {@code status}, and the times given (the total of
     * its rungs so far).
     */
    public TrialResult atRung(int bracket, int rung, int topRung, TrialStatus status, double wallSeconds,
                              double cpuSeconds) {
        return new TrialResult(id, index, varied, settings, seed, status, error, curve, wallSeconds, cpuSeconds, executor,
                process, attempt, provenance, bracket, rung, topRung);
    }

    /** This result with another curve (a failed trial-rung keeps the curve of the rungs before). */
    public TrialResult withCurve(Curve c) {
        return new TrialResult(id, index, varied, settings, seed, status, error, c, wallSeconds, cpuSeconds, executor,
                process, attempt, provenance, bracket, rung, topRung);
    }

    /** Whether this result comes from a sweep with early stopping. */
    public boolean hasRung() {
        return rung != null;
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
