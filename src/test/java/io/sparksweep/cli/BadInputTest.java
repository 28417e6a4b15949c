package io.sparksweep.cli;

import io.sparksweep.results.ModelFile;
import io.sparksweep.sweep.Fixtures;
import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Architecture;
import io.sparksweep.nn.Initializer;
import io.sparksweep.nn.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad input the user can give gets exit code 2, one line on stderr naming the
 * file, field or option, the bad value and the expectation, and no output folder. None of these
 * cases starts Spark: inputs are checked first.
 */
class BadInputTest {
    private static final Path FIXTURES = Path.of("src/test/resources/data").toAbsolutePath();

    @TempDir
    static Path dir;

    @BeforeAll
    static void files() throws IOException {
        Fixtures.writeBlobFiles(dir);
        Files.writeString(dir.resolve("text.h5"), "this is not HDF5\n");
        Files.createDirectories(dir.resolve("existing-run"));
        // A model for 8 inputs, 6 hidden, 3 classes: fits the blobs; and one for 5 inputs: does not.
        ModelFile.write(dir.resolve("fits.h5"), Network.initialise(
                new Architecture(8, new int[]{6}, new Activation[]{Activation.RELU}, 3), Initializer.HE, 1, 1));
        ModelFile.write(dir.resolve("misfit.h5"), Network.initialise(
                new Architecture(5, new int[]{6}, new Activation[]{Activation.RELU}, 3), Initializer.HE, 1, 1));
    }

    /** A blob config whose data block or training settings are replaced. */
    private static String config(String name, String data, String training) {
        String d = data != null ? data
                : "{\"train\": \"" + dir.resolve("train.h5") + "\", \"test\": \"" + dir.resolve("test.h5") + "\"}";
        return "{\"name\": \"" + name + "\", \"data\": " + d + ", \"training\": {\"hidden\": [6], \"epochs\": 1"
                + (training.isEmpty() ? "" : ", " + training) + "}}";
    }

    private static String dataBlock(String train, String features) {
        return dataBlock(train, dir.resolve("test.h5").toString(), features);
    }

    private static String dataBlock(String train, String test, String features) {
        return "{\"train\": \"" + train + "\", \"test\": \"" + test + "\", \"features\": \"" + features + "\"}";
    }

    static Stream<Arguments> badRuns() {
        Path fx = FIXTURES;
        return Stream.of(
                Arguments.of("missing data file", config("a", dataBlock(dir.resolve("nope.h5").toString(), "xdata"), ""),
                        dir.resolve("nope.h5") + ": data file not found"),
                Arguments.of("not HDF5", config("b", dataBlock(dir.resolve("text.h5").toString(), "xdata"), ""),
                        "text.h5: not an HDF5 file"),
                Arguments.of("missing dataset", config("c", dataBlock(dir.resolve("train.h5").toString(), "pixels"), ""),
                        "train.h5: no dataset 'pixels' (found: xdata, ydata)"),
                Arguments.of("wrong shape", config("d", dataBlock(dir.resolve("train.h5").toString(),
                                fx.resolve("bad_shape.h5").toString(), "xdata"), ""),
                        "bad_shape.h5: dataset 'xdata' has shape (12, 5), expected (N, 8)"),
                Arguments.of("labels not one-hot", config("e", dataBlock(fx.resolve("bad_not_onehot.h5").toString(), "xdata"), ""),
                        "bad_not_onehot.h5: dataset 'ydata' row "),
                Arguments.of("NaN in xdata", config("f", dataBlock(fx.resolve("bad_nan.h5").toString(), "xdata"), ""),
                        "bad_nan.h5: dataset 'xdata' has NaN at row "),
                Arguments.of("JSON syntax", "{\"name\": \"g\",, }", "JSON-syntax.json:1:14: invalid JSON: Unexpected character"),
                Arguments.of("unknown field", config("h", null, "\"epoch\": 3"),
                        "training.epoch is not a known field"),
                Arguments.of("unknown activation", config("i", null, "\"activation\": \"swish\""),
                        "training.activation = \"swish\", expected one of relu, tanh, sigmoid, leaky_relu"),
                Arguments.of("learning rate <= 0", config("j", null, "\"learningRate\": -0.1"),
                        "training.learningRate = -0.1, expected a finite number > 0"),
                Arguments.of("empty grid", config("k", null, "").replace("}}", "}, \"grid\": {\"learningRate\": []}}"),
                        "grid.learningRate = [], expected a non-empty list of values"),
                Arguments.of("batch larger than training set", config("l", null, "\"batchSize\": 100000"),
                        "batchSize = 100000"),
                Arguments.of("epochs < 1", config("m", null, "\"epochs\": 0").replace("\"epochs\": 1, ", ""),
                        "training.epochs = 0, expected an integer >= 1"),
                Arguments.of("model that does not fit", config("n", null, "\"init\": \"" + dir.resolve("misfit.h5") + "\""),
                        "misfit.h5: model has layer sizes [5, 6, 3], expected [8, 6, 3]"));
    }

    private record Run(int exit, String err, String out) {
    }

    private static Run sweep(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        int exit;
        try {
            CommandLine cmd = Main.commandLine();
            cmd.setErr(new PrintWriter(err, true));
            exit = cmd.execute(args);
        } finally {
            System.setOut(previous);
        }
        return new Run(exit, err.toString(), stdout.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRuns")
    void badInputExitsWithCode2AndOneLineAndWritesNothing(String what, String json, String expected) throws IOException {
        Path conf = dir.resolve(what.replaceAll("\\W+", "-") + ".json");
        Files.writeString(conf, json);
        Path out = dir.resolve("out-" + what.replaceAll("\\W+", "-"));
        Run run = sweep("run", conf.toString(), "--out", out.toString(), "--master", "local[1]");
        assertEquals(2, run.exit(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("sweep: "), lines.get(0));
        assertTrue(lines.get(0).contains(expected), "expected '" + expected + "' in: " + lines.get(0));
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(Files.exists(out), "no output folder for bad input");
    }

    @Test
    void existingOutputFolderIsRefusedWithoutForce() throws IOException {
        Path conf = dir.resolve("ok.json");
        Files.writeString(conf, config("ok", null, ""));
        Run run = sweep("run", conf.toString(), "--out", dir.resolve("existing-run").toString());
        assertEquals(2, run.exit());
        assertEquals("sweep: --out " + dir.resolve("existing-run") + ": folder exists; pass --force to overwrite it or choose another folder",
                run.err().strip());
    }

    @Test
    void predictRejectsModelThatDoesNotFitTheData() {
        Run run = sweep("predict", "--model", dir.resolve("misfit.h5").toString(), "--data", dir.resolve("test.h5").toString());
        assertEquals(2, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("test.h5") && run.err().contains("5"), run.err());
    }

    @Test
    void unknownOptionIsExitCode2WithUsageHint() {
        Run run = sweep("run", "conf/smoke.json", "--mastr", "local[1]");
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("sweep: Unknown options: '--mastr'"), run.err());
    }

    @Test
    void dryRunListsTheTrialsWithoutTouchingData() {
        Run run = sweep("run", "conf/mnist-seed.json", "--dry-run");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(List.of("conf/mnist-seed.json: 6 trials", "", "#  trial     activation  learningRate"),
                lines.subList(0, 3));
        assertTrue(lines.get(4).matches("0  [0-9a-f]{8}  relu                1e-5"), lines.get(4));
        assertEquals(10, lines.size());
    }

    @Test
    void helpWorksOnEverySubcommand() {
        for (String[] args : List.of(new String[]{"--help"}, new String[]{"run", "--help"}, new String[]{"data", "--help"},
                new String[]{"data", "mnist", "--help"}, new String[]{"data", "idx", "--help"}, new String[]{"predict", "--help"})) {
            Run run = sweep(args);
            assertEquals(0, run.exit(), String.join(" ", args));
            assertTrue(run.out().contains("Usage: sweep"), String.join(" ", args) + ": " + run.out());
        }
    }

    @Test
    void predictWritesPredictionsAndRefusesToOverwrite() throws IOException {
        Path csv = dir.resolve("pred.csv");
        Run first = sweep("predict", "--model", dir.resolve("fits.h5").toString(), "--data", dir.resolve("test.h5").toString(),
                "--out", csv.toString());
        assertEquals(0, first.exit(), first.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(151, lines.size());
        assertEquals("row,predicted,label,p0,p1,p2", lines.get(0));
        String[] row = lines.get(1).split(",");
        double sum = Double.parseDouble(row[3]) + Double.parseDouble(row[4]) + Double.parseDouble(row[5]);
        assertEquals(1.0, sum, 1e-5);
        Run second = sweep("predict", "--model", dir.resolve("fits.h5").toString(), "--data", dir.resolve("test.h5").toString(),
                "--out", csv.toString());
        assertEquals(2, second.exit());
        assertTrue(second.err().contains("pass --force"), second.err());
    }
}
