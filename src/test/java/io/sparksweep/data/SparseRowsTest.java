package io.sparksweep.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseRowsTest {

    /** {@code rows × features} bytes, about {@code zeros} of them 0, labels in {0, 1, 2}. */
    static Dataset bytes(int rows, int features, double zeros, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[rows * features];
        int[] labels = new int[rows];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextDouble() < zeros ? 0 : (byte) (1 + random.nextInt(255));
        }
        for (int r = 0; r < rows; r++) {
            labels[r] = r % 3;
        }
        return Dataset.ofBytes(rows, features, 3, pixels, labels);
    }

    @Test
    void holdsEveryNonzeroFeatureOfEveryRowInColumnOrderAndNothingElse() {
        // 300 rows span two of the builder's chunks of rows.
        Dataset data = bytes(300, 45, 0.8, 1);
        SparseRows nz = data.nonzeros();
        long expected = 0;
        for (int r = 0; r < data.rows(); r++) {
            int p = nz.start(r);
            for (int k = 0; k < data.features(); k++) {
                float v = data.feature(r, k);
                if (v != 0f) {
                    assertEquals(k, nz.columns()[p], "row " + r);
                    assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(nz.values()[p]), "row " + r + " col " + k);
                    p++;
                    expected++;
                }
            }
            assertEquals(nz.start(r + 1), p, "row " + r + " has no other entries");
        }
        assertEquals(expected, nz.nonzeros());
        assertTrue(expected > 300 * 45 * 0.15 && expected < 300 * 45 * 0.25, "about 20% nonzero: " + expected);
    }

    @Test
    void floatRowsAndAllZeroRowsToo() {
        Dataset d = Dataset.ofFloats(3, 4, 2, new float[] {0, -1.5f, 0, 2, 0, 0, 0, 0, 3, 0, 0, -0f}, new int[] {0, 1, 0});
        SparseRows nz = d.nonzeros();
        assertEquals(3, nz.nonzeros(), "-0 counts as zero");
        assertEquals(0, nz.start(0));
        assertEquals(2, nz.start(1));
        assertEquals(2, nz.start(2), "row 1 is empty");
        assertEquals(3, nz.start(3));
        assertEquals(1, nz.columns()[0]);
        assertEquals(-1.5f, nz.values()[0]);
        assertEquals(3, nz.columns()[1]);
        assertEquals(0, nz.columns()[2]);
        assertEquals(3f, nz.values()[2]);
    }

    @Test
    void theFlagTravelsWithSlicesAndTheNonzerosAreBuiltOncePerDataset() {
        Dataset d = bytes(20, 8, 0.5, 2);
        assertFalse(d.sparseProducts());
        Dataset s = d.withSparseProducts(true);
        assertTrue(s.sparseProducts());
        assertTrue(s.slice(5, 10).sparseProducts());
        assertFalse(d.slice(5, 10).sparseProducts());
        assertSame(s, s.withSparseProducts(true));
        assertSame(s.nonzeros(), s.nonzeros());
        assertEquals(d.nonzeros().nonzeros(), s.nonzeros().nonzeros(), "the same features either way");
    }

    @Test
    void rowsWiderThanSixteenBitColumnsAreRefused() {
        int wide = SparseRows.MAX_FEATURES + 1;
        Dataset d = Dataset.ofFloats(1, wide, 2, new float[wide], new int[] {0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.withSparseProducts(true));
        assertEquals("sparse products need at most 65536 features, the data has 65537", e.getMessage());
    }
}
