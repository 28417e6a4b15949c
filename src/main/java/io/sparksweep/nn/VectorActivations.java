package io.sparksweep.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Activation}'s element-wise passes on the Vector API, bit for bit the scalar results;
 * loaded only when the {@code jdk.incubator.vector} module is present
 * ({@link Activation#VECTOR_API}; this class must not even be loaded otherwise).
 *
 * <p><b>tanh.</b> The scalar function is {@code (float) (1 - 2 / (Math.exp(2s) + 1))} in double,
 * and {@code s} itself for {@code |s| < 1e-4}. Here the exponential is the Vector API's
 * {@code EXP}, which its specification holds to the accuracy of {@code Math.exp} (within 1 ulp of
 * the exact value), so the two exponentials differ by at most 2 ulps, a relative
 * {@code 2^-51}. Propagated through {@code + 1} (relative difference {@code <= 2^-50}),
 * {@code 2 /} ({@code <= 2^-49} relative of a quotient {@code <= 2}) and {@code 1 -} (each
 * operation rounded correctly), the two double results differ by less than {@code 2^-47}. Each
 * lane is therefore rounded to float at {@code d - 2^-42} and {@code d + 2^-42} (a margin of 32
 * times that bound): where both give the
 * same float, float rounding being monotone, that float is the scalar result. Where they differ
 * (the double result lies within {@code 2^-42} of a point halfway between two floats; rare, and
 * also NaN) the lanes of that vector are computed by the scalar function. Lanes with
 * {@code |s| < 1e-4} keep {@code s}.
 *
 * <p><b>ReLU derivative.</b> {@code a > 0 ? delta : 0f} as a lane-wise compare and blend.
 */
final class VectorActivations {
    private VectorActivations() {
    }

    /** Species of the tanh path: doubles of the preferred shape, floats with as many lanes. */
    private static final class Tanh {
        static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
        static final VectorSpecies<Float> FLOATS =
                VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
        static final double MARGIN = 0x1p-42;
    }

    /** Species of the float-only passes. */
    private static final class Floats {
        static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    }

    /** {@code values[i] = tanh(values[i] + bias[j])} over the range, as {@link Activation#TANH}. */
    static void tanhWithBias(float[] values, int from, int to, float[] bias, int biasFrom) {
        VectorSpecies<Float> fs = Tanh.FLOATS;
        VectorSpecies<Double> ds = Tanh.DOUBLES;
        int lanes = fs.length();
        int n = to - from;
        int i = 0;
        for (int bound = n - n % lanes; i < bound; i += lanes) {
            FloatVector s = FloatVector.fromArray(fs, values, from + i).add(FloatVector.fromArray(fs, bias, biasFrom + i));
            DoubleVector d = (DoubleVector) s.convertShape(VectorOperators.F2D, ds, 0);
            DoubleVector e = d.mul(2.0).lanewise(VectorOperators.EXP);
            DoubleVector t = DoubleVector.broadcast(ds, 1.0).sub(DoubleVector.broadcast(ds, 2.0).div(e.add(1.0)));
            FloatVector low = (FloatVector) t.sub(Tanh.MARGIN).convertShape(VectorOperators.D2F, fs, 0);
            FloatVector high = (FloatVector) t.add(Tanh.MARGIN).convertShape(VectorOperators.D2F, fs, 0);
            VectorMask<Float> small = s.abs().compare(VectorOperators.LT, 1e-4f);
            VectorMask<Float> unsure = low.compare(VectorOperators.NE, high).andNot(small);
            if (unsure.anyTrue()) {
                // Rare: these lanes by the scalar function (kept out of the vector path, which the JIT then compiles whole).
                s.intoArray(values, from + i);
                for (int k = from + i; k < from + i + lanes; k++) {
                    values[k] = Activation.tanh(values[k]);
                }
            } else {
                low.blend(s, small).intoArray(values, from + i);
            }
        }
        for (int k = from + i, j = biasFrom + i; k < to; k++, j++) {
            values[k] = Activation.tanh(values[k] + bias[j]);
        }
    }

    /** {@code delta[i] = activations[i] > 0f ? delta[i] : 0f} over the range, as {@link Activation#RELU}. */
    static void reluDerivative(float[] activations, float[] delta, int from, int to) {
        VectorSpecies<Float> fs = Floats.FLOATS;
        int lanes = fs.length();
        int n = to - from;
        int i = 0;
        FloatVector zero = FloatVector.zero(fs);
        for (int bound = n - n % lanes; i < bound; i += lanes) {
            VectorMask<Float> positive = FloatVector.fromArray(fs, activations, from + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(fs, delta, from + i), positive).intoArray(delta, from + i);
        }
        for (int k = from + i; k < to; k++) {
            delta[k] = activations[k] > 0f ? delta[k] : 0f;
        }
    }
}
