package io.sparksweep.cli;

import io.sparksweep.BadInputException;
import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.Tables;
import io.sparksweep.results.TrialStatus;
import io.sparksweep.spark.FaultPlan;
import io.sparksweep.spark.HadoopDataSource;
import io.sparksweep.spark.MasterUrl;
import io.sparksweep.spark.SparkContexts;
import io.sparksweep.spark.SparkSweep;
import io.sparksweep.sweep.Progress;
import io.sparksweep.sweep.Resume;
import io.sparksweep.sweep.SweepJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code sweep run CONFIG}: expands the config into trials and runs them on Spark. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a sweep: train every trial of CONFIG as a Spark task and rank them.",
                "The best trial is tested on the test file; the run folder gets results.json, results.csv,",
                "best-model.h5, report.html and one record per trial as it finishes.",
                "Exit code: 0 done, 1 some trials failed (the sweep is incomplete), 2 bad input."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "Sweep config, e.g. conf/mnist-seed.json.")
    Path config;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (default: spark-submit's, else local[*]: one trial per core).")
    String master;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<name>-<UTC timestamp>).")
    Path out;

    @Option(names = "--force", description = {"Replace an existing --out folder when it is empty or an earlier run's folder",
            "holding only a run's files; anything else in it (a .git, a file in trials/) refuses the run, named."})
    boolean force;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = {"Continue an interrupted run: reuse the trials RUN_DIR finished, run the rest. Refused,",
                    "with the differences listed, when the config, the data or warm-start model files, the",
                    "SparkSweep build or the BLAS implementation changed since RUN_DIR started (see --allow-changed)."})
    Path resume;

    @Option(names = "--allow-changed", paramLabel = "WHAT", split = ",",
            description = {"With --resume: reuse the finished trials even though these inputs changed since the run",
                    "started (comma-separated: config, data, models, build, blas). Without it, any change of the",
                    "config, the data files' or warm-start models' content, the SparkSweep build or the BLAS",
                    "implementation refuses the resume and lists the differences."})
    List<String> allowChanged = new ArrayList<>();

    @Option(names = "--progress-every", paramLabel = "SECONDS", defaultValue = "30",
            description = "When output is not a terminal, print a progress line this often (0: never; default ${DEFAULT-VALUE}).")
    int progressEvery;

    @Option(names = "--dry-run", description = "Print the trials the config expands into, and stop.")
    boolean dryRun;

    @Option(names = "--inject-fault", paramLabel = "first:ID|always:ID", hidden = true,
            description = "Testing hook: make a trial's first (or every) task attempt throw.")
    List<String> faults = new ArrayList<>();

    @Override
    public Integer call() {
        // The master first: a mistyped or unreachable one is refused before Spark (and its log) starts.
        String effectiveMaster = master != null ? master : System.getProperty("spark.master");
        String masterOrigin = master != null ? "--master" : "spark.master";
        MasterUrl.check(effectiveMaster, masterOrigin);
        if (resume != null && (out != null || force)) {
            throw new BadInputException("--resume " + resume + ": cannot be combined with --out or --force; it writes into RUN_DIR");
        }
        if (!allowChanged.isEmpty() && resume == null) {
            throw new BadInputException("--allow-changed " + String.join(",", allowChanged)
                    + ": only with --resume RUN_DIR, expected --resume too or no --allow-changed");
        }
        Set<Resume.Input> allowed = Resume.Input.parse(allowChanged);
        if (progressEvery < 0) {
            throw new BadInputException("--progress-every " + progressEvery + ": expected 0 or more seconds");
        }
        FaultPlan faultPlan = FaultPlan.parse(faults);
        SweepConfig sweep = ConfigLoader.load(config);
        if (dryRun) {
            System.out.printf("%s: %d trials%n%n", config, sweep.trials().size());
            System.out.print(Tables.trials(sweep.trials().stream().map(t -> t.id()).toList(),
                    sweep.trials().stream().map(t -> t.varied()).toList()));
            return 0;
        }
        SparkContexts.configureLogging();
        MasterUrl.checkReachable(effectiveMaster, masterOrigin);
        SweepJob.Options options = new SweepJob.Options(out, force, resume, progressEvery, Progress.stdoutIsTerminal(),
                new HadoopDataSource(), allowed);
        SweepJob.Prepared prepared = SweepJob.prepare(sweep, options, System.out);
        SweepResults results = SparkSweep.run(prepared, master, "sparksweep-" + sweep.name(), faultPlan, System.out);
        boolean incomplete = results.trials().stream().anyMatch(t -> t.status() == TrialStatus.FAILED);
        return incomplete ? Main.EXIT_FAILURE : 0;
    }
}
