package io.sparksweep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparksweep.data.Dataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-worked 3-2-2-3 example of SEED-EXPERIMENT.md, derived here from scratch.
 *
 * <pre>
 * x = [1, -1, 1], y = [0, 0, 1] (class 2), ReLU in both hidden layers, lr = 0.5, batch 1, SUM.
 *
 * Forward
 *   s1 = W1 x + b1 = [1+2+1+1, 3-4-2-2]          = [5, -5]     a1 = relu(s1) = [5, 0]
 *   s2 = W2 a1 + b2 = [5+0+1, 15+0+0]           = [6, 15]     a2 = [6, 15]
 *   s3 = W3 a2 + b3 = [12+30+0, 18-45-4, 12+15-2] = [42, -31, 25]
 *   a3 = softmax(s3) = [1, e^-73, e^-17] / Z,  Z = 1 + e^-73 + e^-17
 *      write eps = e^-17 / Z ≈ 4.1399e-8 and eta = e^-73 / Z ≈ 1.98e-32:
 *   a3 = [1 - eps - eta, eta, eps]
 *
 * Backward (deltas use the OLD weights)
 *   d3 = a3 - y = [1 - eps - eta, eta, eps - 1]                          (≈ [1, 0, -1])
 *   W3ᵀ d3 = [2(1-eps-eta) + 3 eta + 2(eps-1), 2(1-eps-eta) - 3 eta + (eps-1)]
 *          = [eta, 1 - eps - 5 eta]
 *   d2 = relu'(s2) ⊙ W3ᵀ d3 = [eta, 1 - eps - 5 eta]   (s2 > 0)           (≈ [0, 1])
 *   W2ᵀ d2 = [eta + 3(1-eps-5eta), -2 eta + 4(1-eps-5eta)]
 *   d1 = relu'(s1) ⊙ W2ᵀ d2 = [3 - 3 eps - 14 eta, 0]   (s1[1] = -5 < 0) (≈ [3, 0])
 *
 * Update, W -= lr · d aᵀ, b -= lr · d
 *   W3' = W3 - 0.5 d3 a2ᵀ = [[2 - 3(1-eps-eta), 2 - 7.5(1-eps-eta)],
 *                            [3 - 3 eta,         -3 - 7.5 eta],
 *                            [2 + 3(1-eps),       1 + 7.5(1-eps)]]
 *       ≈ [[-1, -5.5], [3, -3], [5, 8.5]]
 *   b3' = b3 - 0.5 d3 = [-0.5(1-eps-eta), -4 - 0.5 eta, -2 + 0.5(1-eps)] ≈ [-0.5, -4, -1.5]
 *   W2' = W2 - 0.5 d2 a1ᵀ = [[1 - 2.5 eta, -2], [3 - 2.5(1-eps-5eta), 4]] ≈ [[1, -2], [0.5, 4]]
 *         (column 2 exactly unchanged: a1[1] = 0)
 *   b2' = [1 - 0.5 eta, -0.5(1-eps-5eta)] ≈ [1, -0.5]
 *   W1' = W1 - 0.5 d1 xᵀ = [[1 - 1.5 c, -2 + 1.5 c, 1 - 1.5 c], [3, 4, -2]],  c = 1 - eps - 14/3 eta
 *       ≈ [[-0.5, -0.5, -0.5], [3, 4, -2]]  (row 2 exactly unchanged: relu'(-5) = 0)
 *   b1' = [1 - 1.5 c, -2] ≈ [-0.5, -2]
 * </pre>
 *
 * In float32, 1 + eps rounds to 1 and the products carry rounding of a few ulp, so updated
 * values are checked to 1e-6 against these exact doubles; entries that ReLU or a zero
 * activation leave untouched are checked for exact equality.
 */
class WorkedExampleTest {
    private static final double E17 = Math.exp(-17);
    private static final double E73 = Math.exp(-73);
    private static final double Z = 1 + E73 + E17;
    private static final double EPS = E17 / Z;
    private static final double ETA = E73 / Z;
    private static final double TOL = 1e-6;

    private static final Architecture ARCH =
            new Architecture(3, new int[] {2, 2}, new Activation[] {Activation.RELU, Activation.RELU}, 3);

    private static Network seedNetwork() {
        return Network.of(ARCH,
                List.of(new float[] {1, -2, 1, 3, 4, -2}, new float[] {1, -2, 3, 4}, new float[] {2, 2, 3, -3, 2, 1}),
                List.of(new float[] {1, -2}, new float[] {1, 0}, new float[] {0, -4, -2}));
    }

    @Test
    void forwardPassGivesHandDerivedActivations() {
        Workspace ws = new Workspace(ARCH, 1);
        System.arraycopy(new float[] {1, -1, 1}, 0, ws.acts[0], 0, 3);
        ws.labels[0] = 2;
        ws.forward(seedNetwork().parameters(), 1);
        assertArrayEquals(new float[] {5, 0}, ws.acts[1]);
        assertArrayEquals(new float[] {6, 15}, ws.acts[2]);
        assertArrayEquals(new float[] {42, -31, 25}, ws.acts[3]);
        double loss = ws.softmax(1);
        // -ln a3[2] = ln Z + 17
        assertEquals(17 + Math.log(Z), loss, 1e-9);
        assertEquals(1 - EPS - ETA, ws.acts[3][0], TOL);
        assertEquals(ETA, ws.acts[3][1], 1e-38);
        assertEquals(EPS, ws.acts[3][2], 1e-14);
    }

    @Test
    void oneSgdStepGivesHandDerivedWeightsAndBiases() {
        Dataset one = Dataset.ofFloats(1, 3, 3, new float[] {1, -1, 1}, new int[] {2});
        TrainingSettings settings = new TrainingSettings(1, 1, 0.5, Reduction.SUM,
                LearningRateSchedule.constant(), false, 0);
        Network after = Trainer.train(seedNetwork(), one, one, settings, null).network();

        double c = 1 - EPS - 14.0 / 3 * ETA;
        assertClose(new double[] {1 - 1.5 * c, -2 + 1.5 * c, 1 - 1.5 * c, 3, 4, -2}, after.weights(0));
        assertClose(new double[] {1 - 1.5 * c, -2}, after.biases(0));
        assertClose(new double[] {1 - 2.5 * ETA, -2, 3 - 2.5 * (1 - EPS - 5 * ETA), 4}, after.weights(1));
        assertClose(new double[] {1 - 0.5 * ETA, -0.5 * (1 - EPS - 5 * ETA)}, after.biases(1));
        assertClose(new double[] {
            2 - 3 * (1 - EPS - ETA), 2 - 7.5 * (1 - EPS - ETA),
            3 - 3 * ETA, -3 - 7.5 * ETA,
            2 + 3 * (1 - EPS), 1 + 7.5 * (1 - EPS)}, after.weights(2));
        assertClose(new double[] {-0.5 * (1 - EPS - ETA), -4 - 0.5 * ETA, -2 + 0.5 * (1 - EPS)}, after.biases(2));

        // Updates that are exactly zero: relu'(s1[1] = -5) = 0 and a1[1] = 0.
        float[] w1 = after.weights(0);
        assertEquals(3f, w1[3]);
        assertEquals(4f, w1[4]);
        assertEquals(-2f, w1[5]);
        assertEquals(-2f, after.biases(0)[1]);
        float[] w2 = after.weights(1);
        assertEquals(-2f, w2[1]);
        assertEquals(4f, w2[3]);
    }

    @Test
    void updatedWeightsRoundToTheSummaryValues() {
        Dataset one = Dataset.ofFloats(1, 3, 3, new float[] {1, -1, 1}, new int[] {2});
        TrainingSettings settings = new TrainingSettings(1, 1, 0.5, Reduction.SUM,
                LearningRateSchedule.constant(), false, 0);
        Network after = Trainer.train(seedNetwork(), one, one, settings, null).network();
        assertArrayEquals(new float[] {-0.5f, -0.5f, -0.5f, 3, 4, -2}, after.weights(0), 1e-6f);
        assertArrayEquals(new float[] {-0.5f, -2}, after.biases(0), 1e-6f);
        assertArrayEquals(new float[] {1, -2, 0.5f, 4}, after.weights(1), 1e-6f);
        assertArrayEquals(new float[] {1, -0.5f}, after.biases(1), 1e-6f);
        assertArrayEquals(new float[] {-1, -5.5f, 3, -3, 5, 8.5f}, after.weights(2), 1e-6f);
        assertArrayEquals(new float[] {-0.5f, -4, -1.5f}, after.biases(2), 1e-6f);
    }

    private static void assertClose(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOL, "index " + i);
        }
    }
}
