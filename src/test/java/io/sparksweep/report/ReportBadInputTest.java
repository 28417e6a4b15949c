package io.sparksweep.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.cli.CliRun;
import io.sparksweep.results.ResultsIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.sparksweep.results.ResultsFixtures.ok;
import static io.sparksweep.results.ResultsFixtures.results;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code sweep report} of a run folder whose results.json cannot be used: one line, exit 2, the folder as it was. */
class ReportBadInputTest {
    @TempDir
    Path run;

    private static CliRun report(Path runDir) {
        return CliRun.of("report", runDir.toString());
    }

    private List<String> contents() throws IOException {
        try (Stream<Path> files = Files.walk(run)) {
            return files.map(p -> run.relativize(p).toString()).sorted().toList();
        }
    }

    private ObjectNode goodResults() throws IOException {
        ResultsIO.writeResults(run.resolve("results.json"), results("r", List.of(ok("t1", 0, "relu", 1e-3, 0.9),
                ok("t2", 1, "tanh", 1e-3, 0.8))));
        return (ObjectNode) ResultsIO.json().readTree(run.resolve("results.json").toFile());
    }

    @Test
    void incompleteResultsCreateNothing() throws IOException {
        ObjectNode root = goodResults();
        ((ObjectNode) root.get("trials").get(0)).remove("varied");
        Files.writeString(run.resolve("results.json"), root.toString());
        CliRun out = report(run);
        assertEquals(2, out.exit());
        assertEquals("sweep: " + run.resolve("results.json") + ": trials[0].varied is missing or null, expected an object "
                + "of the trial's grid values\n", out.err());
        assertEquals("", out.out());
        assertEquals(List.of("", "results.json"), contents(), "no charts/ folder, no report.html");
    }

    @Test
    void invalidJsonCreatesNothing() throws IOException {
        Files.writeString(run.resolve("results.json"), "{\"schemaVersion\": 1, \"wallSeconds\": Infinity}");
        CliRun out = report(run);
        assertEquals(2, out.exit());
        assertEquals("sweep: " + run.resolve("results.json") + ":1:45: not a valid results file: NaN or Infinity is not a "
                + "JSON number, expected a finite number\n", out.err());
        assertEquals(List.of("", "results.json"), contents());
    }

    @Test
    void aFailedReportKeepsTheChartsAndPageOfTheLastOne() throws IOException {
        ObjectNode root = goodResults();
        assertEquals(0, report(run).exit());
        List<String> before = contents();
        String page = Files.readString(run.resolve(ReportWriter.REPORT_FILE));
        ((ObjectNode) root.get("trials").get(1)).putNull("id");
        Files.writeString(run.resolve("results.json"), root.toString());
        CliRun out = report(run);
        assertEquals(2, out.exit());
        assertEquals("sweep: " + run.resolve("results.json") + ": trials[1].id is missing or null, expected the trial's id, "
                + "a string\n", out.err());
        assertEquals(before, contents());
        assertEquals(page, Files.readString(run.resolve(ReportWriter.REPORT_FILE)));
    }
}
