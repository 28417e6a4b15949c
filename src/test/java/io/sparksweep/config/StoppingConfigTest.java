package io.sparksweep.config;

import io.sparksweep.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code stopping} section, read into {@link Stopping}. */
class StoppingConfigTest {
    private static final Path FILE = Path.of("conf/s.json");

    private static SweepConfig parse(String body) {
        return ConfigLoader.parse(FILE, "{\"data\": {\"train\": \"a.h5\", \"test\": \"b.h5\"}, " + body + "}");
    }

    private static String error(String body) {
        return assertThrows(BadInputException.class, () -> parse(body)).getMessage();
    }

    @Test
    void noStoppingSectionMeansNone() {
        assertEquals(Stopping.NONE, parse("\"seed\": 1").stopping());
    }

    @Test
    void readsEveryFieldAndDefaultsTheOthers() {
        assertEquals(new Stopping(Stopping.Type.HYPERBAND, 2, 4, Stopping.Metric.VALIDATION_LOSS),
                parse("\"stopping\": {\"type\": \"hyperband\", \"minEpochs\": 2, \"eta\": 4, \"metric\": \"validationLoss\"}")
                        .stopping());
        assertEquals(new Stopping(Stopping.Type.SHA, 1, 3, Stopping.Metric.VALIDATION_ACCURACY),
                parse("\"stopping\": {\"type\": \"sha\"}").stopping());
        assertEquals(Stopping.NONE, parse("\"stopping\": {}").stopping());
    }

    @Test
    void minEpochsMayReachTheBudget() {
        SweepConfig c = parse("\"training\": {\"epochs\": 3}, \"stopping\": {\"type\": \"sha\", \"minEpochs\": 3}, "
                + "\"grid\": {\"learningRate\": [0.1, 0.2]}");
        assertEquals(3, c.stopping().minEpochs());
        assertEquals(2, c.trials().size());
    }

    @Test
    void minEpochsIsNotCheckedAgainstEpochsWithoutStopping() {
        assertEquals(80, parse("\"stopping\": {\"type\": \"none\", \"minEpochs\": 80}").stopping().minEpochs());
    }

    static Stream<Arguments> badStopping() {
        return Stream.of(
                Arguments.of("\"stopping\": \"sha\"", "stopping = \"sha\", expected an object such as {\"type\": \"sha\", "
                        + "\"minEpochs\": 1, \"eta\": 3, \"metric\": \"validationAccuracy\"}"),
                Arguments.of("\"stopping\": {\"type\": \"sha\", \"minEpoch\": 2}", "stopping.minEpoch is not a known field; "
                        + "expected one of type, minEpochs, eta, metric (did you mean \"minEpochs\"?)"),
                Arguments.of("\"stopping\": {\"type\": \"hyperbnad\"}",
                        "stopping.type = \"hyperbnad\", expected one of none, sha, hyperband (did you mean \"hyperband\"?)"),
                Arguments.of("\"stopping\": {\"type\": \"sha\", \"metric\": \"validationLos\"}", "stopping.metric = "
                        + "\"validationLos\", expected one of validationAccuracy, validationLoss (did you mean \"validationLoss\"?)"),
                Arguments.of("\"stopping\": {\"type\": \"sha\", \"minEpochs\": 0}", "stopping.minEpochs = 0, expected an integer >= 1"),
                Arguments.of("\"stopping\": {\"type\": \"sha\", \"minEpochs\": 1.5}", "stopping.minEpochs = 1.5, expected an integer >= 1"),
                Arguments.of("\"stopping\": {\"type\": \"sha\", \"eta\": 1}", "stopping.eta = 1, expected an integer >= 2"),
                Arguments.of("\"stopping\": {\"type\": \"sha\", \"minEpochs\": 51}",
                        "stopping.minEpochs = 51, expected an integer from 1 to training.epochs = 50"),
                Arguments.of("\"stopping\": {\"type\": \"sha\", \"minEpochs\": 4}, \"grid\": {\"epochs\": [9, 3, 6, 3]}",
                        "grid.epochs = [9, 3, 6, 3], expected no epochs list with stopping.type = \"sha\": "
                                + "training.epochs is every trial's budget"),
                Arguments.of("\"stopping\": {\"type\": \"hyperband\", \"minEpochs\": 4}, \"search\": {\"type\": \"random\", "
                                + "\"trials\": 2, \"space\": {\"epochs\": {\"intRange\": [2, 9]}}}",
                        "search.space.epochs = {\"intRange\": ...}, expected no epochs distribution with "
                                + "stopping.type = \"hyperband\": training.epochs is every trial's budget"),
                Arguments.of("\"stopping\": {\"type\": \"hyperband\", \"minEpochs\": 4}, \"search\": {\"type\": \"random\", "
                                + "\"trials\": 2, \"space\": {\"epochs\": {\"choice\": [5, 3]}}}",
                        "search.space.epochs = {\"choice\": ...}, expected no epochs distribution with "
                                + "stopping.type = \"hyperband\": training.epochs is every trial's budget"));
    }

    @ParameterizedTest
    @MethodSource("badStopping")
    void rejectsABadStoppingSectionWithFieldValueAndExpectation(String body, String expected) {
        assertEquals("conf/s.json: " + expected, error(body));
    }

    @Test
    void reportsEveryStoppingProblemWithTheOthers() {
        assertEquals(List.of(
                "conf/s.json: training.learningRate = -1, expected a finite number > 0",
                "conf/s.json: stopping.type = \"sh\", expected one of none, sha, hyperband (did you mean \"sha\"?)",
                "conf/s.json: stopping.eta = \"3\", expected an integer >= 2"),
                error("\"training\": {\"learningRate\": -1}, \"stopping\": {\"type\": \"sh\", \"eta\": \"3\"}").lines().toList());
    }
}
