package io.sparksweep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InitializerTest {
    private static final Architecture MNIST = Architecture.of(784, new int[] {100}, Activation.RELU, 10);

    @Test
    void heWeightsHaveStdSqrtTwoOverFanInAndZeroBiases() {
        Network net = Network.initialise(MNIST, Initializer.HE, 1, 243);
        float[] w = net.weights(0);
        assertEquals(78400, w.length);
        assertEquals(0, mean(w), 0.001);
        double expected = Math.sqrt(2.0 / 784);
        assertEquals(1, std(w) / expected, 0.02);
        assertEquals(1, std(net.weights(1)) / Math.sqrt(2.0 / 100), 0.15); // only 1000 samples
        assertArrayEquals(new float[100], net.biases(0));
        assertArrayEquals(new float[10], net.biases(1));
    }

    @Test
    void xavierWeightsHaveStdSqrtTwoOverFanInPlusFanOut() {
        Network net = Network.initialise(MNIST, Initializer.XAVIER, 1, 243);
        assertEquals(1, std(net.weights(0)) / Math.sqrt(2.0 / (784 + 100)), 0.02);
        assertArrayEquals(new float[100], net.biases(0));
    }

    @Test
    void normalWithSigmaOneHasUnitStdForWeightsAndBiases() {
        Network net = Network.initialise(MNIST, Initializer.NORMAL, 1, 243);
        assertEquals(0, mean(net.weights(0)), 0.02);
        assertEquals(1, std(net.weights(0)), 0.02);
        assertEquals(1, std(net.biases(0)), 0.3); // 100 samples
        assertEquals(0.1, std(Network.initialise(MNIST, Initializer.NORMAL, 0.1, 1).weights(0)), 0.002);
    }

    @Test
    void drawsLayerByLayerWeightsRowMajorThenBiasesFromJavaUtilRandom() {
        Architecture arch = Architecture.of(2, new int[] {2}, Activation.TANH, 2);
        float[] p = Network.initialise(arch, Initializer.NORMAL, 0.5, 99).parameters();
        Random random = new Random(99);
        for (int i = 0; i < p.length; i++) {
            assertEquals((float) (0.5 * random.nextGaussian()), p[i], "parameter " + i);
        }
    }

    @Test
    void rejectsNonPositiveSigmaForNormal() {
        assertEquals("sigma = 0.0, must be a finite number > 0", assertThrows(IllegalArgumentException.class,
                () -> Network.initialise(MNIST, Initializer.NORMAL, 0, 1)).getMessage());
    }

    @Test
    void idsRoundTripAndUnknownIdListsValidOnes() {
        for (Initializer i : Initializer.values()) {
            assertEquals(i, Initializer.fromId(i.id()));
        }
        assertEquals("unknown initializer 'glorot', expected one of normal, xavier, he",
                assertThrows(IllegalArgumentException.class, () -> Initializer.fromId("glorot")).getMessage());
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
