package io.sparksweep.spark;

import io.sparksweep.results.SweepResults;
import io.sparksweep.sweep.SweepJob;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.PrintStream;

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
        TrialMemoryCheck.check(master, prepared.config().trials(), prepared.inputs());
        try (JavaSparkContext sc = SparkContexts.create(master, appName)) {
            faults.checkMaster(sc.master());
            BroadcastCheck.check(sc.getConf(), prepared.inputs().sizeInBytes());
            return prepared.run(new SparkBackend(sc, faults), out);
        }
    }
}
