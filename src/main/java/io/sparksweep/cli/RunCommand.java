package io.sparksweep.cli;

import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialStatus;
import io.sparksweep.spark.BroadcastCheck;
import io.sparksweep.spark.SparkContexts;
import io.sparksweep.spark.SparkBackend;
import io.sparksweep.sweep.SweepJob;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sweep run CONFIG}: expands the config into trials and runs them on Spark. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a sweep: every trial of CONFIG as a Spark task, then rank them, test the best on the",
                "test file and write results.json, results.csv and best-model.h5 to the run folder."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "Sweep config, e.g. conf/mnist-seed.json.")
    Path config;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else ${sys:sparksweep.defaultMaster:-local[*]}).")
    String master;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<name>-<UTC timestamp>).")
    Path out;

    @Option(names = "--force", description = "Replace an existing run folder.")
    boolean force;

    @Override
    public Integer call() {
        SweepConfig sweep = ConfigLoader.load(config);
        SweepJob.Prepared prepared = SweepJob.prepare(sweep, out, force, System.out);
        SweepResults results;
        try (JavaSparkContext sc = SparkContexts.create(master, "sparksweep-" + sweep.name())) {
            BroadcastCheck.check(sc.getConf(), prepared.data().sizeInBytes());
            results = prepared.run(new SparkBackend(sc), System.out);
        }
        boolean incomplete = results.trials().stream().anyMatch(t -> t.status() == TrialStatus.FAILED);
        return incomplete ? Main.EXIT_FAILURE : 0;
    }
}
