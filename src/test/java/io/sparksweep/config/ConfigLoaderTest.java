package io.sparksweep.config;

import io.sparksweep.BadInputException;
import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Initializer;
import io.sparksweep.nn.LearningRateSchedule;
import io.sparksweep.nn.Reduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    private static final Path FILE = Path.of("conf/test.json");
    private static final String DATA = "\"data\": {\"train\": \"a.h5\", \"test\": \"b.h5\"}";

    private static SweepConfig parse(String body) {
        return ConfigLoader.parse(FILE, "{" + DATA + (body.isEmpty() ? "" : ", " + body) + "}");
    }

    private static String error(String body) {
        return assertThrows(BadInputException.class, () -> parse(body)).getMessage();
    }

    @Test
    void shippedSeedConfigExpandsToTheSixSeedTrials() {
        SweepConfig c = ConfigLoader.load(Path.of("conf/mnist-seed.json"));
        assertEquals("mnist-seed", c.name());
        assertEquals(6, c.trials().size());
        List<String> labels = c.trials().stream()
                .map(t -> t.config().activation()[0].id() + "/" + t.config().learningRate()).toList();
        assertEquals(List.of("relu/1.0E-5", "relu/1.0E-4", "relu/0.001", "tanh/1.0E-5", "tanh/1.0E-4", "tanh/0.001"), labels);
        TrialConfig t = c.trials().get(2).config();
        assertArrayEquals(new int[]{100}, t.hidden());
        assertEquals(50, t.epochs());
        assertEquals(100, t.batchSize());
        assertEquals(Reduction.SUM, t.reduction());
        assertEquals(LearningRateSchedule.step(0.5, 20), t.schedule());
        assertEquals(Initializer.NORMAL, t.init().initializer());
        assertEquals(1.0, t.init().sigma());
        assertFalse(t.shuffle());
        assertEquals(50000, c.data().maxRows() == 0 ? 60000 - c.data().validationRows(60000) : -1);
    }

    @Test
    void shippedSmokeConfigLoads() {
        SweepConfig c = ConfigLoader.load(Path.of("conf/smoke.json"));
        assertEquals(4, c.trials().size());
        assertEquals(6000, c.data().maxRows());
    }

    @Test
    void defaultsAreTheSeedExperiment() {
        SweepConfig c = parse("");
        assertEquals(1, c.trials().size());
        TrialConfig t = c.trials().get(0).config();
        assertEquals(Activation.RELU, t.activation()[0]);
        assertEquals(0.001, t.learningRate());
        assertEquals(1.0 / 6.0, c.data().validationFraction());
        assertEquals("xdata", c.data().features());
        assertEquals("ydata", c.data().labels());
        assertEquals("test", c.name());
    }

    @Test
    void trialIdsDependOnSettingsNotOnGridOrder() {
        SweepConfig a = parse("\"grid\": {\"activation\": [\"relu\", \"tanh\"], \"learningRate\": [0.1, 0.2]}");
        SweepConfig b = parse("\"grid\": {\"learningRate\": [0.2, 0.1], \"activation\": [\"tanh\", \"relu\"]}");
        Set<String> idsA = a.trials().stream().map(Trial::id).collect(Collectors.toSet());
        Set<String> idsB = b.trials().stream().map(Trial::id).collect(Collectors.toSet());
        assertEquals(4, idsA.size());
        assertEquals(idsA, idsB);
        Map<String, Long> seedsA = a.trials().stream().collect(Collectors.toMap(Trial::id, Trial::seed));
        Map<String, Long> seedsB = b.trials().stream().collect(Collectors.toMap(Trial::id, Trial::seed));
        assertEquals(seedsA, seedsB);
        assertEquals(4, Set.copyOf(seedsA.values()).size());
    }

    @Test
    void sweepSeedChangesTrialSeedsButNotIds() {
        SweepConfig a = parse("\"seed\": 1");
        SweepConfig b = parse("\"seed\": 2");
        assertEquals(a.trials().get(0).id(), b.trials().get(0).id());
        assertNotEquals(a.trials().get(0).seed(), b.trials().get(0).seed());
    }

    @Test
    void gridVariesFirstFieldSlowest() {
        SweepConfig c = parse("\"grid\": {\"hidden\": [[10], [20, 5]], \"batchSize\": [1, 2, 3]}");
        assertEquals(6, c.trials().size());
        assertArrayEquals(new int[]{10}, c.trials().get(2).config().hidden());
        assertEquals(3, c.trials().get(2).config().batchSize());
        assertArrayEquals(new int[]{20, 5}, c.trials().get(3).config().hidden());
        assertEquals(Map.of("hidden", List.of(20, 5), "batchSize", 1), c.trials().get(3).varied());
        assertEquals(2, c.trials().get(3).config().activation().length);
    }

    @Test
    void perLayerActivationsAndWarmStartAreRead() {
        SweepConfig c = parse("\"training\": {\"hidden\": [8, 4], \"activation\": [\"tanh\", \"leaky_relu\"],"
                + " \"init\": \"runs/x/best-model.h5\"}");
        TrialConfig t = c.trials().get(0).config();
        assertArrayEquals(new Activation[]{Activation.TANH, Activation.LEAKY_RELU}, t.activation());
        assertTrue(t.init().isWarmStart());
        assertEquals("runs/x/best-model.h5", t.init().modelFile());
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("\"grid\": {\"learningRate\": [0.1, 0.2, -0.1]}",
                        "conf/test.json: grid.learningRate[2] = -0.1, expected a finite number > 0"),
                Arguments.of("\"training\": {\"learningRate\": 0}",
                        "conf/test.json: training.learningRate = 0, expected a finite number > 0"),
                Arguments.of("\"training\": {\"learningRate\": \"fast\"}",
                        "conf/test.json: training.learningRate = \"fast\", expected a finite number > 0"),
                Arguments.of("\"training\": {\"activation\": \"relux\"}",
                        "conf/test.json: training.activation = \"relux\", expected one of relu, tanh, sigmoid, leaky_relu (did you mean \"relu\"?)"),
                Arguments.of("\"grid\": {\"activation\": [\"relu\", \"tahn\"]}",
                        "conf/test.json: grid.activation[1] = \"tahn\", expected one of relu, tanh, sigmoid, leaky_relu (did you mean \"tanh\"?)"),
                Arguments.of("\"grid\": {\"learningRate\": []}",
                        "conf/test.json: grid.learningRate = [], expected a non-empty list of values"),
                Arguments.of("\"grid\": {\"learningRate\": 0.1}",
                        "conf/test.json: grid.learningRate = 0.1, expected a non-empty list of values"),
                Arguments.of("\"training\": {\"epochs\": 0}",
                        "conf/test.json: training.epochs = 0, expected an integer >= 1"),
                Arguments.of("\"training\": {\"batchSize\": 2.5}",
                        "conf/test.json: training.batchSize = 2.5, expected an integer >= 1"),
                Arguments.of("\"training\": {\"learningRat\": 0.1}",
                        "conf/test.json: training.learningRat is not a known field; expected one of hidden, activation, epochs, batchSize, learningRate, reduction, schedule, init, initSigma, shuffle (did you mean \"learningRate\"?)"),
                Arguments.of("\"grids\": {}",
                        "conf/test.json: grids is not a known field; expected one of name, description, seed, data, training, grid, search, stopping (did you mean \"grid\"?)"),
                Arguments.of("\"training\": {\"reduction\": \"avg\"}",
                        "conf/test.json: training.reduction = \"avg\", expected one of sum, mean"),
                Arguments.of("\"training\": {\"schedule\": {\"type\": \"step\", \"factor\": 0.5}}",
                        "conf/test.json: training.schedule.every = missing, expected an integer >= 1 (epochs between steps)"),
                Arguments.of("\"training\": {\"hidden\": [100, 0]}",
                        "conf/test.json: training.hidden[1] = 0, expected an integer width from 1 to 65536"),
                Arguments.of("\"training\": {\"init\": \"glorot\"}",
                        "conf/test.json: training.init = \"glorot\", expected one of normal, xavier, he"),
                Arguments.of("\"grid\": {\"learningRate\": [0.1, 0.1]}",
                        "conf/test.json: grid = {learningRate=0.1}, expected distinct trials, but it repeats trial 0 {learningRate=0.1}"),
                Arguments.of("\"grid\": {\"hidden\": [[10], [10, 10]], \"activation\": [\"relu\", \"rleu\"]}",
                        "conf/test.json: grid.activation[1] = \"rleu\", expected one of relu, tanh, sigmoid, leaky_relu (did you mean \"relu\"?)"),
                Arguments.of("\"grid\": {\"hidden\": [[10], [10, 10]], \"activation\": [[\"relu\"]]}",
                        "conf/test.json: grid.activation[0] = [\"relu\"], expected one activation per hidden layer, but grid.hidden[1] = [10, 10] has 2"),
                Arguments.of("\"grid\": {\"hidden\": [[10], [10, \"x\"]]}",
                        "conf/test.json: grid.hidden[1][1] = \"x\", expected an integer width from 1 to 65536"),
                Arguments.of("\"grid\": {\"batchSize\": [10, 0]}",
                        "conf/test.json: grid.batchSize[1] = 0, expected an integer >= 1"),
                Arguments.of("\"grid\": {\"reduction\": [\"sum\", \"maen\"]}",
                        "conf/test.json: grid.reduction[1] = \"maen\", expected one of sum, mean (did you mean \"mean\"?)"),
                Arguments.of("\"grid\": {\"init\": [\"he\", \"xaiver\"]}",
                        "conf/test.json: grid.init[1] = \"xaiver\", expected one of normal, xavier, he (did you mean \"xavier\"?)"),
                Arguments.of("\"grid\": {\"schedule\": [{\"type\": \"constant\"}, {\"type\": \"step\", \"factor\": -2, \"every\": 5}]}",
                        "conf/test.json: grid.schedule[1].factor = -2, expected a finite number > 0"),
                Arguments.of("\"grid\": {\"shuffle\": [true, \"no\"]}",
                        "conf/test.json: grid.shuffle[1] = \"no\", expected true or false"),
                Arguments.of("\"grid\": {\"initSigma\": [1, 1e999]}",
                        "conf/test.json: grid.initSigma[1] = Infinity, expected a finite number > 0"),
                Arguments.of("\"grid\": {\"activation\": [\"tanh\"]}, \"training\": {\"activation\": \"tnah\"}",
                        "conf/test.json: training.activation = \"tnah\", expected one of relu, tanh, sigmoid, leaky_relu (did you mean \"tanh\"?)"),
                Arguments.of("\"training\": {\"hidden\": [65536, 65536]}",
                        "conf/test.json: training.hidden = [65536,65536], expected widths whose weights fit one float array, "
                                + "but the weights between the hidden layers alone number 4295032832, more than 2147483639"),
                Arguments.of("\"description\": 5",
                        "conf/test.json: description = 5, expected a non-empty string"),
                Arguments.of("\"seed\": 1.5",
                        "conf/test.json: seed = 1.5, expected an integer"),
                Arguments.of("\"name\": \"my sweep\"",
                        "conf/test.json: name = \"my sweep\", expected 1 to 64 letters, digits, '.', '_' or '-'"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void rejectsBadFieldWithFileFieldValueAndExpectation(String body, String expected) {
        assertEquals(expected, error(body));
    }

    @Test
    void dataSparseIsOffByDefaultAndMustBeABoolean() {
        assertFalse(parse("").data().sparse());
        String on = "\"data\": {\"train\": \"a.h5\", \"test\": \"b.h5\", \"sparse\": true}";
        assertTrue(ConfigLoader.parse(FILE, "{" + on + "}").data().sparse());
        String bad = "\"data\": {\"train\": \"a.h5\", \"test\": \"b.h5\", \"sparse\": \"yes\"}";
        assertEquals("conf/test.json: data.sparse = \"yes\", expected true or false",
                assertThrows(BadInputException.class, () -> ConfigLoader.parse(FILE, "{" + bad + "}")).getMessage());
    }

    @Test
    void reportsEveryProblemOneLineEach() {
        String message = error("\"training\": {\"epochs\": 0, \"learningRate\": -1}");
        assertEquals(List.of("conf/test.json: training.epochs = 0, expected an integer >= 1",
                "conf/test.json: training.learningRate = -1, expected a finite number > 0"), message.lines().toList());
    }

    @Test
    void reportsEveryBadGridValueOnceEvenWhenItIsInManyTrials() {
        String message = error("\"grid\": {\"hidden\": [[4], [4, 4], [8]], \"activation\": [\"relu\", \"rleu\", \"tahn\"],"
                + " \"learningRate\": [0.1, -1]}");
        assertEquals(List.of(
                "conf/test.json: grid.activation[1] = \"rleu\", expected one of relu, tanh, sigmoid, leaky_relu (did you mean \"relu\"?)",
                "conf/test.json: grid.activation[2] = \"tahn\", expected one of relu, tanh, sigmoid, leaky_relu (did you mean \"tanh\"?)",
                "conf/test.json: grid.learningRate[1] = -1, expected a finite number > 0"), message.lines().toList());
    }

    @Test
    void aScheduleWithoutTypeSaysTheTypeIsMissing() {
        assertEquals("conf/test.json: training.schedule.type = missing, expected \"constant\" or \"step\"",
                error("\"training\": {\"schedule\": {}}"));
    }

    @Test
    void aStepScheduleReportsBothFactorAndEvery() {
        assertEquals(List.of("conf/test.json: training.schedule.factor = missing, expected a finite number > 0",
                "conf/test.json: training.schedule.every = missing, expected an integer >= 1 (epochs between steps)"),
                error("\"training\": {\"schedule\": {\"type\": \"step\"}}").lines().toList());
    }

    @Test
    void jsonSyntaxErrorNamesLineAndColumn() {
        String message = assertThrows(BadInputException.class,
                () -> ConfigLoader.parse(FILE, "{\n  \"name\": \"x\",\n  \"seed\": 1,,\n}")).getMessage();
        assertTrue(message.startsWith("conf/test.json:3:13: invalid JSON: "), message);
        assertEquals(1, message.lines().count());
    }

    @Test
    void missingFileIsOneLine() {
        String message = assertThrows(BadInputException.class,
                () -> ConfigLoader.load(Path.of("conf/does-not-exist.json"))).getMessage();
        assertEquals("conf/does-not-exist.json: config file not found", message);
    }

    @Test
    void dataFieldsAreNamedWithTheirPath() {
        String message = assertThrows(BadInputException.class, () -> ConfigLoader.parse(FILE,
                "{\"data\": {\"train\": 5, \"test\": \"b.h5\"}}")).getMessage();
        assertEquals("conf/test.json: data.train = 5, expected a non-empty string", message);
    }

    @Test
    void missingDataBlockIsReported() {
        String message = assertThrows(BadInputException.class, () -> ConfigLoader.parse(FILE, "{}")).getMessage();
        assertEquals("conf/test.json: data = missing, expected an object with \"train\" and \"test\" HDF5 files", message);
    }

    @Test
    void suggestsOnlyCloseNames() {
        assertEquals(" (did you mean \"batchSize\"?)", ConfigLoader.suggest("batchsize", List.of("epochs", "batchSize")));
        assertEquals("", ConfigLoader.suggest("zzzzzz", List.of("epochs", "batchSize")));
        assertEquals(3, ConfigLoader.editDistance("kitten", "sitting"));
    }

    static Stream<Arguments> badJson() {
        return Stream.of(
                Arguments.of("{\"seed\": NaN}", "conf/test.json:1:13: invalid JSON: NaN or Infinity is not a JSON number, expected a finite number"),
                Arguments.of("{\"seed\": Infinity}", "conf/test.json:1:18: invalid JSON: NaN or Infinity is not a JSON number, expected a finite number"),
                Arguments.of("{\"seed\": 1} {}", "conf/test.json:1:13: invalid JSON: text after the end of the JSON value"),
                Arguments.of("{\n  // a comment\n  \"seed\": 1\n}", "conf/test.json:2:3: invalid JSON: comments are not allowed in JSON"),
                Arguments.of("{\n  # a comment\n}", "conf/test.json:2:3: invalid JSON: comments are not allowed in JSON"),
                Arguments.of("{\"seed\": 1", "conf/test.json:1:11: invalid JSON: the file ends inside an object, expected its closing '}'"),
                Arguments.of("{\"seed\": 1,}", "conf/test.json:1:12: invalid JSON: unexpected '}', expected a field name in double quotes"),
                Arguments.of("{'seed': 1}", "conf/test.json:1:2: invalid JSON: field names need double quotes, not single quotes"),
                Arguments.of("{\"seed\": 1, \"seed\": 2}", "conf/test.json:1:19: invalid JSON: field \"seed\" appears twice"),
                Arguments.of("{\"seed\": tru}", "conf/test.json:1:10: invalid JSON: unexpected 'tru', expected a string, number, array, "
                        + "object, true, false or null"),
                Arguments.of("{\"a\": " + "[".repeat(1001) + "]".repeat(1001) + "}",
                        "conf/test.json: invalid JSON: nested deeper than 1000 levels"));
    }

    @ParameterizedTest
    @MethodSource("badJson")
    void invalidJsonIsOneLineWithLineColumnAndAPlainReason(String text, String expected) {
        assertEquals(expected, assertThrows(BadInputException.class, () -> ConfigLoader.parse(FILE, text)).getMessage());
    }
}
