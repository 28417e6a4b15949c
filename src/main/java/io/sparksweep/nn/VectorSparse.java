package io.sparksweep.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SparseInput}'s loops on the Vector API: several columns at a time, each lane summing its
 * terms in the same order with the same fused multiply-adds as the plain loops, so the results
 * are the same bit for bit. Loaded only when the {@code jdk.incubator.vector} module is present
 * ({@link Activation#VECTOR_API}). Rows are padded to whole vectors ({@link #paddedWidth}), so
 * there is no remainder. Vectors never cross a method boundary here, and there is one species:
 * a vector passed to a method the JIT does not inline, or a second species in the method (as
 * measured on JDK 17), is boxed on every operation, which costs fifty times the arithmetic.
 */
final class VectorSparse {
    private static final VectorSpecies<Float> FULL = FloatVector.SPECIES_PREFERRED;
    private VectorSparse() {
    }

    /**
     * Columns {@code [0, j)} of {@link SparseInput#sums}, for the largest {@code j} whole vectors
     * cover; returns {@code j}, leaving the rest to the plain loop.
     */
    static int sums(float[] m, int[] offsets, int offsetsFrom, float[] values, int valuesFrom, int n,
                    float[] dest, int destFrom, int width) {
        int lanes = FULL.length();
        int j = 0;
        // Four vectors of columns per pass over the terms: four independent chains of multiply-adds.
        for (; j + 4 * lanes <= width; j += 4 * lanes) {
            FloatVector a0 = FloatVector.zero(FULL);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int p = 0; p < n; p++) {
                int o = offsets[offsetsFrom + p] + j;
                FloatVector v = FloatVector.broadcast(FULL, values[valuesFrom + p]);
                a0 = v.fma(FloatVector.fromArray(FULL, m, o), a0);
                a1 = v.fma(FloatVector.fromArray(FULL, m, o + lanes), a1);
                a2 = v.fma(FloatVector.fromArray(FULL, m, o + 2 * lanes), a2);
                a3 = v.fma(FloatVector.fromArray(FULL, m, o + 3 * lanes), a3);
            }
            a0.intoArray(dest, destFrom + j);
            a1.intoArray(dest, destFrom + j + lanes);
            a2.intoArray(dest, destFrom + j + 2 * lanes);
            a3.intoArray(dest, destFrom + j + 3 * lanes);
        }
        for (; j + lanes <= width; j += lanes) {
            FloatVector a = FloatVector.zero(FULL);
            for (int p = 0; p < n; p++) {
                a = FloatVector.broadcast(FULL, values[valuesFrom + p])
                        .fma(FloatVector.fromArray(FULL, m, offsets[offsetsFrom + p] + j), a);
            }
            a.intoArray(dest, destFrom + j);
        }
        return j;
    }

    /** {@code width} rounded up to whole vectors: the row stride {@link SparseInput} pads its rows to. */
    static int paddedWidth(int width) {
        int lanes = FULL.length();
        return (width + lanes - 1) / lanes * lanes;
    }

    /** Elements {@code [0, j)} of {@link SparseInput#addScaled}, whole vectors only; returns {@code j}. */
    static int addScaled(float alpha, float[] x, float[] dest, int destFrom, int width) {
        int lanes = FULL.length();
        FloatVector a = FloatVector.broadcast(FULL, alpha);
        int j = 0;
        for (; j + lanes <= width; j += lanes) {
            a.fma(FloatVector.fromArray(FULL, x, j), FloatVector.fromArray(FULL, dest, destFrom + j))
                    .intoArray(dest, destFrom + j);
        }
        return j;
    }
}
