package io.sparksweep.spark;

import io.sparksweep.config.Trial;
import io.sparksweep.config.TrialConfig;
import io.sparksweep.nn.Architecture;
import io.sparksweep.results.SweepResults;
import io.sparksweep.sweep.SweepData;
import io.sparksweep.sweep.SweepJob;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.PrintStream;
import java.util.List;

/**
 * Runs a prepared sweep on Spark: starts the context, checks that the broadcast and the largest
 * trial's result fit the configured limits, runs, stops the context.
 */
public final class SparkSweep {
    private SparkSweep() {
    }

    /**
     * @param master the master, or null for spark-submit's (or {@link SparkContexts#DEFAULT_MASTER})
     * @param faults faults to inject (testing hook); {@link FaultPlan#none()} normally
     */
    public static SweepResults run(SweepJob.Prepared prepared, String master, String appName, FaultPlan faults,
                                   PrintStream out) {
        TrialMemoryCheck.check(master, prepared.config().trials(), prepared.data());
        try (JavaSparkContext sc = SparkContexts.create(master, appName)) {
            faults.checkMaster(sc.master());
            BroadcastCheck.check(sc.getConf(), prepared.data().sizeInBytes());
            checkResultSize(sc, prepared.config().trials(), prepared.data());
            return prepared.run(new SparkBackend(sc, faults), out);
        }
    }

    /** Checks the largest trial's outcome (weights and curves) against {@code spark.driver.maxResultSize}. */
    static void checkResultSize(JavaSparkContext sc, List<Trial> trials, SweepData data) {
        Trial largest = null;
        long largestBytes = 0;
        for (Trial t : trials) {
            TrialConfig c = t.config();
            long parameters = new Architecture(data.train().features(), c.hidden(), c.activation(),
                    data.train().classes()).parameterCount();
            long bytes = BroadcastCheck.outcomeBytes(parameters, c.epochs());
            if (largest == null || bytes > largestBytes) {
                largest = t;
                largestBytes = bytes;
            }
        }
        if (largest != null) {
            BroadcastCheck.checkResultSize(sc.getConf(), largestBytes, "trial " + largest.id() + ", hidden "
                    + java.util.Arrays.toString(largest.config().hidden()) + ", " + largest.config().epochs() + " epochs");
        }
    }
}
