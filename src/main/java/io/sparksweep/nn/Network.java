package io.sparksweep.nn;

import io.sparksweep.data.Dataset;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A fully connected network: an {@link Architecture} (structure) and ONE flat float array of
 * parameters (state), sliced by offset as Spark MLlib's {@code Layer}/{@code LayerModel}.
 *
 * <p>Layer {@code l} computes {@code s = W a + b}: {@code W} has shape {@code out × in},
 * row-major, {@code b} length {@code out}; hidden layers then apply their activation and the
 * output layer applies softmax. The flat array holds {@code W_0, b_0, W_1, b_1, …} in that
 * order. Instances are immutable: every accessor returns a copy. Serializable, so a Spark
 * task can ship one.
 */
public final class Network implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Architecture architecture;
    private final float[] parameters;
    private final int[] offsets;

    private Network(Architecture architecture, float[] parameters) {
        this.architecture = architecture;
        this.parameters = parameters;
        this.offsets = architecture.parameterOffsets();
    }

    /** Takes ownership of {@code parameters} (no copy); for trainers in this package. */
    static Network wrap(Architecture architecture, float[] parameters) {
        return new Network(architecture, parameters);
    }

    /**
     * A network with random starting parameters, drawn as {@code std · nextGaussian()} from
     * {@code new java.util.Random(seed)} (whose algorithm the JDK specifies, so results are the
     * same on every JVM) in this fixed order: layer by layer from the input; in each layer the
     * weights row-major ({@code W[0][0], W[0][1], …}), then the biases. Biases are drawn only by
     * {@link Initializer#NORMAL} (from N(0, sigma²)); XAVIER and HE set them to 0 without
     * drawing.
     *
     * @param sigma standard deviation for {@link Initializer#NORMAL} (the seed experiment used
     *              1); ignored by the others
     * @throws IllegalArgumentException if an argument is null, or {@code sigma} is not a finite
     *                                  number {@code > 0} for NORMAL
     */
    public static Network initialise(Architecture architecture, Initializer initializer, double sigma, long seed) {
        if (architecture == null || initializer == null) {
            throw new IllegalArgumentException("architecture and initializer must not be null");
        }
        if (initializer == Initializer.NORMAL && (!(sigma > 0) || Double.isInfinite(sigma))) {
            throw new IllegalArgumentException("sigma = " + sigma + ", must be a finite number > 0");
        }
        int[] sizes = architecture.layerSizes();
        int[] offsets = architecture.parameterOffsets();
        float[] p = new float[architecture.parameterCount()];
        Random random = new Random(seed);
        for (int l = 0; l < sizes.length - 1; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double std = initializer.weightStd(in, out, sigma);
            int w = offsets[2 * l];
            for (int i = 0; i < in * out; i++) {
                p[w + i] = (float) (std * random.nextGaussian());
            }
            if (initializer.drawsBiases()) {
                int b = offsets[2 * l + 1];
                for (int j = 0; j < out; j++) {
                    p[b + j] = (float) (sigma * random.nextGaussian());
                }
            }
        }
        return new Network(architecture, p);
    }

    /**
     * A network with the given weights and biases (copied).
     *
     * @param weights one array per layer, {@code out × in} row-major
     * @param biases  one array per layer, length {@code out}
     * @throws IllegalArgumentException if an argument or array is null, the lists do not have
     *                                  {@code layerCount()} entries, or an array has the wrong
     *                                  length; the message names the layer and both shapes
     */
    public static Network of(Architecture architecture, List<float[]> weights, List<float[]> biases) {
        if (architecture == null || weights == null || biases == null) {
            throw new IllegalArgumentException("architecture, weights and biases must not be null");
        }
        int layers = architecture.layerCount();
        if (weights.size() != layers || biases.size() != layers) {
            throw new IllegalArgumentException("got " + weights.size() + " weight and " + biases.size()
                    + " bias arrays, expected " + layers + " of each (one per layer of " + architecture + ")");
        }
        int[] sizes = architecture.layerSizes();
        int[] offsets = architecture.parameterOffsets();
        float[] p = new float[architecture.parameterCount()];
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] w = weights.get(l);
            float[] b = biases.get(l);
            if (w == null || w.length != in * out) {
                throw new IllegalArgumentException("layer " + l + " (" + in + " -> " + out + "): weights have "
                        + (w == null ? "null" : w.length + " values") + ", expected out x in = " + out + " x " + in
                        + " = " + (in * out));
            }
            if (b == null || b.length != out) {
                throw new IllegalArgumentException("layer " + l + " (" + in + " -> " + out + "): biases have "
                        + (b == null ? "null" : b.length + " values") + ", expected " + out);
            }
            System.arraycopy(w, 0, p, offsets[2 * l], w.length);
            System.arraycopy(b, 0, p, offsets[2 * l + 1], b.length);
        }
        return new Network(architecture, p);
    }

    /**
     * A network from a flat parameter array in the layout of {@link #parameters()} (copied).
     *
     * @throws IllegalArgumentException if the length is not {@code architecture.parameterCount()}
     */
    public static Network ofParameters(Architecture architecture, float[] parameters) {
        if (architecture == null || parameters == null) {
            throw new IllegalArgumentException("architecture and parameters must not be null");
        }
        if (parameters.length != architecture.parameterCount()) {
            throw new IllegalArgumentException("parameters have " + parameters.length + " values, expected "
                    + architecture.parameterCount() + " for " + architecture);
        }
        return new Network(architecture, parameters.clone());
    }

    /** The structure. */
    public Architecture architecture() {
        return architecture;
    }

    /** Number of weight layers (hidden layers + 1). */
    public int layerCount() {
        return architecture.layerCount();
    }

    /**
     * A copy of layer {@code layer}'s weights, {@code out × in} row-major.
     *
     * @throws IndexOutOfBoundsException if {@code layer} is not in {@code [0, layerCount())}
     */
    public float[] weights(int layer) {
        checkLayer(layer);
        return Arrays.copyOfRange(parameters, offsets[2 * layer], offsets[2 * layer + 1]);
    }

    /**
     * A copy of layer {@code layer}'s biases, length {@code out}.
     *
     * @throws IndexOutOfBoundsException if {@code layer} is not in {@code [0, layerCount())}
     */
    public float[] biases(int layer) {
        checkLayer(layer);
        return Arrays.copyOfRange(parameters, offsets[2 * layer + 1], offsets[2 * layer + 2]);
    }

    /** A copy of all parameters: {@code W_0, b_0, W_1, b_1, …}, length {@code parameterCount()}. */
    public float[] parameters() {
        return parameters.clone();
    }

    /** Number of parameters. */
    public int parameterCount() {
        return parameters.length;
    }

    /** The parameter array itself, for this package's trainers; never modify it. */
    float[] parametersView() {
        return parameters;
    }

    /**
     * Softmax class probabilities of one sample.
     *
     * @param x {@code inputs} features
     * @return {@code outputs} probabilities summing to 1 (up to rounding)
     * @throws IllegalArgumentException if {@code x.length != inputs}
     */
    public float[] probabilities(float[] x) {
        Workspace ws = forwardOne(x);
        return ws.acts[ws.acts.length - 1].clone();
    }

    /** A workspace holding the softmax output and predicted class of the one sample {@code x}. */
    private Workspace forwardOne(float[] x) {
        if (x == null || x.length != architecture.inputs()) {
            throw new IllegalArgumentException("sample has " + (x == null ? "null" : x.length + " features")
                    + ", network " + architecture + " expects " + architecture.inputs());
        }
        Workspace ws = new Workspace(architecture, 1);
        System.arraycopy(x, 0, ws.acts[0], 0, x.length);
        ws.forward(parameters, 1);
        ws.softmaxUnlabelled(1);
        return ws;
    }

    /**
     * Softmax probabilities of every row of {@code data}, computed in forward passes of
     * {@value Evaluator#BATCH_ROWS} rows.
     *
     * @return row-major {@code data.rows() × outputs}
     * @throws IllegalArgumentException if {@code data.features() != inputs}
     */
    public float[] probabilities(Dataset data) {
        checkFeatures(data);
        return Evaluator.infer(this, data).probabilities();
    }

    void checkFeatures(Dataset data) {
        if (data == null) {
            throw new IllegalArgumentException("dataset is null");
        }
        if (data.features() != architecture.inputs()) {
            throw new IllegalArgumentException("dataset has " + data.features() + " features, network "
                    + architecture + " expects " + architecture.inputs());
        }
    }

    private void checkLayer(int layer) {
        if (layer < 0 || layer >= architecture.layerCount()) {
            throw new IndexOutOfBoundsException("layer " + layer + ", network has layers 0.." + (layerCount() - 1));
        }
    }

    /** Equal when the architectures are equal and the parameters are bit-identical. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && architecture.equals(n.architecture) && Arrays.equals(parameters, n.parameters);
    }

    @Override
    public int hashCode() {
        return 31 * architecture.hashCode() + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "Network[" + architecture + ", " + parameters.length + " parameters]";
    }
}
