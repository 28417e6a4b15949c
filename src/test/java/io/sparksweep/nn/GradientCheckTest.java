package io.sparksweep.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Backpropagation against central finite differences of the summed cross-entropy, computed in
 * double precision from the same (float) parameters, for every activation and two hidden layers.
 */
class GradientCheckTest {
    private static final int[] SIZES = {5, 4, 3, 3};
    private static final int ROWS = 4;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backpropMatchesCentralDifferencesWithTwoHiddenLayers(Activation activation) {
        Architecture arch = new Architecture(5, new int[] {4, 3}, new Activation[] {activation, activation}, 3);
        Network net = Network.initialise(arch, Initializer.NORMAL, 0.8, 7);
        Random random = new Random(11);
        float[] x = new float[ROWS * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        int[] labels = {0, 2, 1, 2};
        double[] p = toDouble(net.parameters());

        // Keep away from the ReLU kink: every hidden pre-activation at least 1e-2 from 0,
        // far beyond the finite-difference step 1e-6.
        assertTrue(minAbsHiddenPreActivation(activation, p, x) > 1e-2, "test point too close to a kink");

        float[] backprop = Trainer.gradient(net, x, labels, ROWS);

        double h = 1e-6;
        double diffNorm = 0;
        double refNorm = 0;
        for (int i = 0; i < p.length; i++) {
            double saved = p[i];
            p[i] = saved + h;
            double up = loss(activation, p, x, labels);
            p[i] = saved - h;
            double down = loss(activation, p, x, labels);
            p[i] = saved;
            double reference = (up - down) / (2 * h);
            double diff = backprop[i] - reference;
            assertTrue(Math.abs(diff) <= 1e-4 + 1e-3 * Math.abs(reference),
                    activation + " parameter " + i + ": backprop " + backprop[i] + " vs finite difference " + reference);
            diffNorm += diff * diff;
            refNorm += reference * reference;
        }
        assertTrue(refNorm > 1e-6, "gradient is not trivially zero");
        double relative = Math.sqrt(diffNorm / refNorm);
        assertTrue(relative < 1e-5, activation + ": relative error " + relative);
    }

    /** Summed cross-entropy in double, straight from the definition (no shared code). */
    private static double loss(Activation activation, double[] p, float[] x, int[] labels) {
        double total = 0;
        for (int r = 0; r < ROWS; r++) {
            double[][] layers = preActivations(activation, p, x, r);
            double[] z = layers[layers.length - 1];
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : z) {
                sum += Math.exp(v - max);
            }
            total += max + Math.log(sum) - z[labels[r]];
        }
        return total;
    }

    private static double minAbsHiddenPreActivation(Activation activation, double[] p, float[] x) {
        double min = Double.POSITIVE_INFINITY;
        for (int r = 0; r < ROWS; r++) {
            double[][] s = preActivations(activation, p, x, r);
            for (int l = 0; l < s.length - 1; l++) {
                for (double v : s[l]) {
                    min = Math.min(min, Math.abs(v));
                }
            }
        }
        return min;
    }

    /** Pre-activations s of every layer for sample {@code row}; the last entry is the logits. */
    private static double[][] preActivations(Activation activation, double[] p, float[] x, int row) {
        double[][] s = new double[SIZES.length - 1][];
        double[] a = new double[SIZES[0]];
        for (int i = 0; i < a.length; i++) {
            a[i] = x[row * SIZES[0] + i];
        }
        int at = 0;
        for (int l = 0; l < SIZES.length - 1; l++) {
            int in = SIZES[l];
            int out = SIZES[l + 1];
            double[] z = new double[out];
            for (int o = 0; o < out; o++) {
                double v = 0;
                for (int i = 0; i < in; i++) {
                    v += p[at + o * in + i] * a[i];
                }
                z[o] = v + p[at + in * out + o];
            }
            at += in * out + out;
            s[l] = z;
            a = new double[out];
            for (int o = 0; o < out; o++) {
                a[o] = l < SIZES.length - 2 ? f(activation, z[o]) : z[o];
            }
        }
        return s;
    }

    private static double f(Activation activation, double s) {
        switch (activation) {
            case RELU:
                return Math.max(0, s);
            case LEAKY_RELU:
                return s > 0 ? s : 0.01 * s;
            case TANH:
                return Math.tanh(s);
            case SIGMOID:
                return 1 / (1 + Math.exp(-s));
            default:
                throw new AssertionError(activation);
        }
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
