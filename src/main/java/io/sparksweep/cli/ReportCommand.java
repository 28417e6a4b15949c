package io.sparksweep.cli;

import io.sparksweep.BadInputException;
import io.sparksweep.report.ReportWriter;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.SweepResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sweep report RUN_DIR}: regenerates a run folder's report.html from its results.json. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Regenerate RUN_DIR/report.html and its charts (RUN_DIR/charts/*.png) from RUN_DIR/results.json."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "Run folder written by 'sweep run'.")
    Path runDir;

    @Override
    public Integer call() {
        if (!Files.isDirectory(runDir)) {
            throw new BadInputException(runDir + ": not a folder, expected a run folder written by 'sweep run'");
        }
        SweepResults results = ResultsIO.readResults(runDir.resolve("results.json"));
        Path report = ReportWriter.write(runDir, results);
        System.out.println("Wrote " + report);
        return 0;
    }
}
