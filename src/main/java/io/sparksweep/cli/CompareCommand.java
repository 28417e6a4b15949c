package io.sparksweep.cli;

import io.sparksweep.compare.Comparison;
import io.sparksweep.compare.ComparisonFormat;
import io.sparksweep.compare.Metric;
import io.sparksweep.compare.RunTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sweep compare RUN_A RUN_B}: matches two runs' trials by settings and compares one metric. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Match the trials of two runs by their settings and compare one metric side by side.",
                "RUN_A and RUN_B are run folders, results.json files or CSV files of reported results",
                "(e.g. conf/seed-reported.csv). Exit code 1 when a matched trial differs by more than",
                "the tolerance (or has a value in one run only), 0 otherwise, 2 for bad input."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_A", description = "First run (the reference).")
    Path runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "Second run; deltas are B - A.")
    Path runB;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "0.005",
            description = "Largest allowed |B - A|, in the metric's units (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = "val_accuracy", converter = MetricIds.class,
            completionCandidates = MetricIds.class,
            description = "${COMPLETION-CANDIDATES} (test_accuracy: best trial only) (default: ${DEFAULT-VALUE}).")
    Metric metric;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", converter = FormatIds.class,
            completionCandidates = FormatIds.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ComparisonFormat format;

    @Override
    public Integer call() {
        Comparison c = Comparison.of(RunTable.load(runA), RunTable.load(runB), metric, tolerance);
        System.out.print(format.render(c));
        System.out.flush();
        return c.exceeding() > 0 ? Main.EXIT_FAILURE : 0;
    }

    /** {@code --metric}: the metric ids, {@code val_accuracy} etc. */
    static final class MetricIds extends EnumIds<Metric> {
        MetricIds() {
            super("metric", Metric.values(), Metric::id);
        }
    }

    /** {@code --format}: the format ids, {@code text} etc. */
    static final class FormatIds extends EnumIds<ComparisonFormat> {
        FormatIds() {
            super("format", ComparisonFormat.values(), ComparisonFormat::id);
        }
    }
}
