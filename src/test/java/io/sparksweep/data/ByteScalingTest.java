package io.sparksweep.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteScalingTest {
    @Test
    void vectorAndPlainLoopsGiveTheSameBitsForEveryByteAndOddLengths() {
        byte[] src = new byte[256 * 4 + 7];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (i * 37);
        }
        for (int n : new int[]{0, 1, 15, 16, 17, 784, src.length - 3}) {
            float[] plain = new float[n + 2];
            float[] vector = new float[n + 2];
            ByteScaling.scalar(src, 3, plain, 2, n, 0);
            VectorByteScaling.toFloats(src, 3, vector, 2, n);
            assertArrayEquals(plain, vector, "n = " + n);
        }
        float[] one = new float[1];
        ByteScaling.toFloats(new byte[]{(byte) 255}, 0, one, 0, 1);
        assertEquals(1f, one[0]);
        ByteScaling.toFloats(new byte[]{(byte) 128}, 0, one, 0, 1);
        assertEquals(128 * (1f / 255f), one[0]);
    }
}
