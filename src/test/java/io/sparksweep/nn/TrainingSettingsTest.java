package io.sparksweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparksweep.data.Dataset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrainingSettingsTest {
    private static final LearningRateSchedule C = LearningRateSchedule.constant();

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of(0, 100, 0.1, Reduction.SUM, C, "epochs = 0, must be >= 1"),
                Arguments.of(1, 0, 0.1, Reduction.SUM, C, "batchSize = 0, must be >= 1"),
                Arguments.of(1, 100, -0.1, Reduction.SUM, C, "learningRate = -0.1, must be a finite number > 0"),
                Arguments.of(1, 100, Double.NaN, Reduction.SUM, C, "learningRate = NaN, must be a finite number > 0"),
                Arguments.of(1, 100, Double.POSITIVE_INFINITY, Reduction.SUM, C,
                        "learningRate = Infinity, must be a finite number > 0"),
                Arguments.of(1, 100, 0.1, null, C, "reduction is null, expected SUM or MEAN"),
                Arguments.of(1, 100, 0.1, Reduction.MEAN, null, "schedule is null, expected a LearningRateSchedule"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void rejectsOutOfRangeFieldsWithMessage(int epochs, int batch, double lr, Reduction r, LearningRateSchedule s,
                                            String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new TrainingSettings(epochs, batch, lr, r, s, false, 0)).getMessage());
    }

    @Test
    void withSeedChangesOnlyTheShuffleSeed() {
        TrainingSettings s = new TrainingSettings(3, 10, 0.1, Reduction.MEAN, LearningRateSchedule.step(0.5, 2), true, 1);
        assertEquals(new TrainingSettings(3, 10, 0.1, Reduction.MEAN, LearningRateSchedule.step(0.5, 2), true, 42),
                s.withSeed(42));
    }

    @Test
    void trainerRejectsDatasetWhoseClassesDoNotMatchOutputs() {
        Network net = Network.initialise(Architecture.of(2, new int[0], Activation.RELU, 2), Initializer.HE, 1, 1);
        Dataset ok = Dataset.ofFloats(1, 2, 2, new float[2], new int[] {0});
        Dataset threeClasses = Dataset.ofFloats(1, 2, 3, new float[2], new int[] {2});
        assertEquals("validation set has 3 classes, network 2-2 has 2 outputs",
                assertThrows(IllegalArgumentException.class, () -> Trainer.train(net, ok, threeClasses,
                        new TrainingSettings(1, 100, 0.1, Reduction.SUM, C, false, 0), null)).getMessage());
    }

    @Test
    void evaluatorFillsConfusionByTrueThenPredictedClass() {
        // one input, logits (x, -x): predicts class 0 for x > 0, class 1 for x < 0
        Network net = Network.of(Architecture.of(1, new int[0], Activation.RELU, 2),
                List.of(new float[] {1, -1}), List.of(new float[] {0, 0}));
        Dataset data = Dataset.ofFloats(5, 1, 2, new float[] {1, 2, -1, -3, 4}, new int[] {0, 1, 1, 1, 0});
        Evaluation e = Evaluator.evaluate(net, data);
        assertEquals(0.8, e.accuracy(), 1e-12);
        assertEquals(5, e.rows());
        assertEquals(List.of(List.of(2, 0), List.of(1, 2)),
                Stream.of(e.confusion()).map(row -> List.of(row[0], row[1])).toList());
    }
}
