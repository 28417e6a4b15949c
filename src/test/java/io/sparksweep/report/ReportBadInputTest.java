package io.sparksweep.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparksweep.cli.Main;
import io.sparksweep.results.ResultsIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private record Out(int code, String stdout, String stderr) {
    }

    private static Out report(Path runDir) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.execute(new String[]{"report", runDir.toString()});
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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
        Out out = report(run);
        assertEquals(2, out.code);
        assertEquals("sweep: " + run.resolve("results.json") + ": trials[0].varied is missing or null, expected an object "
                + "of the trial's grid values\n", out.stderr);
        assertEquals("", out.stdout);
        assertEquals(List.of("", "results.json"), contents(), "no charts/ folder, no report.html");
    }

    @Test
    void invalidJsonCreatesNothing() throws IOException {
        Files.writeString(run.resolve("results.json"), "{\"schemaVersion\": 1, \"wallSeconds\": Infinity}");
        Out out = report(run);
        assertEquals(2, out.code);
        assertEquals("sweep: " + run.resolve("results.json") + ":1:45: not a valid results file: NaN or Infinity is not a "
                + "JSON number, expected a finite number\n", out.stderr);
        assertEquals(List.of("", "results.json"), contents());
    }

    @Test
    void aFailedReportKeepsTheChartsAndPageOfTheLastOne() throws IOException {
        ObjectNode root = goodResults();
        assertEquals(0, report(run).code);
        List<String> before = contents();
        String page = Files.readString(run.resolve(ReportWriter.REPORT_FILE));
        ((ObjectNode) root.get("trials").get(1)).putNull("id");
        Files.writeString(run.resolve("results.json"), root.toString());
        Out out = report(run);
        assertEquals(2, out.code);
        assertEquals("sweep: " + run.resolve("results.json") + ": trials[1].id is missing or null, expected the trial's id, "
                + "a string\n", out.stderr);
        assertEquals(before, contents());
        assertEquals(page, Files.readString(run.resolve(ReportWriter.REPORT_FILE)));
    }
}
