package io.sparksweep.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparksweep.BadInputException;
import io.sparksweep.data.DataProvenance;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;

class ResultsIOTest {
    @TempDir
    Path dir;

    private static SweepResults sample() throws IOException {
        TrialResult ok = new TrialResult("aaaa1111", 0, Map.of("learningRate", 0.001),
                Map.of("hidden", List.of(100), "learningRate", 0.001), 99, TrialStatus.OK, null,
                new Curve(new double[]{0.1, 0.1}, new double[]{0.9, 0.5}, new double[]{0.7, 0.8},
                        new double[]{0.95, 0.55}, new double[]{0.69, 0.79}), 12.5, 12.0, "1", "123@host", 0);
        TrialResult diverged = new TrialResult("bbbb2222", 1, Map.of("learningRate", 10.0),
                Map.of("hidden", List.of(100), "learningRate", 10.0), 98, TrialStatus.DIVERGED, "loss became NaN or infinite",
                new Curve(new double[]{10}, new double[]{Double.NaN}, new double[]{0.1},
                        new double[]{Double.POSITIVE_INFINITY}, new double[]{0.1}), 1, 1, "0", "124@host", 0);
        TestReport test = new TestReport("aaaa1111", 3, 2.0 / 3, 0.5, new int[][]{{1, 0}, {1, 1}});
        return new SweepResults(SweepResults.SCHEMA_VERSION, "s", "conf/s.json",
                new ObjectMapper().readTree("{\"name\": \"s\"}"),
                new DataProvenance(null, null, "xdata", "ydata", 5, 1, 3, 2, 2, "float32"),
                new RunEnvironment("local[2]", null, null, null, null, null, null, null, null, null, null),
                "2026-01-01T00:00:00Z", 3.5, List.of(ok, diverged), List.of("aaaa1111", "bbbb2222"), test);
    }

    @Test
    void resultsJsonRoundTripsIncludingNaNAndInfinity() throws IOException {
        SweepResults r = sample();
        Path f = dir.resolve("results.json");
        ResultsIO.writeResults(f, r);
        SweepResults back = ResultsIO.readResults(f);
        assertEquals(1, back.schemaVersion());
        assertEquals(r.ranking(), back.ranking());
        assertEquals("s", back.config().get("name").asText());
        assertArrayEquals(r.trials().get(0).curve().validationAccuracy(), back.trials().get(0).curve().validationAccuracy());
        assertTrue(Double.isNaN(back.trials().get(1).curve().trainLoss()[0]));
        assertEquals(Double.POSITIVE_INFINITY, back.trials().get(1).validationLoss());
        assertEquals(TrialStatus.DIVERGED, back.trials().get(1).status());
        assertArrayEquals(new int[]{1, 1}, back.test().confusion()[1]);
        assertEquals(0.5, back.test().perClassAccuracy()[1]);
    }

    @Test
    void trialRecordsAreReadBackInSweepOrder() throws IOException {
        Files.createDirectories(dir.resolve(ResultsIO.TRIALS_DIR));
        SweepResults r = sample();
        ResultsIO.writeTrial(dir, r.trials().get(1));
        ResultsIO.writeTrial(dir, r.trials().get(0));
        List<TrialResult> back = ResultsIO.readTrials(dir);
        assertEquals(List.of("aaaa1111", "bbbb2222"), back.stream().map(TrialResult::id).toList());
        assertEquals(12.5, back.get(0).wallSeconds());
    }

    @Test
    void provenanceRoundTripsThroughTrialRecordsAndResultsJson() throws IOException {
        Files.createDirectories(dir.resolve(ResultsIO.TRIALS_DIR));
        Provenance p = ResultsFixtures.provenance("Haswell", "node7");
        SweepResults r = sample();
        TrialResult withP = r.trials().get(0).withProvenance(p);
        ResultsIO.writeTrial(dir, withP);
        assertEquals(p, ResultsIO.readTrials(dir).get(0).provenance());
        SweepResults withTrial = new SweepResults(r.schemaVersion(), r.sweep(), r.configFile(), r.config(), r.data(),
                r.environment(), r.startedAt(), r.wallSeconds(), List.of(withP, r.trials().get(1)), r.ranking(), r.test());
        ResultsIO.writeResults(dir.resolve("results.json"), withTrial);
        SweepResults back = ResultsIO.readResults(dir.resolve("results.json"));
        assertEquals(p, back.trials().get(0).provenance());
        assertEquals(null, back.trials().get(1).provenance());
    }

    @Test
    void recordsWrittenBeforeProvenanceExistedStillRead() throws IOException {
        Files.createDirectories(dir.resolve(ResultsIO.TRIALS_DIR));
        // A trial record exactly as SparkSweep wrote it before this field existed (no "provenance" key).
        String old = """
                {"id": "cccc3333", "index": 2, "varied": {"learningRate": 0.01},
                 "settings": {"hidden": [100], "learningRate": 0.01}, "seed": 7, "status": "ok", "error": null,
                 "curve": {"learningRate": [0.01], "trainLoss": [0.5], "trainAccuracy": [0.8],
                           "validationLoss": [0.6], "validationAccuracy": [0.75]},
                 "wallSeconds": 2.0, "cpuSeconds": 1.9, "executor": "driver", "process": "1@host", "attempt": 0}
                """;
        Files.writeString(dir.resolve(ResultsIO.TRIALS_DIR).resolve("cccc3333.json"), old);
        TrialResult back = ResultsIO.readTrials(dir).get(0);
        assertEquals("cccc3333", back.id());
        assertEquals(0.75, back.validationAccuracy());
        assertEquals(null, back.provenance());
    }

    @Test
    void resultsJsonOfAnEarlierRunReadsIntoTheTypedRecordsAndWritesBackTheSameDataAndEnvironment() throws IOException {
        // Written by SparkSweep before data and environment were typed (they were maps then).
        Path earlier = Path.of("docs/results/mnist-seed/results.json");
        SweepResults r = ResultsIO.readResults(earlier);
        assertEquals("data/mnist_traindata.hdf5", r.data().train().path());
        assertEquals(64, r.data().test().sha256().length());
        assertEquals(50000, r.data().trainRows());
        assertEquals(10000, r.data().validationRows());
        assertEquals("uint8/255", r.data().storage());
        assertEquals("local[*]", r.environment().master());
        assertEquals(false, r.environment().mixedBlas());
        assertEquals(6, r.environment().blasSetups().get(0).trials());
        JsonNode stored = ResultsIO.json().readTree(earlier.toFile());
        JsonNode written = ResultsIO.json().readTree(ResultsIO.toJson(r));
        assertEquals(stored.get("data"), written.get("data"));
        assertEquals(stored.get("environment"), written.get("environment"));
        assertEquals((iterable(stored.get("environment").fieldNames())),
                (iterable(written.get("environment").fieldNames())), "same field order");
    }

    @Test
    void environmentOfARunBeforeTrialProvenanceReadsWithoutTheBlasSetupsAndWritesBackAsItWas() throws IOException {
        Path f = dir.resolve("results.json");
        Files.writeString(f, """
                {"schemaVersion": 1, "sweep": "s", "environment": {"master": "local[2]", "sparkVersion": "Spark 4.2.0",
                 "javaVersion": "17", "blas": "dev.ludovic.netlib.blas.JNIBLAS", "sparksweepVersion": "0.1.0",
                 "os": "Linux amd64", "cores": 2}, "trials": [], "ranking": []}
                """);
        RunEnvironment env = ResultsIO.readResults(f).environment();
        assertEquals("local[2]", env.master());
        assertEquals(2, env.cores());
        assertNull(env.blasSetup());
        assertNull(env.mixedBlas());
        assertNull(env.blasSetups());
        JsonNode written = ResultsIO.json().readTree(ResultsIO.toJson(env));
        assertEquals(ResultsIO.json().readTree(f.toFile()).get("environment"), written, "written back as it was");
    }

    private static <T> List<T> iterable(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void csvHasOneRankedRowPerTrial() throws IOException {
        SweepResults r = sample();
        Path f = dir.resolve("results.csv");
        ResultsIO.writeCsv(f, Ranking.rank(r.trials()));
        List<String> lines = Files.readAllLines(f);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("rank,trial,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("1,aaaa1111,"), lines.get(1));
        assertTrue(lines.get(1).contains(",ok,0.5,0.8,0.55,0.79,2,12.500,12.000,1,"), lines.get(1));
        assertTrue(lines.get(2).contains(",diverged,"), lines.get(2));
    }

    @Test
    void unreadableResultsFileIsOneLine() throws IOException {
        Path f = dir.resolve("results.json");
        Files.writeString(f, "{\"schemaVersion\": ");
        String message = assertThrows(BadInputException.class, () -> ResultsIO.readResults(f)).getMessage();
        assertEquals(f + ":1:19: not a valid results file: the file ends before the JSON value is complete", message);
    }

    /** A complete trial, as one line of JSON, for tests to break one field of. */
    private static final String TRIAL = "{\"id\": \"t1\", \"index\": 0, \"varied\": {\"learningRate\": 0.1}, "
            + "\"settings\": {\"learningRate\": 0.1}, \"seed\": 1, \"status\": \"ok\", \"curve\": {\"learningRate\": [0.1], "
            + "\"trainLoss\": [0.5], \"trainAccuracy\": [0.8], \"validationLoss\": [0.6], \"validationAccuracy\": [0.7]}, "
            + "\"wallSeconds\": 1, \"cpuSeconds\": 1, \"executor\": \"driver\", \"process\": \"1@h\", \"attempt\": 0}";

    private static ObjectNode trialNode() {
        try {
            return (ObjectNode) ResultsIO.json().readTree(TRIAL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** results.json with the trials {@code edit} leaves (it gets {@link #TRIAL} as an object). */
    private static String resultsWith(Consumer<ObjectNode> edit) {
        ObjectNode root = ResultsIO.json().createObjectNode().put("schemaVersion", 1).put("sweep", "s");
        root.putArray("trials").add(trialNode());
        edit.accept(root);
        return root.toString();
    }

    private static Consumer<ObjectNode> trial(Consumer<ObjectNode> edit) {
        return root -> edit.accept((ObjectNode) root.get("trials").get(0));
    }

    private static Consumer<ObjectNode> curve(Consumer<ObjectNode> edit) {
        return trial(t -> edit.accept((ObjectNode) t.get("curve")));
    }

    private static Named<Consumer<ObjectNode>> edit(String name, Consumer<ObjectNode> edit) {
        return named(name, edit);
    }

    static Stream<Arguments> incompleteResults() {
        String curve = "an object of per-epoch metrics: learningRate, trainLoss, trainAccuracy, validationLoss, validationAccuracy";
        return Stream.of(
                Arguments.of(edit("no trials", r -> r.remove("trials")), "trials is missing or null, expected an array of trial objects"),
                Arguments.of(edit("trials null", r -> r.putNull("trials")), "trials is missing or null, expected an array of trial objects"),
                Arguments.of(edit("a null trial", r -> ((ArrayNode) r.get("trials")).addNull()),
                        "trials[1] is null, expected a trial object"),
                Arguments.of(edit("curve null", trial(t -> t.putNull("curve"))), "trials[0].curve is missing or null, expected " + curve),
                Arguments.of(edit("no curve", trial(t -> t.remove("curve"))), "trials[0].curve is missing or null, expected " + curve),
                Arguments.of(edit("no trainLoss", curve(c -> c.remove("trainLoss"))),
                        "trials[0].curve.trainLoss is missing or null, expected an array of one number per epoch"),
                Arguments.of(edit("validationAccuracy null", curve(c -> c.putNull("validationAccuracy"))),
                        "trials[0].curve.validationAccuracy is missing or null, expected an array of one number per epoch"),
                Arguments.of(edit("one value too many", curve(c -> ((ArrayNode) c.get("validationAccuracy")).add(0.8))),
                        "trials[0].curve.validationAccuracy has 2 values, expected 1, one per epoch as in curve.trainLoss"),
                Arguments.of(edit("id null", trial(t -> t.putNull("id"))), "trials[0].id is missing or null, expected the trial's id, a string"),
                Arguments.of(edit("id empty", trial(t -> t.put("id", ""))),
                        "trials[0].id = \"\", expected the trial's id, a non-empty string"),
                Arguments.of(edit("same id twice", r -> ((ArrayNode) r.get("trials")).add(trialNode())),
                        "trials[1].id = \"t1\", the same as trials[0].id, expected every trial to have its own id"),
                Arguments.of(edit("settings null", trial(t -> t.putNull("settings"))),
                        "trials[0].settings is missing or null, expected an object of the trial's training settings"),
                Arguments.of(edit("no varied", trial(t -> t.remove("varied"))),
                        "trials[0].varied is missing or null, expected an object of the trial's grid values"),
                Arguments.of(edit("no status", trial(t -> t.remove("status"))),
                        "trials[0].status is missing or null, expected one of ok, stopped, diverged, failed"),
                Arguments.of(edit("rung without bracket", trial(t -> t.put("rung", 0).put("topRung", 1))),
                        "trials[0].bracket is missing or null, expected the s of the trial's bracket, since trials[0].rung is set"),
                Arguments.of(edit("BLAS without source", trial(t -> t.putObject("provenance").putObject("blas"))),
                        "trials[0].provenance.blas.source is missing or null, expected one of bundled, system, java"),
                Arguments.of(edit("test without confusion", r -> r.putObject("test").put("trialId", "t1")),
                        "test.confusion is missing or null, expected the confusion matrix, one array of counts per true class"),
                Arguments.of(edit("confusion not square", r -> r.putObject("test").putArray("confusion")
                                .add(ResultsIO.json().createArrayNode().add(1).add(0)).add(ResultsIO.json().createArrayNode().add(1))),
                        "test.confusion[1] has 1 count, expected 2, one per class as there are rows"),
                Arguments.of(edit("stopping without brackets", r -> r.putObject("stopping").put("type", "sha")),
                        "stopping.brackets is missing or null, expected an array of the brackets as run"),
                Arguments.of(edit("a rung of 0 epochs", r -> r.putObject("stopping").putArray("brackets").addObject()
                                .putArray("rungEpochs").add(0)),
                        "stopping.brackets[0].rungEpochs[0] = 0, expected an integer >= 1"));
    }

    @ParameterizedTest
    @MethodSource("incompleteResults")
    void resultsMissingAFieldThatReadersUseAreRefusedNamingTheField(Consumer<ObjectNode> edit, String expected)
            throws IOException {
        Path f = dir.resolve("results.json");
        Files.writeString(f, resultsWith(edit));
        assertEquals(f + ": " + expected, assertThrows(BadInputException.class, () -> ResultsIO.readResults(f)).getMessage());
    }

    static Stream<Arguments> invalidResultsJson() {
        String what = ": not a valid results file: ";
        return Stream.of(
                Arguments.of("{\"wallSeconds\": Infinity}", ":1:25" + what + "NaN or Infinity is not a JSON number, expected a finite number"),
                Arguments.of("{\"wallSeconds\": NaN}", ":1:20" + what + "NaN or Infinity is not a JSON number, expected a finite number"),
                Arguments.of("{} {}", ":1:4" + what + "text after the end of the JSON value"),
                Arguments.of("{// written by hand\n}", ":1:2" + what + "comments are not allowed in JSON"),
                Arguments.of("[1]", ":1:1" + what + "expected a JSON object, found an array"),
                Arguments.of("{\"trials\": {}}", ":1:12" + what + "trials: expected an array, found an object"),
                Arguments.of("{\"trials\": [{\"status\": \"weird\"}]}",
                        ":1:24" + what + "trials[0].status = \"weird\", expected one of ok, stopped, diverged, failed"),
                Arguments.of("{\"trials\": [{\"index\": 99999999999}]}",
                        ":1:34" + what + "trials[0].index = 99999999999, expected an integer from -2147483648 to 2147483647"),
                Arguments.of("{\"trials\": [{\"curve\": {\"trainLoss\": [\"low\"]}}]}",
                        ":1:38" + what + "trials[0].curve.trainLoss[0] = \"low\", expected a number"),
                Arguments.of("{\"config\": " + "[".repeat(1000) + "]".repeat(1000) + "}", what + "nested deeper than 1000 levels"),
                Arguments.of("", what + "the file is empty, expected a JSON object"),
                Arguments.of("null", what + "expected a JSON object, found null"));
    }

    @ParameterizedTest
    @MethodSource("invalidResultsJson")
    void invalidResultsJsonIsOneLineWithoutJacksonNames(String text, String expected) throws IOException {
        Path f = dir.resolve("results.json");
        Files.writeString(f, text);
        assertEquals(f + expected, assertThrows(BadInputException.class, () -> ResultsIO.readResults(f)).getMessage());
    }

    @Test
    void aResultsFileThatIsNotUtf8SaysSo() throws IOException {
        Path f = dir.resolve("results.json");
        Files.write(f, new byte[]{'{', (byte) 0xff, (byte) 0xfe, '}'});
        assertEquals(f + ":1:3: not a valid results file: not UTF-8 text (byte 0xff), expected a UTF-8 JSON file",
                assertThrows(BadInputException.class, () -> ResultsIO.readResults(f)).getMessage());
        Files.write(f, new byte[]{'"', (byte) 0xff, (byte) 0xfe, '"'});
        assertEquals(f + ":1:3: not a valid results file: not UTF-8 text (byte 0xff), expected a UTF-8 JSON file",
                assertThrows(BadInputException.class, () -> ResultsIO.readResults(f)).getMessage());
    }

    @Test
    void trialRecordsAreCheckedLikeTheTrialsOfResultsJson() throws IOException {
        Path trials = Files.createDirectories(dir.resolve(ResultsIO.TRIALS_DIR));
        Path f = trials.resolve("t1.json");
        ObjectNode t = trialNode();
        t.remove("curve");
        Files.writeString(f, t.toString());
        String curve = "an object of per-epoch metrics: learningRate, trainLoss, trainAccuracy, validationLoss, validationAccuracy";
        assertEquals(f + ": curve is missing or null, expected " + curve,
                assertThrows(BadInputException.class, () -> ResultsIO.readTrial(f)).getMessage());
        assertEquals(f + ": curve is missing or null, expected " + curve,
                assertThrows(BadInputException.class, () -> ResultsIO.readTrials(dir)).getMessage());
        Files.writeString(f, "{\"status\": \"weird\"}");
        assertEquals(f + ":1:12: not a valid trial record: status = \"weird\", expected one of ok, stopped, diverged, failed",
                assertThrows(BadInputException.class, () -> ResultsIO.readTrial(f)).getMessage());
        Files.writeString(f, TRIAL);
        assertEquals("t1", ResultsIO.readTrial(f).id());
    }

    @Test
    void readJsonNamesTheFileLineAndColumnInPlainWords() throws IOException {
        Path f = dir.resolve("inputs.json");
        Files.writeString(f, "{\"format\": 2}\n{\"format\": 3}\n");
        assertEquals(f + ":2:1: not a valid inputs record: text after the end of the JSON value",
                assertThrows(BadInputException.class, () -> ResultsIO.readJson(f, "inputs record")).getMessage());
        Files.writeString(f, "");
        assertEquals(f + ": not a valid inputs record: the file is empty, expected a JSON value",
                assertThrows(BadInputException.class, () -> ResultsIO.readJson(f, "inputs record")).getMessage());
        assertEquals(dir.resolve("none.json") + ": inputs record not found", assertThrows(BadInputException.class,
                () -> ResultsIO.readJson(dir.resolve("none.json"), "inputs record")).getMessage());
        Files.writeString(f, "{\"format\": 2}");
        assertEquals(2, ResultsIO.readJson(f, "inputs record").get("format").asInt());
    }
}
