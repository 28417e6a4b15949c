package io.sparksweep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparksweep.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static Dataset xor() {
        return Dataset.ofFloats(4, 2, 2, new float[] {0, 0, 0, 1, 1, 0, 1, 1}, new int[] {0, 1, 1, 0});
    }

    /** Three Gaussian blobs in {@code features} dimensions, 3 classes. */
    static Dataset blobs(int rows, int features, long seed) {
        return blobs(rows, features, seed, 0);
    }

    /** As {@link #blobs(int, int, long)} with about a fraction {@code zeros} of the features 0 (none drawn when 0). */
    static Dataset blobs(int rows, int features, long seed, double zeros) {
        Random random = new Random(seed);
        float[] x = new float[rows * features];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = r % 3;
            for (int c = 0; c < features; c++) {
                if (zeros > 0 && random.nextDouble() < zeros) {
                    continue;
                }
                x[r * features + c] = (float) (random.nextGaussian() + (c % 3 == y[r] ? 2 : 0));
            }
        }
        return Dataset.ofFloats(rows, features, 3, x, y);
    }

    @Test
    void learnsXorWithTanhHiddenLayer() {
        Architecture arch = Architecture.of(2, new int[] {8}, Activation.TANH, 2);
        Network start = Network.initialise(arch, Initializer.XAVIER, 1, 42);
        TrainingSettings s = new TrainingSettings(300, 4, 0.5, Reduction.MEAN, LearningRateSchedule.constant(), true, 1);
        TrainingResult result = Trainer.train(start, xor(), xor(), s, null);
        assertFalse(result.diverged());
        assertEquals(300, result.curve().size());
        assertEquals(1.0, result.last().trainAccuracy());
        assertArrayEquals(new int[][] {{2, 0}, {0, 2}}, Evaluator.evaluate(result.network(), xor()).confusion(),
                "every XOR row in its own class");
        assertTrue(result.last().trainLoss() < result.curve().get(0).trainLoss());
    }

    @Test
    void sameSeedsGiveBitIdenticalParametersAndDifferentSeedsDoNot() {
        Dataset train = blobs(250, 12, 3);
        Dataset validation = blobs(60, 12, 4);
        Architecture arch = Architecture.of(12, new int[] {16, 8}, Activation.RELU, 3);
        TrainingSettings s = new TrainingSettings(4, 32, 0.05, Reduction.MEAN, LearningRateSchedule.step(0.5, 2), true, 9);

        TrainingResult a = Trainer.train(Network.initialise(arch, Initializer.HE, 1, 5), train, validation, s, null);
        TrainingResult b = Trainer.train(Network.initialise(arch, Initializer.HE, 1, 5), train, validation, s, null);
        assertArrayEquals(a.network().parameters(), b.network().parameters());
        assertEquals(a.curve(), b.curve());

        TrainingSettings otherShuffle = new TrainingSettings(4, 32, 0.05, Reduction.MEAN,
                LearningRateSchedule.step(0.5, 2), true, 10);
        TrainingResult c = Trainer.train(Network.initialise(arch, Initializer.HE, 1, 5), train, validation, otherShuffle, null);
        assertFalse(Arrays.equals(a.network().parameters(), c.network().parameters()));

        TrainingResult d = Trainer.train(Network.initialise(arch, Initializer.HE, 1, 6), train, validation, s, null);
        assertFalse(Arrays.equals(a.network().parameters(), d.network().parameters()));
    }

    @Test
    void reportsEveryEpochToListenerWithScheduledRateAndLearnsBlobs() {
        Dataset train = blobs(300, 6, 1);
        Dataset validation = blobs(90, 6, 2);
        Architecture arch = Architecture.of(6, new int[] {10}, Activation.SIGMOID, 3);
        TrainingSettings s = new TrainingSettings(6, 25, 0.02, Reduction.SUM, LearningRateSchedule.step(0.5, 2), false, 0);
        List<EpochMetrics> seen = new ArrayList<>();
        TrainingResult r = Trainer.train(Network.initialise(arch, Initializer.XAVIER, 1, 3), train, validation, s, seen::add);
        assertEquals(r.curve(), seen);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), seen.stream().map(EpochMetrics::epoch).toList());
        assertEquals(List.of(0.02, 0.02, 0.01, 0.01, 0.005, 0.005), seen.stream().map(EpochMetrics::learningRate).toList());
        assertTrue(r.last().validationAccuracy() > 0.9, "validation accuracy " + r.last().validationAccuracy());
        assertEquals(Evaluator.evaluate(r.network(), validation).accuracy(), r.last().validationAccuracy());
        assertEquals(Evaluator.evaluate(r.network(), train).loss(), r.last().trainLoss());
    }

    @Test
    void doesNotModifyTheStartingNetwork() {
        Architecture arch = Architecture.of(2, new int[] {3}, Activation.RELU, 2);
        Network start = Network.initialise(arch, Initializer.HE, 1, 1);
        float[] before = start.parameters();
        Trainer.train(start, xor(), xor(), new TrainingSettings(3, 2, 0.1, Reduction.SUM,
                LearningRateSchedule.constant(), true, 0), null);
        assertArrayEquals(before, start.parameters());
    }

    @Test
    void usesTheLastPartialBatch() {
        // 3 rows, batch 2, SUM: one epoch equals two manual steps on rows {0,1} then {2}.
        Dataset three = Dataset.ofFloats(3, 2, 2, new float[] {1, 0, 0, 1, 1, 1}, new int[] {0, 1, 1});
        Architecture arch = Architecture.of(2, new int[0], Activation.RELU, 2);
        Network start = Network.initialise(arch, Initializer.NORMAL, 1, 3);
        Network trained = Trainer.train(start, three, three, new TrainingSettings(1, 2, 0.1, Reduction.SUM,
                LearningRateSchedule.constant(), false, 0), null).network();

        float[] p = start.parameters();
        float[] g1 = Trainer.gradient(start, new float[] {1, 0, 0, 1}, new int[] {0, 1}, 2);
        for (int i = 0; i < p.length; i++) {
            p[i] -= 0.1f * g1[i];
        }
        Network mid = Network.ofParameters(arch, p);
        float[] g2 = Trainer.gradient(mid, new float[] {1, 1}, new int[] {1}, 1);
        for (int i = 0; i < p.length; i++) {
            p[i] -= 0.1f * g2[i];
        }
        assertArrayEquals(p, trained.parameters(), 1e-6f);
        assertNotEquals(mid, trained);
    }

    @Test
    void meanReductionDividesTheSummedStepByTheBatchSize() {
        Dataset data = blobs(8, 4, 7);
        Architecture arch = Architecture.of(4, new int[] {5}, Activation.TANH, 3);
        Network start = Network.initialise(arch, Initializer.XAVIER, 1, 8);
        Network sum = Trainer.train(start, data, data, new TrainingSettings(1, 8, 0.01, Reduction.SUM,
                LearningRateSchedule.constant(), false, 0), null).network();
        Network mean = Trainer.train(start, data, data, new TrainingSettings(1, 8, 0.08, Reduction.MEAN,
                LearningRateSchedule.constant(), false, 0), null).network();
        assertArrayEquals(sum.parameters(), mean.parameters(), 1e-6f);
    }

    @Test
    void absurdLearningRateReportsDivergenceWithoutThrowing() {
        Dataset train = blobs(200, 10, 1);
        Architecture arch = Architecture.of(10, new int[] {20, 20}, Activation.RELU, 3);
        TrainingSettings s = new TrainingSettings(50, 10, 1e6, Reduction.SUM, LearningRateSchedule.constant(), false, 0);
        TrainingResult r = Trainer.train(Network.initialise(arch, Initializer.HE, 1, 2), train, train, s, null);
        assertTrue(r.diverged());
        assertTrue(r.curve().size() < 50, "stopped early after " + r.curve().size() + " epochs");
        assertFalse(r.last().isFinite() && allFinite(r.network().parameters()));
        for (int i = 0; i < r.curve().size() - 1; i++) {
            assertTrue(r.curve().get(i).isFinite());
        }
    }

    private static boolean allFinite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
