package io.sparksweep.config;

import io.sparksweep.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomSearchTest {
    private static final Path FILE = Path.of("conf/r.json");

    private static SweepConfig parse(String search, String grid) {
        return ConfigLoader.parse(FILE, "{\"data\": {\"train\": \"a.h5\", \"test\": \"b.h5\"}, \"search\": " + search
                + (grid == null ? "" : ", \"grid\": " + grid) + "}");
    }

    private static final String SPACE = "{\"type\": \"random\", \"trials\": 40, \"seed\": 3, \"space\": {"
            + "\"learningRate\": {\"loguniform\": [1e-4, 1e-1]}, \"initSigma\": {\"uniform\": [0.5, 1.5]},"
            + " \"batchSize\": {\"intRange\": [16, 20]}, \"hidden\": {\"choice\": [[32], [64, 16]]}}}";

    @Test
    void samplesStayWithinTheirDistributionsBounds() {
        SweepConfig c = parse(SPACE, null);
        assertEquals(40, c.trials().size());
        Set<Integer> batches = new TreeSet<>();
        Set<Integer> widths = new TreeSet<>();
        for (Trial t : c.trials()) {
            TrialConfig tc = t.config();
            assertTrue(tc.learningRate() >= 1e-4 && tc.learningRate() <= 1e-1, "lr " + tc.learningRate());
            assertTrue(tc.init().sigma() >= 0.5 && tc.init().sigma() <= 1.5, "sigma " + tc.init().sigma());
            batches.add(tc.batchSize());
            widths.add(tc.hidden()[0]);
            assertEquals(tc.learningRate(), RandomSearch.round(tc.learningRate()));
        }
        assertEquals(Set.of(16, 17, 18, 19, 20), batches, "intRange includes both ends");
        assertEquals(Set.of(32, 64), widths);
        // log-uniform: about a third of 40 draws fall in each decade
        long lowDecade = c.trials().stream().filter(t -> t.config().learningRate() < 1e-3).count();
        assertTrue(lowDecade >= 5 && lowDecade <= 22, "draws below 1e-3: " + lowDecade);
    }

    @Test
    void sameSeedGivesSameTrialsAndIdsAndOtherSeedDoesNot() {
        List<String> a = parse(SPACE, null).trials().stream().map(Trial::id).toList();
        List<String> b = parse(SPACE, null).trials().stream().map(Trial::id).toList();
        List<String> c = parse(SPACE.replace("\"seed\": 3", "\"seed\": 4"), null).trials().stream().map(Trial::id).toList();
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(40, Set.copyOf(a).size(), "samples are distinct");
    }

    @Test
    void mixesWithGridFields() {
        SweepConfig c = parse("{\"type\": \"random\", \"trials\": 3, \"seed\": 1, \"space\": {\"learningRate\": {\"loguniform\": [0.01, 0.1]}}}",
                "{\"activation\": [\"relu\", \"tanh\"]}");
        assertEquals(6, c.trials().size());
        assertEquals(Set.of("relu", "tanh"), c.trials().stream().map(t -> t.config().activation()[0].id()).collect(Collectors.toSet()));
        assertEquals(List.of("activation", "learningRate"), List.copyOf(c.trials().get(0).varied().keySet()));
        assertEquals(c.trials().get(0).config().learningRate(), c.trials().get(3).config().learningRate());
    }

    @Test
    void rejectsBadSearchBlocksWithFieldAndExpectation() {
        assertEquals("conf/r.json: search.space.learningRate.loguniform = [0,0.1], expected [a, b] with 0 < a < b",
                assertThrows(BadInputException.class, () -> parse("{\"type\": \"random\", \"trials\": 2, \"space\": {\"learningRate\": {\"loguniform\": [0, 0.1]}}}", null)).getMessage());
        assertEquals("conf/r.json: search.space.activation = {\"choise\": ...}, expected one of loguniform, uniform, intRange, choice (did you mean \"choice\"?)",
                assertThrows(BadInputException.class, () -> parse("{\"type\": \"random\", \"trials\": 2, \"space\": {\"activation\": {\"choise\": [\"relu\"]}}}", null)).getMessage());
        assertEquals("conf/r.json: search.trials = 3, expected at most the 2 distinct samples the space holds",
                assertThrows(BadInputException.class, () -> parse("{\"type\": \"random\", \"trials\": 3, \"space\": {\"activation\": {\"choice\": [\"relu\", \"tanh\"]}}}", null)).getMessage());
        assertEquals("conf/r.json: search.space.activation = {\"choice\":[\"relu\"]}, expected a field that is not also in \"grid\"",
                assertThrows(BadInputException.class, () -> parse("{\"type\": \"random\", \"trials\": 1, \"space\": {\"activation\": {\"choice\": [\"relu\"]}}}", "{\"activation\": [\"tanh\"]}")).getMessage());
    }

    private static String error(String space) {
        return assertThrows(BadInputException.class,
                () -> parse("{\"type\": \"random\", \"trials\": 2, \"space\": {" + space + "}}", null)).getMessage();
    }

    @Test
    void rejectsAMisspelledChoiceByItsPositionWithASuggestion() {
        assertEquals("conf/r.json: search.space.activation.choice[1] = \"rleu\", expected one of relu, tanh, sigmoid, "
                + "leaky_relu (did you mean \"relu\"?)", error("\"activation\": {\"choice\": [\"relu\", \"rleu\"]}"));
        assertEquals("conf/r.json: search.space.hidden.choice[0][1] = 0, expected an integer width from 1 to 65536",
                error("\"hidden\": {\"choice\": [[10, 0], [5]]}"));
        assertEquals("conf/r.json: search.space.schedule.choice[0].type = \"stpe\", expected \"constant\" or \"step\" "
                + "(did you mean \"step\"?)", error("\"schedule\": {\"choice\": [{\"type\": \"stpe\"}]}"));
    }

    @Test
    void rejectsBoundsThatAreNotValuesOfTheField() {
        assertEquals("conf/r.json: search.space.learningRate.uniform[0] = -1, expected a finite number > 0",
                error("\"learningRate\": {\"uniform\": [-1, 0.1]}"));
        assertEquals("conf/r.json: search.space.batchSize.intRange[0] = 0, expected an integer >= 1",
                error("\"batchSize\": {\"intRange\": [0, 8]}"));
        assertEquals("conf/r.json: search.space.initSigma.loguniform[1] = Infinity, expected a finite number > 0",
                error("\"initSigma\": {\"loguniform\": [0.5, 1e999]}"));
    }

    @Test
    void rejectsDistributionsThatCannotDrawTheFieldsType() {
        assertEquals("conf/r.json: search.space.epochs = {\"uniform\": ...}, expected {\"intRange\": [a, b]} or "
                + "{\"choice\": [values]}, as epochs takes integers", error("\"epochs\": {\"uniform\": [1, 5]}"));
        assertEquals("conf/r.json: search.space.activation = {\"intRange\": ...}, expected {\"choice\": [values]}, "
                + "as activation is not a number", error("\"activation\": {\"intRange\": [1, 2]}"));
    }

    @Test
    void reportsEveryBadChoiceAndBoundAtOnce() {
        assertEquals(List.of(
                "conf/r.json: search.space.activation.choice[0] = \"tahn\", expected one of relu, tanh, sigmoid, leaky_relu (did you mean \"tanh\"?)",
                "conf/r.json: search.space.activation.choice[2] = 3, expected one of relu, tanh, sigmoid, leaky_relu, or a list of them with one per hidden layer",
                "conf/r.json: search.space.initSigma.choice[0] = \"big\", expected a finite number > 0"),
                error("\"activation\": {\"choice\": [\"tahn\", \"relu\", 3]}, \"learningRate\": {\"intRange\": [1, 2]}, "
                        + "\"initSigma\": {\"choice\": [\"big\"]}").lines().toList());
    }
}
