package io.sparksweep.sweep;

import io.sparksweep.config.SweepConfig;
import io.sparksweep.nn.Evaluation;
import io.sparksweep.nn.Evaluator;
import io.sparksweep.nn.Network;
import io.sparksweep.results.ModelFile;
import io.sparksweep.results.Ranking;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.Tables;
import io.sparksweep.results.TestReport;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A whole sweep on the driver: load data, run every trial on a {@link TrialBackend}, record
 * each result as it arrives, rank, test the best on the test file and write the run folder.
 * Only the best trial's weights are ever held here.
 */
public final class SweepJob {

    private SweepJob() {
    }

    /**
     * A sweep whose inputs are all checked (config, data, models, output folder) and whose data
     * is loaded; nothing is written yet.
     */
    public static final class Prepared {
        private final SweepConfig config;
        private final LoadedData data;
        private final Path dir;
        private final ZonedDateTime start;
        private final long t0;

        private Prepared(SweepConfig config, LoadedData data, Path dir, ZonedDateTime start, long t0) {
            this.config = config;
            this.data = data;
            this.dir = dir;
            this.start = start;
            this.t0 = t0;
        }

        /** The run folder this sweep will write. */
        public Path dir() {
            return dir;
        }

        /** The data every trial reads, as it will be broadcast. */
        public SweepData data() {
            return data.sweepData();
        }

        /** Runs the trials on {@code backend} and writes the run folder. */
        public SweepResults run(TrialBackend backend, PrintStream out) {
            return SweepJob.execute(this, backend, out);
        }
    }

    /**
     * Checks everything the user gave (config, data, models, output folder) and loads the data,
     * before any Spark context exists or any file is written.
     *
     * @param outDir run folder, or null for {@code runs/<name>-<UTC timestamp>}
     * @param force  replace an existing run folder
     * @param out    where progress is printed
     */
    public static Prepared prepare(SweepConfig config, Path outDir, boolean force, PrintStream out) {
        ZonedDateTime start = ZonedDateTime.now();
        long t0 = System.nanoTime();
        Path dir = outDir != null ? outDir : RunFolder.defaultFor(config.name(), start);
        RunFolder.checkUsable(dir, force);
        LoadedData data = DataLoader.load(config, out);
        return new Prepared(config, data, dir, start, t0);
    }

    /** {@link #prepare} then {@link Prepared#run}. */
    public static SweepResults run(SweepConfig config, TrialBackend backend, Path outDir, boolean force, PrintStream out) {
        return prepare(config, outDir, force, out).run(backend, out);
    }

    private static SweepResults execute(Prepared p, TrialBackend backend, PrintStream out) {
        SweepConfig config = p.config;
        LoadedData data = p.data;
        Path dir = p.dir;
        ZonedDateTime start = p.start;
        long t0 = p.t0;
        RunFolder.create(dir);
        out.printf(Locale.ROOT, "Sweep %s: %d trials on %s; %d train / %d validation / %d test rows -> %s%n",
                config.name(), config.trials().size(), backend.master(),
                data.sweepData().train().rows(), data.sweepData().validation().rows(), data.test().rows(), dir);

        List<TrialResult> results = new ArrayList<>();
        TrialOutcome[] best = {null};
        backend.run(config.trials(), data.sweepData(), outcome -> {
            TrialResult r = outcome.result();
            ResultsIO.writeTrial(dir, r);
            results.add(r);
            if (outcome.network() != null && (best[0] == null || Ranking.ORDER.compare(r, best[0].result()) < 0)) {
                best[0] = outcome;
            }
            out.printf(Locale.ROOT, "[%d/%d] trial %s %s: %s val acc %s (%.1fs on %s)%n", results.size(),
                    config.trials().size(), r.id(), r.varied(), r.status().id(),
                    Tables.percent(r.validationAccuracy()), r.wallSeconds(), r.executor());
        });

        List<TrialResult> ranked = Ranking.rank(results);
        TestReport test = null;
        if (best[0] != null) {
            Network network = best[0].network();
            Evaluation e = Evaluator.evaluate(network, data.test());
            test = new TestReport(best[0].result().id(), data.test().rows(), e.accuracy(), e.loss(), e.confusion());
            ModelFile.write(dir.resolve("best-model.h5"), network);
        }
        List<TrialResult> inOrder = new ArrayList<>(results);
        inOrder.sort(java.util.Comparator.comparingInt(TrialResult::index));
        SweepResults sweep = new SweepResults(SweepResults.SCHEMA_VERSION, config.name(),
                config.source().toString(), config.asRun(), data.description(), environment(backend),
                start.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), (System.nanoTime() - t0) / 1e9,
                inOrder, ranked.stream().map(TrialResult::id).toList(), test);
        ResultsIO.writeCsv(dir.resolve("results.csv"), ranked);
        ResultsIO.writeResults(dir.resolve("results.json"), sweep);
        printSummary(sweep, ranked, dir, out);
        return sweep;
    }

    private static void printSummary(SweepResults sweep, List<TrialResult> ranked, Path dir, PrintStream out) {
        out.println();
        out.print(Tables.ranked(ranked));
        out.println();
        if (sweep.test() != null) {
            TrialResult b = ranked.get(0);
            out.printf(Locale.ROOT, "Best trial: %s %s, validation accuracy %s%n", b.id(), b.varied(),
                    Tables.percent(b.validationAccuracy()));
            out.printf(Locale.ROOT, "Test accuracy of the best trial: %s on %d rows (loss %.4f)%n",
                    Tables.percent(sweep.test().accuracy()), sweep.test().rows(), sweep.test().loss());
        } else {
            out.println("No trial finished without diverging or failing: no best model, no test report.");
        }
        long failed = ranked.stream().filter(r -> r.status() == TrialStatus.FAILED).count();
        if (failed > 0) {
            out.printf(Locale.ROOT, "%d of %d trials FAILED; the sweep is incomplete.%n", failed, ranked.size());
        }
        out.printf(Locale.ROOT, "Wrote %s/{results.json, results.csv%s} in %.1fs%n", dir,
                sweep.test() != null ? ", best-model.h5" : "", sweep.wallSeconds());
    }

    private static Map<String, Object> environment(TrialBackend backend) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("master", backend.master());
        env.put("sparkVersion", backend.engineVersion());
        env.put("javaVersion", System.getProperty("java.version"));
        env.put("blas", dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getName());
        env.put("sparksweepVersion", SweepJob.class.getPackage().getImplementationVersion());
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        return env;
    }
}
