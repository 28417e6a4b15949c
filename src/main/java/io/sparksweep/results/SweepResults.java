package io.sparksweep.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.sparksweep.data.DataProvenance;

import java.util.List;

/**
 * The content of {@code results.json}: what ran, on what, and what came out.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param sweep         sweep name
 * @param configFile    the config file as given
 * @param config        the config document as run
 * @param data          data files, fingerprints and split sizes
 * @param environment   Spark master and version, Java, SparkSweep version, the driver's BLAS, and the
 *                      BLAS set-ups the trials ran on, as measured in their executors
 * @param startedAt     UTC ISO-8601 start
 * @param wallSeconds   wall time from data load to written results
 * @param trials        every trial in sweep order
 * @param ranking       trial ids, best first ({@link Ranking#ORDER})
 * @param test          the best trial tested on the test file, or null when no trial succeeded
 * @param stopping      with early stopping, the scheduler as run: type, minEpochs, eta, metric,
 *                      {@code synchronous: true} (results do not depend on completion order), and per
 *                      bracket its s, quota, trials and rung epochs; null (and not written) without stopping
 */
public record SweepResults(int schemaVersion, String sweep, String configFile, JsonNode config,
                           DataProvenance data, RunEnvironment environment, String startedAt,
                           double wallSeconds, List<TrialResult> trials, List<String> ranking, TestReport test,
                           @JsonInclude(JsonInclude.Include.NON_NULL) StoppingRun stopping) {

    /** Results of a sweep without early stopping. */
    public SweepResults(int schemaVersion, String sweep, String configFile, JsonNode config,
                        DataProvenance data, RunEnvironment environment, String startedAt,
                        double wallSeconds, List<TrialResult> trials, List<String> ranking, TestReport test) {
        this(schemaVersion, sweep, configFile, config, data, environment, startedAt, wallSeconds, trials, ranking, test,
                null);
    }

    /** Version of this layout; bumped when a field changes meaning. */
    public static final int SCHEMA_VERSION = 1;
}
