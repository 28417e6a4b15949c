package io.sparksweep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparksweep.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

    @Test
    void hugeLogitsGiveFiniteProbabilitiesAndLossPerRow() {
        float[] z = {1e4f, -1e4f, 0f, -1e4f, 1e4f, 0f};
        int[] predicted = new int[2];
        double loss = Softmax.toProbabilities(z, 2, 3, new int[] {1, 1}, predicted);
        // row 0: label logit -1e4, log-sum-exp 1e4 → loss 2e4; row 1: label is the max → loss 0
        assertEquals(2e4, loss, 1e-9);
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0}, z);
        assertArrayEquals(new int[] {0, 1}, predicted);
    }

    @Test
    void normalisesEachRowSeparately() {
        float[] z = {0, (float) Math.log(3), 100, 100};
        Softmax.toProbabilities(z, 2, 2, new int[] {0, 0}, new int[2]);
        assertArrayEquals(new float[] {0.25f, 0.75f, 0.5f, 0.5f}, z, 1e-7f);
    }

    @Test
    void networkWithHugeLogitsEvaluatesToFiniteLoss() {
        Architecture arch = Architecture.of(1, new int[0], Activation.RELU, 2);
        Network net = Network.of(arch, List.of(new float[] {1e4f, -1e4f}), List.of(new float[] {0, 0}));
        Dataset data = Dataset.ofFloats(2, 1, 2, new float[] {1, -1}, new int[] {1, 1});
        Evaluation e = Evaluator.evaluate(net, data);
        assertEquals(1e4, e.loss(), 1e-9); // (2e4 + 0) / 2
        assertEquals(0.5, e.accuracy());
        assertArrayEquals(new int[][] {{0, 0}, {1, 1}}, e.confusion());
    }
}
