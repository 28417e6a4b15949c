package io.sparksweep.nn;

import io.sparksweep.data.Dataset;

/**
 * Preallocated buffers and the forward and backward passes over a batch of up to
 * {@code capacity} rows, for one architecture. Allocated once per training or evaluation
 * run; nothing is allocated per batch. Not thread-safe; one per task.
 *
 * <p>Matrices are row-major with the batch as rows: {@code acts[0]} is the input
 * ({@code rows × inputs}), {@code acts[l + 1]} the output of layer {@code l}
 * ({@code rows × sizes[l + 1]}); after {@link #forward} the last one holds logits, after
 * {@link #softmax} probabilities, and after {@link #backward} starts, the output delta.
 */
final class Workspace {
    final Architecture architecture;
    final int capacity;
    final int[] sizes;
    final int[] offsets;
    final Activation[] activations;
    final float[][] acts;
    /** {@code deltas[l]}: delta of layer {@code l}'s output for hidden layers; the output layer reuses its activations. */
    final float[][] deltas;
    final int[] labels;
    final int[] predicted;
    private final float[] columnSums;
    /** One row of softmax exponentials ({@link Softmax}'s scratch). */
    private final double[] exps;
    /** The input layer's sparse products, or null for sgemm on dense rows ({@link #useSparseInput}). */
    private SparseInput sparse;

    Workspace(Architecture architecture, int capacity) {
        this.architecture = architecture;
        this.capacity = capacity;
        this.sizes = architecture.layerSizes();
        this.offsets = architecture.parameterOffsets();
        this.activations = architecture.activations();
        int layers = architecture.layerCount();
        this.acts = new float[layers + 1][];
        this.deltas = new float[layers][];
        int widest = 0;
        for (int i = 0; i <= layers; i++) {
            acts[i] = new float[capacity * sizes[i]];
            widest = Math.max(widest, sizes[i]);
        }
        for (int l = 0; l < layers - 1; l++) {
            deltas[l] = new float[capacity * sizes[l + 1]];
        }
        deltas[layers - 1] = acts[layers];
        this.labels = new int[capacity];
        this.predicted = new int[capacity];
        this.columnSums = new float[widest];
        this.exps = new double[sizes[layers]];
    }

    /**
     * From now on the input layer multiplies the nonzero features of each batch only, with the
     * weights {@code weightsT} (the input layer's, transposed: {@link SparseInput}) in place of
     * those in {@code params}; {@link #load} and {@link #gather} then select rows instead of
     * copying them.
     */
    void useSparseInput(float[] weightsT) {
        sparse = new SparseInput(sizes[0], sizes[1], capacity, weightsT);
    }

    /** With {@link #useSparseInput}, writes the input layer's weights back into {@code params}. */
    void storeSparseWeights(float[] params) {
        sparse.storeInto(params, offsets[0]);
    }

    /** Copies dataset rows {@code [first, first + count)} and their labels into the input buffers. */
    void load(Dataset data, int first, int count) {
        if (sparse != null) {
            sparse.select(data.nonzeros(), first, count);
        } else {
            data.copyRows(first, count, acts[0]);
        }
        for (int r = 0; r < count; r++) {
            labels[r] = data.label(first + r);
        }
    }

    /** Copies dataset rows {@code order[start .. start + count)} and their labels into the input buffers. */
    void gather(Dataset data, int[] order, int start, int count) {
        if (sparse != null) {
            sparse.select(data.nonzeros(), order, start, count);
        } else {
            data.gatherRows(order, start, count, acts[0]);
        }
        for (int r = 0; r < count; r++) {
            labels[r] = data.label(order[start + r]);
        }
    }

    /** Forward pass of the first {@code rows} input rows; leaves LOGITS in the last buffer. */
    void forward(float[] params, int rows) {
        int layers = sizes.length - 1;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] a = acts[l];
            float[] s = acts[l + 1];
            // S (rows × out) = A (rows × in) · Wᵀ, W stored out × in
            if (l == 0 && sparse != null) {
                sparse.forward(s);
            } else {
                RowMajor.gemm(false, true, rows, out, in, 1f, a, 0, in, params, offsets[2 * l], in, 0f, s, 0, out);
            }
            int b = offsets[2 * l + 1];
            Activation f = l < layers - 1 ? activations[l] : null;
            for (int r = 0; r < rows; r++) {
                int base = r * out;
                if (f != null) {
                    f.applyWithBias(s, base, base + out, params, b);
                } else {
                    for (int j = 0; j < out; j++) {
                        s[base + j] += params[b + j];
                    }
                }
            }
        }
    }

    /** Softmax of the logits in place; returns the summed cross-entropy and fills {@link #predicted}. */
    double softmax(int rows) {
        return Softmax.toProbabilities(acts[sizes.length - 1], rows, sizes[sizes.length - 1], labels, predicted, exps);
    }

    /** Softmax of the logits in place and {@link #predicted}, ignoring labels. */
    void softmaxUnlabelled(int rows) {
        Softmax.toProbabilities(acts[sizes.length - 1], rows, sizes[sizes.length - 1], null, predicted, exps);
    }

    /**
     * Backpropagation of the summed cross-entropy of the first {@code rows} samples after
     * {@link #forward} and {@link #softmax}, adding {@code alpha · ∂L/∂θ} to {@code target}
     * (same layout as {@code params}). With {@code target == params} and
     * {@code alpha = -lr} this is the SGD step, accumulated straight into the weights by
     * {@code sgemm} with {@code beta = 1}: each layer's delta for the layer below is computed
     * from its weights BEFORE they are updated. The input layer's delta is not computed.
     */
    void backward(float[] params, float[] target, int rows, float alpha) {
        int layers = sizes.length - 1;
        int k = sizes[layers];
        float[] outDelta = acts[layers];
        // softmax + cross-entropy with a one-hot target: delta = a - y
        for (int r = 0; r < rows; r++) {
            outDelta[r * k + labels[r]] -= 1f;
        }
        for (int l = layers - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            int w = offsets[2 * l];
            int b = offsets[2 * l + 1];
            float[] delta = deltas[l];
            float[] a = acts[l];
            if (l > 0) {
                // Δ_prev (rows × in) = Δ (rows × out) · W (out × in), then ⊙ f'(s_prev) from a_prev
                float[] prev = deltas[l - 1];
                RowMajor.gemm(false, false, rows, in, out, 1f, delta, 0, out, params, w, in, 0f, prev, 0, in);
                activations[l - 1].multiplyByDerivative(a, prev, 0, rows * in);
            }
            // W (out × in) += alpha · Δᵀ (out × rows) · A (rows × in)
            if (l == 0 && sparse != null) {
                sparse.step(delta, alpha);
            } else {
                RowMajor.gemm(true, false, out, in, rows, alpha, delta, 0, out, a, 0, in, 1f, target, w, in);
            }
            // b += alpha · column sums of Δ
            float[] sums = columnSums;
            for (int j = 0; j < out; j++) {
                sums[j] = 0f;
            }
            for (int r = 0; r < rows; r++) {
                int base = r * out;
                for (int j = 0; j < out; j++) {
                    sums[j] += delta[base + j];
                }
            }
            for (int j = 0; j < out; j++) {
                target[b + j] += alpha * sums[j];
            }
        }
    }
}
