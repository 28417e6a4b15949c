package io.sparksweep.nn;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element-wise non-linearity of a hidden layer, {@code a = f(s)}.
 *
 * <p>Each constant applies itself in place over a float range and multiplies a delta by its
 * derivative. The derivative is computed from the <em>activation</em> {@code a = f(s)}, not
 * from the pre-activation {@code s}, so training keeps one buffer per layer; this is exact
 * for all four functions because each is monotone and its derivative is a function of its
 * value. At the ReLU kink {@code s = 0} the derivative is taken as 0 (ReLU) or the leak slope
 * (leaky ReLU).
 */
public enum Activation {
    /** Rectified linear unit, {@code max(0, s)}; derivative 1 for {@code s > 0}, else 0. */
    RELU("relu") {
        @Override
        public void apply(float[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                values[i] = Math.max(0f, values[i]);
            }
        }

        @Override
        void applyWithBias(float[] values, int from, int to, float[] bias, int biasFrom) {
            for (int i = from, j = biasFrom; i < to; i++, j++) {
                values[i] = Math.max(0f, values[i] + bias[j]);
            }
        }

        @Override
        public void multiplyByDerivative(float[] activations, float[] delta, int from, int to) {
            if (VECTOR_API) {
                VectorActivations.reluDerivative(activations, delta, from, to);
                return;
            }
            for (int i = from; i < to; i++) {
                delta[i] = activations[i] > 0f ? delta[i] : 0f;
            }
        }
    },
    /**
     * Hyperbolic tangent; derivative {@code 1 - a²}. Computed in double as
     * {@code 1 - 2 / (e^{2s} + 1)} (Math.exp is a JIT intrinsic, several times faster than
     * Math.tanh), and as {@code s} itself for {@code |s| < 1e-4}, where {@code tanh s = s} to
     * within a relative {@code s²/3 < 3.4e-9}, below float precision; the result is the float
     * nearest to tanh(s) up to a few double ulps. In training, with the Vector API present, the
     * exponentials are computed several lanes at a time with the same result bit for bit
     * ({@link VectorActivations}).
     */
    TANH("tanh") {
        @Override
        public void apply(float[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                values[i] = tanh(values[i]);
            }
        }

        @Override
        void applyWithBias(float[] values, int from, int to, float[] bias, int biasFrom) {
            if (VECTOR_API) {
                VectorActivations.tanhWithBias(values, from, to, bias, biasFrom);
                return;
            }
            for (int i = from, j = biasFrom; i < to; i++, j++) {
                values[i] = tanh(values[i] + bias[j]);
            }
        }

        @Override
        public void multiplyByDerivative(float[] activations, float[] delta, int from, int to) {
            for (int i = from; i < to; i++) {
                float a = activations[i];
                delta[i] *= 1f - a * a;
            }
        }
    },
    /** Logistic sigmoid {@code 1 / (1 + e^-s)}; derivative {@code a (1 - a)}. */
    SIGMOID("sigmoid") {
        @Override
        public void apply(float[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                values[i] = (float) (1.0 / (1.0 + Math.exp(-values[i])));
            }
        }

        @Override
        public void multiplyByDerivative(float[] activations, float[] delta, int from, int to) {
            for (int i = from; i < to; i++) {
                float a = activations[i];
                delta[i] *= a * (1f - a);
            }
        }
    },
    /**
     * Leaky ReLU, {@code s} for {@code s > 0} and {@code 0.01 s} otherwise (slope
     * {@link #LEAKY_SLOPE}, the value of Maas, Hannun and Ng 2013).
     */
    LEAKY_RELU("leaky_relu") {
        @Override
        public void apply(float[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                float s = values[i];
                values[i] = s > 0f ? s : LEAKY_SLOPE * s;
            }
        }

        @Override
        public void multiplyByDerivative(float[] activations, float[] delta, int from, int to) {
            for (int i = from; i < to; i++) {
                delta[i] = activations[i] > 0f ? delta[i] : LEAKY_SLOPE * delta[i];
            }
        }
    };

    /**
     * Whether the JVM has the {@code jdk.incubator.vector} module (Spark's launch flags add it), so
     * that {@link VectorActivations} can be used; without it the plain loops run, with the same results.
     */
    static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Slope of {@link #LEAKY_RELU} for negative inputs: 0.01. */
    public static final float LEAKY_SLOPE = 0.01f;

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** The identifier used in config files and reports: "relu", "tanh", "sigmoid" or "leaky_relu". */
    public String id() {
        return id;
    }

    /**
     * The activation with identifier {@code id} (case-sensitive, as {@link #id()} returns it).
     *
     * @throws IllegalArgumentException if no activation has that id; the message lists the valid ids
     */
    public static Activation fromId(String id) {
        for (Activation a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + id + "', expected one of "
                + Arrays.stream(values()).map(Activation::id).collect(Collectors.joining(", ")));
    }

    /**
     * Replaces {@code values[from .. to)}, pre-activations {@code s}, by {@code f(s)}.
     *
     * @throws ArrayIndexOutOfBoundsException if the range is outside the array
     */
    public abstract void apply(float[] values, int from, int to);

    /** tanh of {@code s} as {@link #TANH} computes it: the formula, or {@code s} for {@code |s| < 1e-4}. */
    static float tanh(float s) {
        return Math.abs(s) >= 1e-4f || Float.isNaN(s) ? tanhFormula(s) : s;
    }

    /** {@code (float) (1 - 2 / (e^{2s} + 1))} in double, for every {@code s}. */
    static float tanhFormula(float s) {
        return (float) (1.0 - 2.0 / (Math.exp(2.0 * s) + 1.0));
    }

    /**
     * Replaces {@code values[from + i]} by {@code f(values[from + i] + bias[biasFrom + i])} for
     * {@code i} in {@code [0, to - from)}: a layer's bias and activation in one pass over the row,
     * the same float operations as adding the bias and then calling {@link #apply}.
     */
    void applyWithBias(float[] values, int from, int to, float[] bias, int biasFrom) {
        for (int i = from, j = biasFrom; i < to; i++, j++) {
            values[i] += bias[j];
        }
        apply(values, from, to);
    }

    /**
     * Multiplies {@code delta[i]} by {@code f'(s_i)} for {@code i} in {@code [from, to)}, where
     * {@code activations[i] = f(s_i)} is the output of {@link #apply}.
     *
     * @throws ArrayIndexOutOfBoundsException if the range is outside either array
     */
    public abstract void multiplyByDerivative(float[] activations, float[] delta, int from, int to);
}
