package io.sparksweep.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparksweep.BadInputException;
import io.sparksweep.Csv;
import io.sparksweep.cli.Main;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.sparksweep.results.ResultsFixtures.ok;
import static io.sparksweep.results.ResultsFixtures.provenance;
import static io.sparksweep.results.ResultsFixtures.results;
import static io.sparksweep.results.ResultsFixtures.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareTest {
    @TempDir
    Path dir;

    /** Run A: relu/tanh x 1e-3/1e-4 in one order. */
    private static SweepResults runA() {
        return results("a", List.of(ok("a1", 0, "relu", 1e-3, 0.94), ok("a2", 1, "relu", 1e-4, 0.90),
                ok("a3", 2, "tanh", 1e-3, 0.92), ok("a4", 3, "tanh", 1e-4, 0.85)));
    }

    /** Run B: the same settings in another order with other ids; tanh 1e-4 is 0.02 better, relu 1e-4 missing, sigmoid extra. */
    private static SweepResults runB() {
        return results("b", List.of(ok("b1", 0, "tanh", 1e-4, 0.87), ok("b2", 1, "tanh", 1e-3, 0.921),
                ok("b3", 2, "relu", 1e-3, 0.938), ok("b4", 3, "sigmoid", 1e-3, 0.70)));
    }

    private static Comparison compare(SweepResults a, SweepResults b, Metric m, double tol) {
        return Comparison.of(RunTable.fromResults("A", a), RunTable.fromResults("B", b), m, tol);
    }

    private static Comparison.Pair pair(Comparison c, String activation, String lr) {
        return c.matched().stream()
                .filter(p -> c.shownSettings(p.a()).get("activation").equals(activation)
                        && c.shownSettings(p.a()).get("learningRate").equals(lr))
                .findFirst().orElseThrow(() -> new AssertionError("no pair " + activation + " " + lr));
    }

    @Test
    void matchesTrialsBySettingsNotByPositionOrId() {
        Comparison c = compare(runA(), runB(), Metric.VAL_ACCURACY, 0.005);
        assertEquals(3, c.matched().size());
        Comparison.Pair tanh4 = pair(c, "tanh", "0.0001");
        assertEquals("a4", tanh4.a().label());
        assertEquals("b1", tanh4.b().label());
        assertEquals(0.85, tanh4.valueA(), 1e-12);
        assertEquals(0.87, tanh4.valueB(), 1e-12);
        assertEquals(0.02, tanh4.delta(), 1e-12);
        Comparison.Pair relu3 = pair(c, "relu", "0.001");
        assertEquals("b3", relu3.b().label());
        assertEquals(-0.002, relu3.delta(), 1e-12);
        assertEquals(List.of("activation", "learningRate"), c.columns());
    }

    @Test
    void listsTrialsOnlyInOneRun() {
        Comparison c = compare(runA(), runB(), Metric.VAL_ACCURACY, 0.005);
        assertEquals(List.of("a2"), c.onlyInA().stream().map(RunTable.Row::label).toList());
        assertEquals(List.of("b4"), c.onlyInB().stream().map(RunTable.Row::label).toList());
    }

    @Test
    void flagsOnlyDifferencesBeyondTheTolerance() {
        Comparison c = compare(runA(), runB(), Metric.VAL_ACCURACY, 0.005);
        assertTrue(pair(c, "tanh", "0.0001").exceeds());
        assertFalse(pair(c, "tanh", "0.001").exceeds());
        assertFalse(pair(c, "relu", "0.001").exceeds());
        assertEquals(1, c.exceeding());
        assertEquals(0, compare(runA(), runB(), Metric.VAL_ACCURACY, 0.03).exceeding());
    }

    @Test
    void aDivergedTrialInOneRunOnlyExceedsAnyTolerance() {
        TrialResult diverged = trial("d", 0, "relu", 1e-3, TrialStatus.DIVERGED,
                new double[]{0.5, Double.NaN}, new double[]{2.0, Double.NaN});
        Comparison c = compare(results("a", List.of(ok("a1", 0, "relu", 1e-3, 0.94))), results("b", List.of(diverged)),
                Metric.VAL_ACCURACY, 1.0);
        assertEquals(1, c.exceeding());
        assertTrue(Double.isNaN(c.matched().get(0).valueB()));
    }

    @Test
    void comparesTestAccuracyOfTheTestedTrialsOnly() {
        Comparison c = compare(runA(), runB(), Metric.TEST_ACCURACY, 0.005);
        assertEquals(1, c.matched().size());
        Comparison.Pair p = c.matched().get(0);
        assertEquals(0.938, p.valueA(), 1e-12);
        assertEquals(0.936, p.valueB(), 1e-12);
        assertFalse(p.exceeds());
    }

    @Test
    void exitCodeIsOneWhenADifferenceExceedsTheToleranceAndZeroOtherwise() {
        Path a = write("run-a", runA());
        Path b = write("run-b", runB());
        Out out = run(a.toString(), b.toString());
        assertEquals(1, out.code);
        assertTrue(out.stdout.contains("EXCEEDS"), out.stdout);
        assertTrue(out.stdout.contains("1 of 3 matched trials differ by more than 0.005 in val_accuracy; 1 only in A, 1 only in B."),
                out.stdout);
        assertEquals(0, run(a.toString(), b.toString(), "--tolerance", "0.05").code);
        assertEquals(0, run(a.toString(), a.toString()).code);
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        Path a = write("run-a", runA());
        Out unknownMetric = run(a.toString(), a.toString(), "--metric", "f1");
        assertEquals(2, unknownMetric.code);
        assertEquals("sweep: Invalid value for option '--metric': 'f1' is not a metric, expected one of val_accuracy, "
                + "val_loss, train_accuracy, train_loss, test_accuracy; see 'sweep compare --help'\n", unknownMetric.stderr);
        Out misspelt = run(a.toString(), a.toString(), "--metric", "val_acuracy");
        assertEquals(2, misspelt.code);
        assertTrue(misspelt.stderr.endsWith("test_accuracy (did you mean \"val_accuracy\"?); see 'sweep compare --help'\n"),
                misspelt.stderr);
        Out missing = run(a.toString(), dir.resolve("nope").toString());
        assertEquals(2, missing.code);
        assertEquals("sweep: " + dir.resolve("nope") + ": not found, expected a run folder, a results.json or a CSV file\n",
                missing.stderr);
        Out negative = run(a.toString(), a.toString(), "--tolerance", "-1");
        assertEquals(2, negative.code);
        assertEquals("sweep: --tolerance -1.0: must be a finite number >= 0\n", negative.stderr);
        Out lossVsSeed = run(a.toString(), "conf/seed-reported.csv", "--metric", "val_loss");
        assertEquals(2, lossVsSeed.code);
        assertEquals("sweep: conf/seed-reported.csv: has no val_loss values, so cannot compare --metric val_loss\n",
                lossVsSeed.stderr);
    }

    @Test
    void rejectsTwoTrialsWithTheSameMatchedSettings() {
        RunTable csv = RunTable.fromCsv("x.csv", "activation,val_accuracy\nrelu,0.9\nrelu,0.8\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Comparison.of(RunTable.fromResults("A", runA()), csv, Metric.VAL_ACCURACY, 0.01));
        assertEquals("x.csv: line 2 and line 3 have the same settings [activation], so trials cannot be matched by settings", e.getMessage());
    }

    @Test
    void csvOutputParsesBackToTheSameRows() {
        String csv = ComparisonFormat.CSV.render(compare(runA(), runB(), Metric.VAL_ACCURACY, 0.005));
        List<List<String>> rows = Csv.parse("out", csv);
        assertEquals(List.of("match", "activation", "learningRate", "a", "b", "delta", "exceeds"), rows.get(0));
        assertEquals(6, rows.size());
        List<String> tanh4 = rows.stream().filter(r -> r.get(1).equals("tanh") && r.get(2).equals("0.0001")).findFirst().orElseThrow();
        assertEquals("both", tanh4.get(0));
        assertEquals(0.85, Double.parseDouble(tanh4.get(3)), 1e-12);
        assertEquals(0.87, Double.parseDouble(tanh4.get(4)), 1e-12);
        assertEquals(0.02, Double.parseDouble(tanh4.get(5)), 1e-12);
        assertEquals("true", tanh4.get(6));
        assertEquals(List.of("only_a", "relu", "0.0001", "0.9", "", "", "false"), rows.get(4));
        assertEquals(List.of("only_b", "sigmoid", "0.001", "", "0.7", "", "false"), rows.get(5));
    }

    @Test
    void jsonOutputParsesBackWithNullForMissingValues() throws Exception {
        String json = ComparisonFormat.JSON.render(compare(runA(), runB(), Metric.VAL_ACCURACY, 0.005));
        JsonNode root = ResultsIO.json().readTree(json);
        assertEquals("val_accuracy", root.get("metric").asText());
        assertEquals(0.005, root.get("tolerance").asDouble());
        assertEquals(1, root.get("exceeding").asInt());
        assertEquals(3, root.get("matched").size());
        JsonNode first = root.get("matched").get(0);
        assertEquals("relu", first.get("settings").get("activation").asText());
        assertEquals(0.94, first.get("a").asDouble(), 1e-12);
        assertEquals(0.938, first.get("b").asDouble(), 1e-12);
        assertFalse(first.get("exceeds").asBoolean());
        assertEquals("sigmoid", root.get("onlyInB").get(0).get("settings").get("activation").asText());
        assertEquals("0.0001", root.get("onlyInA").get(0).get("settings").get("learningRate").asText());
    }

    @Test
    void markdownOutputIsATableWithOneRowPerMatchedTrial() {
        String md = ComparisonFormat.MARKDOWN.render(compare(runA(), runB(), Metric.VAL_ACCURACY, 0.005));
        List<String[]> table = md.lines().filter(l -> l.startsWith("|"))
                .map(l -> Arrays.stream(l.substring(1, l.length() - 1).split("\\|")).map(String::trim).toArray(String[]::new))
                .toList();
        assertEquals(List.of("activation", "learningRate", "A", "B", "delta", "exceeds"), List.of(table.get(0)));
        assertEquals(5, table.size());
        assertEquals(List.of("tanh", "0.0001", "0.8500", "0.8700", "+0.0200", "**yes**"), List.of(table.get(4)));
        assertTrue(md.contains("Only in A:\n\n- activation=relu, learningRate=0.0001: 0.9000\n"), md);
    }

    @Test
    void comparesARunWithTheSeedsReportedTableMatchingNumbersNumerically() {
        RunTable seed = RunTable.load(Path.of("conf/seed-reported.csv"));
        assertEquals(6, seed.rows().size());
        SweepResults run = results("seed", List.of(ok("r3", 0, "relu", 0.001, 0.9386), ok("t5", 1, "tanh", 1.0E-5, 0.6153)));
        Comparison c = Comparison.of(RunTable.fromResults("run", run), seed, Metric.VAL_ACCURACY, 0.005);
        assertEquals(List.of("activation", "learningRate"), c.columns());
        assertEquals(2, c.matched().size());
        Comparison.Pair relu = pair(c, "relu", "0.001");
        assertEquals(0.9436, relu.valueB(), 1e-12);
        assertEquals(0.005, relu.delta(), 1e-9);
        assertFalse(relu.exceeds());
        Comparison.Pair tanh = pair(c, "tanh", "0.00001");
        assertEquals(0.5004, tanh.valueB(), 1e-12);
        assertTrue(tanh.exceeds());
        assertEquals(4, c.onlyInB().size());
        Comparison train = Comparison.of(RunTable.fromResults("run", run), seed, Metric.TRAIN_ACCURACY, 0.005);
        assertEquals(0.9536, pair(train, "relu", "0.001").valueB(), 1e-12);
    }

    @Test
    void canonicalValuesMatchAcrossNotations() {
        assertEquals(Comparison.canonical("1e-3"), Comparison.canonical(0.001));
        assertEquals(Comparison.canonical(" ReLU "), Comparison.canonical(List.of("relu")));
        assertEquals(Comparison.canonical("100"), Comparison.canonical(List.of(100)));
        assertEquals(Comparison.canonical("100-50"), Comparison.canonical(List.of(100, 50)));
        assertFalse(Comparison.canonical("1e-4").equals(Comparison.canonical(0.001)));
    }

    private Path write(String name, SweepResults r) {
        Path d = dir.resolve(name);
        try {
            Files.createDirectories(d);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ResultsIO.writeResults(d.resolve("results.json"), r);
        return d;
    }

    private record Out(int code, String stdout, String stderr) {
    }

    private static Out run(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "compare";
        System.arraycopy(args, 0, full, 1, args.length);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.execute(full);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Out(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static SweepResults withCores(SweepResults r, String core) {
        List<TrialResult> trials = r.trials().stream().map(t -> t.withProvenance(provenance(core, "node1"))).toList();
        return results(r.sweep(), trials);
    }

    @Test
    void runsThatDisagreeShowTheirBlasDifference() {
        Comparison c = compare(withCores(runA(), "Zen"), withCores(runB(), "Haswell"), Metric.VAL_ACCURACY, 0.005);
        assertTrue(c.exceeding() > 0);
        List<String> diff = c.environmentDifferences();
        assertEquals(1, diff.size(), diff.toString());
        assertTrue(diff.get(0).startsWith("BLAS set-up: A bundled OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Zen"), diff.get(0));
        assertTrue(diff.get(0).contains(" | B bundled OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Haswell"), diff.get(0));
        String text = ComparisonFormat.TEXT.render(c);
        assertTrue(text.contains("Environment differences (they can explain differences in the last bits):\n  BLAS set-up: A "), text);
        assertTrue(ComparisonFormat.MARKDOWN.render(c).contains("\n- BLAS set-up: A "));
    }

    @Test
    void environmentDifferencesAreOmittedFromTextWhenRunsAgreeButAlwaysInJson() throws Exception {
        Comparison c = compare(withCores(runA(), "Zen"), withCores(runA(), "Haswell"), Metric.VAL_ACCURACY, 0);
        assertEquals(0, c.exceeding());
        assertFalse(ComparisonFormat.TEXT.render(c).contains("Environment differences"));
        JsonNode json = ResultsIO.json().readTree(ComparisonFormat.JSON.render(c));
        assertEquals(1, json.get("environmentDifferences").size());
    }

    @Test
    void sameEnvironmentOrNoProvenanceGivesNoDifference() {
        assertEquals(List.of(), compare(withCores(runA(), "Zen"), withCores(runB(), "Zen"), Metric.VAL_ACCURACY, 0)
                .environmentDifferences());
        assertEquals(List.of(), compare(runA(), runB(), Metric.VAL_ACCURACY, 0).environmentDifferences());
        List<String> oneSided = compare(withCores(runA(), "Zen"), runB(), Metric.VAL_ACCURACY, 0).environmentDifferences();
        assertEquals(List.of("provenance: only A records where its trials ran; B (B) has none"), oneSided);
    }

    @Test
    void runsOfDifferentSweepsThatMatchNoTrialAreRefused() {
        SweepResults other = results("c", List.of(ok("c1", 0, "sigmoid", 0.5, 0.7), ok("c2", 1, "sigmoid", 0.1, 0.8)));
        BadInputException e = assertThrows(BadInputException.class, () -> compare(runA(), other, Metric.VAL_ACCURACY, 0.005));
        assertEquals("A and B: no trial of A (4 trials) matches one of B (2 trials) on the settings hidden, activation, epochs, "
                + "learningRate, schedule, expected at least one trial with the same settings in both (such as two runs of "
                + "one sweep)", e.getMessage());
        Out out = run(write("run-a", runA()).toString(), write("run-c", other).toString());
        assertEquals(2, out.code);
        assertEquals("", out.stdout);
    }

    @Test
    void aSideWithoutTrialsIsNamedAsTheOneAtFault() {
        Path a = write("run-a", runA());
        Path empty = write("run-empty", results("e", List.of()));
        Out out = run(a.toString(), empty.toString());
        assertEquals(2, out.code);
        assertEquals("sweep: " + empty + ": has no trials, expected at least one trial to compare\n", out.stderr);
        assertEquals("sweep: " + empty + ": has no trials, expected at least one trial to compare\n",
                run(empty.toString(), a.toString()).stderr);
        RunTable headerOnly = RunTable.fromCsv("b.csv", "activation,learningRate,val_accuracy\n");
        assertEquals("b.csv: has no trials, expected at least one trial to compare", assertThrows(BadInputException.class,
                () -> Comparison.of(RunTable.fromResults("A", runA()), headerOnly, Metric.VAL_ACCURACY, 0.01)).getMessage());
    }

    @Test
    void anIncompleteResultsFileExitsTwoWithOneLineNamingTheField() throws Exception {
        Path a = write("run-a", runA());
        Path b = write("run-b", runB());
        Path results = b.resolve("results.json");
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) ResultsIO.json().readTree(results.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("trials").get(1)).putNull("curve");
        Files.writeString(results, root.toString());
        Out out = run(a.toString(), b.toString());
        assertEquals(2, out.code);
        assertEquals("sweep: " + results + ": trials[1].curve is missing or null, expected an object of per-epoch metrics: "
                + "learningRate, trainLoss, trainAccuracy, validationLoss, validationAccuracy\n", out.stderr);
        root.remove("trials");
        Files.writeString(results, root.toString());
        assertEquals("sweep: " + results + ": trials is missing or null, expected an array of trial objects\n",
                run(a.toString(), b.toString()).stderr);
    }

    @Test
    void csvColumnsThatAreNeitherSettingsNorMetricsAreRefusedByName() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> RunTable.fromCsv("x.csv", "activation,learningRat,val_accuracy\nrelu,1e-3,0.9\n"));
        assertEquals("x.csv: unknown column \"learningRat\" (did you mean \"learningRate\"?), expected settings hidden, "
                + "activation, epochs, batchSize, learningRate, reduction, schedule, init, initSigma, shuffle, metrics "
                + "val_accuracy, val_loss, train_accuracy, train_loss, test_accuracy or columns of results.csv rank, trial, "
                + "status, epochs_run, bracket, rung, top_rung, wall_seconds, cpu_seconds, executor, error, note",
                e.getMessage());
        assertEquals("x.csv: header column 3 \"activation\" repeats column 1, expected each column once",
                assertThrows(BadInputException.class,
                        () -> RunTable.fromCsv("x.csv", "activation,val_accuracy,activation\nrelu,0.9,tanh\n")).getMessage());
        assertEquals(List.of("activation"), List.copyOf(RunTable.fromCsv("x.csv", "\uFEFFactivation,val_accuracy,note\n"
                + "relu,0.9,by hand\n").rows().get(0).settings().keySet()), "a byte order mark is not part of the first name");
    }

    @Test
    void aCsvThatIsNotUtf8TextSaysSo() throws Exception {
        Path binary = dir.resolve("binary.csv");
        Files.write(binary, new byte[]{(byte) 0xff, (byte) 0xfe, 'a', ',', 'b', '\n'});
        assertEquals(binary + ": not a UTF-8 text CSV, expected a CSV file of results with a header row",
                assertThrows(BadInputException.class, () -> RunTable.load(binary)).getMessage());
        Files.write(binary, new byte[]{'a', 0, 'b', '\n'});
        assertEquals(binary + ": not a UTF-8 text CSV (it holds NUL bytes), expected a CSV file of results with a header row",
                assertThrows(BadInputException.class, () -> RunTable.load(binary)).getMessage());
    }
}
