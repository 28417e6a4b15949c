package io.sparksweep.sweep;

import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.config.Trial;
import io.sparksweep.config.TrialConfig;
import io.sparksweep.nn.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrialCostTest {
    @TempDir
    Path dir;

    private SweepConfig config(String training, String grid) {
        return ConfigLoader.parse(dir.resolve("c.json"), "{\"name\": \"c\", \"seed\": 5,"
                + " \"data\": {\"train\": \"" + dir.resolve("train.h5") + "\", \"test\": \"" + dir.resolve("test.h5") + "\"},"
                + " \"training\": {" + training + "}, \"grid\": {" + grid + "}}");
    }

    /** The cost on MNIST's shape: 784 inputs, 10 classes, 50,000 training rows. */
    private static double mnistCost(Trial t) {
        TrialConfig c = t.config();
        return TrialCost.cost(new Architecture(784, c.hidden(), c.activation(), 10), c, 50_000);
    }

    private static List<String> settings(List<Trial> trials) {
        return trials.stream().map(t -> t.varied().get("activation") + "/" + t.varied().get("learningRate")).toList();
    }

    @Test
    void longestFirstRunsTanhTrialsBeforeReluAndKeepsSweepOrderAmongEquals() {
        SweepConfig seed = config("\"hidden\": [100], \"epochs\": 50, \"batchSize\": 100",
                "\"activation\": [\"relu\", \"tanh\"], \"learningRate\": [1e-5, 1e-4, 1e-3]");
        List<Trial> trials = seed.trials();
        assertEquals(List.of("relu/1.0E-5", "relu/1.0E-4", "relu/0.001", "tanh/1.0E-5", "tanh/1.0E-4", "tanh/0.001"),
                settings(trials));
        List<Trial> order = TrialCost.longestFirst(trials, TrialCostTest::mnistCost);
        assertEquals(List.of("tanh/1.0E-5", "tanh/1.0E-4", "tanh/0.001", "relu/1.0E-5", "relu/1.0E-4", "relu/0.001"),
                settings(order));
        assertEquals(List.of(3, 4, 5, 0, 1, 2), order.stream().map(Trial::index).toList());
        assertEquals(settings(trials), settings(seed.trials()), "the sweep's own list is left as it was");
    }

    @Test
    void tanhCostsWhatTheSeedSweepMeasuredOverRelu() {
        List<Trial> trials = config("\"hidden\": [100], \"epochs\": 50, \"batchSize\": 100",
                "\"activation\": [\"relu\", \"tanh\", \"sigmoid\", \"leaky_relu\"]").trials();
        double relu = mnistCost(trials.get(0));
        // 784-100-10 has 79,510 parameters; tanh adds 135 per hidden unit: (79510 + 13500) / 79510.
        assertEquals(93_010.0 / 79_510.0, mnistCost(trials.get(1)) / relu, 1e-12);
        assertEquals(mnistCost(trials.get(1)), mnistCost(trials.get(2)), 0.0, "sigmoid counts as tanh");
        assertEquals(relu, mnistCost(trials.get(3)), 0.0, "leaky ReLU counts as ReLU");
        assertEquals(50.0 * 50_000 * (1 + 8.0 / 100) * 79_510, relu, 1e-3);
    }

    @Test
    void costGrowsWithWidthEpochsAndSmallerBatches() {
        List<Trial> trials = config("\"epochs\": 30",
                "\"hidden\": [[512], [800], [512, 256]], \"batchSize\": [32, 100]").trials();
        double w512b32 = mnistCost(trials.get(0));
        double w512b100 = mnistCost(trials.get(1));
        double w800b32 = mnistCost(trials.get(2));
        double deepB100 = mnistCost(trials.get(5));
        assertEquals((1 + 8.0 / 32) / (1 + 8.0 / 100), w512b32 / w512b100, 1e-12);
        assertTrue(w800b32 > w512b32, "wider costs more");
        assertTrue(deepB100 > w512b100, "an extra 256-unit layer costs more");
        List<Trial> more = config("\"epochs\": 60", "\"hidden\": [[512]], \"batchSize\": [32]").trials();
        assertEquals(2 * w512b32, mnistCost(more.get(0)), 1e-3);
        List<Trial> order = TrialCost.longestFirst(trials, TrialCostTest::mnistCost);
        assertEquals(trials.get(2).id(), order.get(0).id(), "784-800-10 at batch 32 first");
    }
}
