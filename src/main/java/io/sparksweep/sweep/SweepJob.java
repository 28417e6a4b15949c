package io.sparksweep.sweep;

import io.sparksweep.SafeFiles;
import io.sparksweep.config.Stopping;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.config.Trial;
import io.sparksweep.data.DataLoader;
import io.sparksweep.data.DataSource;
import io.sparksweep.data.LoadedData;
import io.sparksweep.nn.BlasSetup;
import io.sparksweep.nn.BlasSource;
import io.sparksweep.nn.Evaluation;
import io.sparksweep.nn.Evaluator;
import io.sparksweep.nn.ModelFile;
import io.sparksweep.nn.NativeBlas;
import io.sparksweep.report.ReportWriter;
import io.sparksweep.results.BlasSetups;
import io.sparksweep.results.Ranking;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.RunEnvironment;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.Tables;
import io.sparksweep.results.TestReport;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import io.sparksweep.stopping.Bracket;
import io.sparksweep.stopping.Plan;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A whole sweep on the driver: load data, run every trial on a {@link TrialBackend}, record
 * each result the moment it arrives, rank, test the best on the test file and write the run
 * folder. Only the best trial's weights are ever held here; they are also saved as soon as a new
 * best arrives, so a run killed midway can be resumed.
 */
public final class SweepJob {
    /** The best trial's weights in a run folder. */
    public static final String BEST_MODEL = "best-model.h5";

    private SweepJob() {
    }

    /**
     * How a sweep is run: where it writes, whether it may replace or continue a folder (and across
     * which changed inputs, {@code --allow-changed}), how it reports.
     */
    public record Options(Path outDir, boolean force, Path resumeDir, int logEverySeconds, boolean terminal,
                          DataSource dataSource, Set<Resume.Input> allowChanged) {
        /** Options that allow no changed input on resume. */
        public Options(Path outDir, boolean force, Path resumeDir, int logEverySeconds, boolean terminal,
                       DataSource dataSource) {
            this(outDir, force, resumeDir, logEverySeconds, terminal, dataSource, Set.of());
        }

        /** Write to {@code outDir} (null: the default folder), no resume, progress lines every 30 s, local data. */
        public static Options to(Path outDir, boolean force) {
            return new Options(outDir, force, null, 30, false, DataSource.LOCAL);
        }
    }

    /**
     * A sweep whose inputs are all checked (config, data, models, output folder) and whose data
     * is loaded; nothing is written yet.
     */
    public static final class Prepared {
        private final SweepConfig config;
        private final LoadedData data;
        private final TrialInputs inputs;
        private final Path dir;
        private final Options options;
        private final Resume resume;
        private final ZonedDateTime start = ZonedDateTime.now();
        private final long t0 = System.nanoTime();

        private Prepared(SweepConfig config, LoadedData data, TrialInputs inputs, Path dir, Options options,
                         Resume resume) {
            this.config = config;
            this.data = data;
            this.inputs = inputs;
            this.dir = dir;
            this.options = options;
            this.resume = resume;
        }

        /** The run folder this sweep writes. */
        public Path dir() {
            return dir;
        }

        /** The validated sweep: its settings and the trials it expands into. */
        public SweepConfig config() {
            return config;
        }

        /** What every trial reads (rows and warm-start models), as it will be broadcast. */
        public TrialInputs inputs() {
            return inputs;
        }

        /** Runs the trials on {@code backend} and writes the run folder. */
        public SweepResults run(TrialBackend backend, PrintStream out) {
            if (options.resumeDir() == null) {
                RunFolder.create(dir);
                SafeFiles.writeString(dir.resolve(Resume.INPUTS_FILE),
                        Resume.inputs(config, data.provenance()).toPrettyString() + "\n");
            }
            BlasSetup blas = NativeBlas.setup();
            warnAboutBlas(blas, out);
            Plan plan = config.stopping().enabled()
                    ? Plan.of(config.stopping(), config.trials().get(0).config().epochs(),
                            config.trials().stream().map(Trial::id).toList())
                    : null;
            List<Trial> toRun = config.trials().stream().filter(t -> !resume.reused().containsKey(t.id())).toList();
            out.printf(Locale.ROOT, "Sweep %s: %d trials on %s; %d train / %d validation / %d test rows -> %s%n",
                    config.name(), config.trials().size(), backend.master(), inputs.data().train().rows(),
                    inputs.data().validation().rows(), data.test().rows(), dir);
            if (plan != null) {
                out.println(describe(plan, config.trials().size()));
            }
            if (!resume.reused().isEmpty()) {
                if (plan == null) {
                    out.printf(Locale.ROOT, "Resuming: %d trials finished earlier, %d to run%n", resume.reused().size(),
                            toRun.size());
                } else {
                    out.printf(Locale.ROOT, "Resuming: %d trial records of the earlier run; their finished rungs do not run again%n",
                            resume.reused().size());
                }
            }

            Recorder recorder = new Recorder(dir, config.trials(), inputs, out, options, resume.best());
            try (recorder) {
                if (plan == null) {
                    resume.reused().values().forEach(recorder::reused);
                    backend.run(toRun, inputs, recorder);
                } else {
                    RungSweep rungs = new RungSweep(plan, config.trials(), inputs, dir, resume.reused(), recorder,
                            recorder::reused, out);
                    backend.runRungs(rungs, inputs);
                }
            }

            List<TrialResult> ranked = Ranking.rank(recorder.results);
            TestReport test = null;
            if (recorder.best != null) {
                Evaluation e = Evaluator.evaluate(recorder.best.network(), data.test());
                test = new TestReport(recorder.best.result().id(), data.test().rows(), e.accuracy(), e.loss(), e.confusion());
            }
            List<TrialResult> inOrder = new ArrayList<>(recorder.results);
            inOrder.sort(Comparator.comparingInt(TrialResult::index));
            BlasSetups setups = BlasSetups.of(inOrder);
            if (setups.mixed()) {
                out.println("warning: " + setups.warning());
            }
            SweepResults sweep = new SweepResults(SweepResults.SCHEMA_VERSION, config.name(),
                    config.source().toString(), config.asRun(), data.provenance(),
                    RunEnvironment.of(backend.master(), backend.engineVersion(), blas, setups),
                    start.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), (System.nanoTime() - t0) / 1e9,
                    inOrder, ranked.stream().map(TrialResult::id).toList(), test, plan == null ? null : plan.describe());
            ResultsIO.writeCsv(dir.resolve("results.csv"), ranked);
            ResultsIO.writeResults(dir.resolve("results.json"), sweep);
            ReportWriter.write(dir, sweep);
            printSummary(sweep, ranked, dir, out);
            return sweep;
        }
    }

    /**
     * Checks everything the user gave (config, data, models, output or resume folder) and loads
     * the data, before any Spark context exists or any file is written.
     */
    public static Prepared prepare(SweepConfig config, Options options, PrintStream out) {
        NativeBlas.setup(); // loads the driver's BLAS; a bad SPARKSWEEP_BLAS is reported before anything starts
        Path dir;
        if (options.resumeDir() != null) {
            dir = options.resumeDir();
            Resume.checkFolder(dir);
        } else {
            dir = options.outDir() != null ? options.outDir() : RunFolder.defaultFor(config.name(), ZonedDateTime.now());
            RunFolder.checkUsable(dir, options.force());
        }
        LoadedData data = DataLoader.load(config.data(), config.source(), options.dataSource(), out);
        TrialInputs inputs = TrialInputs.of(config, data.sweepData());
        Resume resume = options.resumeDir() != null ? Resume.load(dir, config, data.provenance(), options.allowChanged(), out)
                : Resume.none();
        return new Prepared(config, data, inputs, dir, options, resume);
    }

    /** One line: the scheduler, its brackets and rungs, and the epochs it plans against training every trial fully. */
    static String describe(Plan plan, int trials) {
        StringBuilder sb = new StringBuilder();
        sb.append(plan.stopping().type() == Stopping.Type.SHA ? "Successive halving" : "Hyperband")
                .append(" (eta ").append(plan.stopping().eta()).append(", by ").append(plan.stopping().metric().id())
                .append("): ");
        List<String> parts = new ArrayList<>();
        for (Bracket b : plan.brackets()) {
            parts.add("bracket " + b.s() + ": " + b.trialIds().size() + " trials, rungs at epochs "
                    + String.join("/", b.rungEpochs().stream().map(String::valueOf).toList()));
        }
        sb.append(String.join("; ", parts));
        sb.append(String.format(Locale.ROOT, "; at most %d epochs in all, against %d without stopping",
                plan.plannedEpochs(), (long) trials * plan.epochs()));
        return sb.toString();
    }

    /** Receives trial events on the driver: durable record, best-so-far weights, progress. */
    private static final class Recorder implements TrialEvents, AutoCloseable {
        private final Path dir;
        private final Progress progress;
        private final List<TrialResult> results = new ArrayList<>();
        private TrialOutcome best;

        Recorder(Path dir, List<Trial> trials, TrialInputs inputs, PrintStream out, Options options, TrialOutcome best) {
            this.dir = dir;
            this.progress = new Progress(trials, t -> TrialCost.cost(t, inputs) / t.config().epochs(), out,
                    options.terminal(), options.logEverySeconds(), System::nanoTime);
            this.best = best;
        }

        void reused(TrialResult r) {
            results.add(r);
            progress.finished(r, true);
        }

        @Override
        public void started(int trialIndex) {
            progress.started(trialIndex);
        }

        @Override
        public void epoch(int trialIndex, int epoch) {
            progress.epoch(trialIndex, epoch);
        }

        @Override
        public synchronized void finished(TrialOutcome outcome) {
            TrialResult r = outcome.result();
            ResultsIO.writeTrial(dir, r);
            results.add(r);
            if (outcome.network() != null && (best == null || Ranking.ORDER.compare(r, best.result()) < 0)) {
                best = outcome;
                ModelFile.write(dir.resolve(BEST_MODEL), outcome.network(), r.id());
            }
            progress.finished(r, false);
        }

        @Override
        public void close() {
            progress.close();
        }
    }

    private static void printSummary(SweepResults sweep, List<TrialResult> ranked, Path dir, PrintStream out) {
        out.println();
        out.print(Tables.ranked(ranked));
        out.println();
        if (sweep.test() != null) {
            TrialResult b = ranked.get(0);
            out.printf(Locale.ROOT, "Best trial: %s %s, validation accuracy %s%n", b.id(), Tables.varied(b.varied()),
                    Tables.percent(b.validationAccuracy()));
            out.printf(Locale.ROOT, "Test accuracy of the best trial: %s on %d rows (loss %.4f)%n",
                    Tables.percent(sweep.test().accuracy()), sweep.test().rows(), sweep.test().loss());
        } else {
            out.println("No trial finished without diverging or failing: no best model, no test report.");
        }
        long failed = ranked.stream().filter(r -> r.status() == TrialStatus.FAILED).count();
        if (failed > 0) {
            out.printf(Locale.ROOT, "%d of %d trials FAILED; the sweep is incomplete (rerun with --resume %s to retry them).%n",
                    failed, ranked.size(), dir);
        }
        out.printf(Locale.ROOT, "Wrote %s/{results.json, results.csv, report.html%s} in %.1fs%n", dir,
                sweep.test() != null ? ", " + BEST_MODEL : "", sweep.wallSeconds());
    }

    /**
     * The driver's warning when its matrix products run without native code, or run on the
     * system library because no bundled one exists for this platform.
     */
    private static void warnAboutBlas(BlasSetup blas, PrintStream out) {
        String bundledFailure = NativeBlas.bundledFailure();
        if (blas.source() == BlasSource.JAVA) {
            String why = bundledFailure != null ? bundledFailure + " and no system BLAS could be loaded"
                    : "native BLAS is off (" + NativeBlas.CHOICE_PROPERTY + "/" + NativeBlas.CHOICE_ENV + " or "
                    + NativeBlas.NETLIB_LIBRARY_PATH + ")";
            out.println("warning: " + why + ", so matrix products use " + blas.implementation()
                    + ", several times slower; see docs/blas.md");
        } else if (bundledFailure != null) {
            out.println("warning: " + bundledFailure + "; matrix products use the system BLAS, " + blas.describe());
        }
    }
}
