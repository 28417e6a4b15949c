package io.sparksweep.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sparksweep.nn.BlasSetup;

import java.util.List;

/**
 * Where a sweep ran, as recorded in {@code results.json} ({@code environment}): the driver's
 * side, and a summary of the per-trial {@link Provenance} the trials brought back from the JVMs
 * that trained them. The JSON field names are the record's component names, and a null field is
 * left out: runs recorded before SparkSweep measured trial provenance read with
 * {@code blasSetup} and the last three null, and write back as they were.
 *
 * @param master                  where trials ran, e.g. {@code local[2]}, {@code spark://host:7077} or {@code sequential}
 * @param sparkVersion            the engine, e.g. {@code Spark 4.2.0} ({@code none} for the sequential backend)
 * @param javaVersion             the driver's {@code java.version}
 * @param blas                    the netlib class that runs the driver's matrix products
 * @param blasSetup               the driver's BLAS set-up in one line ({@link BlasSetup#describe()})
 * @param sparksweepVersion       the driver's SparkSweep version ({@link Provenance#sparksweepVersionOfThisJvm()})
 * @param os                      the driver's {@code os.name os.arch}
 * @param cores                   the driver's available processors
 * @param mixedBlas               whether the trials ran on more than one BLAS set-up ({@link BlasSetups#mixed()})
 * @param blasSetups              the distinct set-ups of the trials, with trial counts, hosts and CPUs
 * @param trialsWithoutProvenance trials that carry no provenance; absent from the JSON when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // what a run recorded before a field existed stays absent
public record RunEnvironment(String master, String sparkVersion, String javaVersion, String blas, String blasSetup,
                             String sparksweepVersion, String os, Integer cores, Boolean mixedBlas,
                             List<BlasSetups.Group> blasSetups,
                             Integer trialsWithoutProvenance) {

    /**
     * This driver JVM's environment, for a sweep run on {@code master} by {@code engineVersion},
     * whose driver computes with {@code driverBlas} and whose trials ran on {@code trialSetups}.
     */
    public static RunEnvironment of(String master, String engineVersion, BlasSetup driverBlas, BlasSetups trialSetups) {
        return new RunEnvironment(master, engineVersion, System.getProperty("java.version"),
                driverBlas.implementation(), driverBlas.describe(), Provenance.sparksweepVersionOfThisJvm(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), trialSetups.mixed(), trialSetups.groups(),
                trialSetups.withoutProvenance() > 0 ? trialSetups.withoutProvenance() : null);
    }
}
