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

    @Option(names = "--metric", paramLabel = "NAME", defaultValue = "val_accuracy",
            description = "val_accuracy, val_loss, train_accuracy, train_loss or test_accuracy (best trial only) "
                    + "(default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text",
            description = "text, markdown, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        Metric m = Metric.fromId(metric);
        ComparisonFormat f = ComparisonFormat.fromId(format);
        Comparison c = Comparison.of(RunTable.load(runA), RunTable.load(runB), m, tolerance);
        System.out.print(f.render(c));
        System.out.flush();
        return c.exceeding() > 0 ? Main.EXIT_FAILURE : 0;
    }
}
