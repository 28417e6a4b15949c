package io.sparksweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void tanhIsWithinOneFloatUlpOfMathTanhAcrossTheRange() {
        float[] s = new float[20001];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) ((i - 10000) * 1e-3 * Math.abs(i - 10000) * 1e-3); // -100 .. 100, dense near 0
        }
        float[] extra = {0f, -0f, 1e-30f, -1e-5f, 9.9e-5f, 1e-4f, 1e4f, -1e4f, Float.MAX_VALUE, -Float.MAX_VALUE};
        float[] all = new float[s.length + extra.length];
        System.arraycopy(s, 0, all, 0, s.length);
        System.arraycopy(extra, 0, all, s.length, extra.length);
        float[] a = all.clone();
        Activation.TANH.apply(a, 0, a.length);
        for (int i = 0; i < all.length; i++) {
            float expected = (float) Math.tanh(all[i]);
            assertEquals(expected, a[i], Math.ulp(expected), "tanh(" + all[i] + ")");
        }
        float[] nan = {Float.NaN};
        Activation.TANH.apply(nan, 0, 1);
        assertTrue(Float.isNaN(nan[0]));
    }

    /** Pre-activations: dense over [-20, 20], every float near ±1e-4 and ±9 (where tanh reaches ±1f), specials. */
    private static float[] preActivations() {
        List<Float> v = new ArrayList<>();
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            v.add(i * 1e-5f);
        }
        for (float edge : new float[] {1e-4f, 9.01f}) {
            int bits = Float.floatToIntBits(edge);
            for (int d = -20_000; d <= 20_000; d++) {
                v.add(Float.intBitsToFloat(bits + d));
                v.add(-Float.intBitsToFloat(bits + d));
            }
        }
        Random random = new Random(5);
        for (int i = 0; i < 1_000_000; i++) {
            v.add((float) (random.nextGaussian() * 10));
            v.add(Float.intBitsToFloat(random.nextInt()));
        }
        for (float f : new float[] {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 400f, -400f, 1e4f}) {
            v.add(f);
        }
        float[] out = new float[v.size() - v.size() % 100];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    /** The scalar loops as they were before the fused and vectorised passes, the reference for the bits. */
    private static void addBiasThenApplyScalar(Activation f, float[] s, float[] bias) {
        for (int r = 0; r < s.length / bias.length; r++) {
            int base = r * bias.length;
            for (int j = 0; j < bias.length; j++) {
                s[base + j] += bias[j];
            }
            for (int i = base; i < base + bias.length; i++) {
                float x = s[i];
                if (f == Activation.TANH) {
                    if (Math.abs(x) >= 1e-4f || Float.isNaN(x)) {
                        s[i] = (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0));
                    }
                } else {
                    s[i] = Math.max(0f, x);
                }
            }
        }
    }

    @Test
    void fusedBiasAndActivationGiveTheScalarLoopsBitsExactly() {
        float[] bias = new float[100];
        Random random = new Random(3);
        for (int j = 0; j < bias.length; j++) {
            bias[j] = j % 10 == 0 ? 0f : (float) random.nextGaussian() * 1e-3f;
        }
        float[] s = preActivations();
        for (Activation f : new Activation[] {Activation.TANH, Activation.RELU, Activation.SIGMOID, Activation.LEAKY_RELU}) {
            float[] expected = s.clone();
            if (f == Activation.TANH || f == Activation.RELU) {
                addBiasThenApplyScalar(f, expected, bias);
            } else {
                for (int r = 0; r < s.length / 100; r++) {
                    for (int j = 0; j < 100; j++) {
                        expected[r * 100 + j] += bias[j];
                    }
                    f.apply(expected, r * 100, r * 100 + 100);
                }
            }
            float[] actual = s.clone();
            for (int r = 0; r < s.length / 100; r++) {
                f.applyWithBias(actual, r * 100, r * 100 + 100, bias, 0);
            }
            for (int i = 0; i < s.length; i++) {
                if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                    throw new AssertionError(f.id() + "(" + s[i] + " + " + bias[i % 100] + "): expected " + expected[i]
                            + ", got " + actual[i]);
                }
            }
        }
    }

    @Test
    void reluDerivativeGivesTheScalarLoopsBitsExactly() {
        float[] a = preActivations();
        float[] d = new float[a.length];
        Random random = new Random(4);
        for (int i = 0; i < d.length; i++) {
            d[i] = i % 7 == 0 ? Float.NaN : (float) random.nextGaussian();
        }
        float[] expected = d.clone();
        for (int i = 0; i < a.length; i++) {
            expected[i] = a[i] > 0f ? expected[i] : 0f;
        }
        float[] actual = d.clone();
        Activation.RELU.multiplyByDerivative(a, actual, 3, a.length - 5); // odd bounds: vector body and scalar tail
        System.arraycopy(expected, 0, actual, 0, 3);
        System.arraycopy(expected, a.length - 5, actual, a.length - 5, 5);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), "relu'(" + a[i] + ")");
        }
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        float[] v = {-1e4f, 0f, 1e4f};
        Activation.SIGMOID.apply(v, 0, 3);
        assertEquals(0f, v[0]);
        assertEquals(0.5f, v[1]);
        assertEquals(1f, v[2]);
    }

    @Test
    void reluDerivativeIsZeroAtAndBelowTheKink() {
        float[] a = {0f, 0f, 2f};
        float[] d = {5f, -5f, 5f};
        Activation.RELU.multiplyByDerivative(a, d, 0, 3);
        assertEquals(0f, d[0]);
        assertEquals(0f, d[1]);
        assertEquals(5f, d[2]);
    }
}
