package io.sparksweep.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
