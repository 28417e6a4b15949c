package io.sparksweep.nn;

import io.sparksweep.data.SparseRows;

import java.util.Arrays;

/**
 * The input layer's two products over the nonzero features of a batch only, for data that asks
 * for sparse products ({@code Dataset#sparseProducts()}): the pre-activations
 * {@code S = X · Wᵀ} and the weight step {@code W += alpha · Δᵀ · X}. With 81% of MNIST's pixels
 * zero this is about a fifth of the dense work. The input layer's delta is never needed.
 *
 * <p>The weights are held transposed, {@code weightsT[k · stride + j] = W[j][k]}, so that one
 * input feature's weights are contiguous (the row stride pads {@code outputs} to whole vectors
 * with zeros, {@link #stride}): a row of {@code S} is the sum over the row's nonzeros
 * {@code x_k} of {@code x_k · weightsT[k]}, and the step adds to {@code weightsT[k]} the sum over
 * the batch rows {@code b} with {@code x_bk ≠ 0} of {@code x_bk · Δ[b]}. Each sum runs in
 * increasing index order with one fused multiply-add per term ({@link #sums}); the step ends
 * with {@code w = fma(alpha, sum, w)}. The results equal the dense products' up to the order of
 * rounding, not bit for bit: sgemm sums in its own blocked order.
 *
 * <p>One instance per {@link Workspace}; a trainer's and its evaluator's share {@code weightsT}.
 */
final class SparseInput {
    private final int inputs;
    private final int outputs;
    private final int stride;
    /** The input layer's weights, transposed ({@code inputs × stride}); shared, owned by the trainer. */
    final float[] weightsT;
    private final int[] rowIds;
    private int rows;
    private SparseRows source;
    /** Scratch: one row's weight offsets ({@code k · stride}) in the forward pass. */
    private final int[] rowOffsets;
    /** Scratch: one row of pre-activations, {@code stride} wide. */
    private final float[] rowSums;
    /** The batch's delta with rows padded to {@code stride} (the step reads whole vectors); allocated by the first step. */
    private float[] paddedDelta;
    /** The batch's nonzeros by column, for the step: column {@code k}'s are {@code [columnStart[k], columnStart[k+1])}. */
    private final int[] columnStart;
    private int[] columnOffsets = new int[0];
    private float[] columnValues = new float[0];
    /** Scratch: one column's sums over the batch in the step. */
    private final float[] columnSums;

    SparseInput(int inputs, int outputs, int capacity, float[] weightsT) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.stride = stride(outputs);
        if (weightsT.length != inputs * stride) {
            throw new IllegalArgumentException("weightsT has " + weightsT.length + " floats, expected "
                    + inputs + " x " + stride);
        }
        this.weightsT = weightsT;
        this.rowIds = new int[capacity];
        this.rowOffsets = new int[inputs];
        this.rowSums = new float[stride];
        this.columnStart = new int[inputs + 1];
        this.columnSums = new float[stride];
    }

    /** The row stride of the transposed weights for {@code outputs} units: whole vectors with the Vector API. */
    static int stride(int outputs) {
        return Activation.VECTOR_API ? VectorSparse.paddedWidth(outputs) : outputs;
    }

    /** {@code W} ({@code out × in} at {@code params[offset..]}) transposed into a new array, rows {@link #stride} wide. */
    static float[] transpose(float[] params, int offset, int out, int in) {
        int stride = stride(out);
        if ((long) in * stride > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(in + " x " + out + " input weights, padded to " + stride
                    + " per row, do not fit one float array");
        }
        float[] t = new float[in * stride];
        for (int j = 0; j < out; j++) {
            for (int k = 0; k < in; k++) {
                t[k * stride + j] = params[offset + j * in + k];
            }
        }
        return t;
    }

    /** Writes {@code weightsT} back into {@code params[offset..]} as {@code W} ({@code out × in}). */
    void storeInto(float[] params, int offset) {
        for (int j = 0; j < outputs; j++) {
            for (int k = 0; k < inputs; k++) {
                params[offset + j * inputs + k] = weightsT[k * stride + j];
            }
        }
    }

    /** The batch is rows {@code [first, first + count)} of {@code nonzeros}. */
    void select(SparseRows nonzeros, int first, int count) {
        source = nonzeros;
        rows = count;
        for (int r = 0; r < count; r++) {
            rowIds[r] = first + r;
        }
    }

    /** The batch is rows {@code order[start .. start + count)} of {@code nonzeros}. */
    void select(SparseRows nonzeros, int[] order, int start, int count) {
        source = nonzeros;
        rows = count;
        System.arraycopy(order, start, rowIds, 0, count);
    }

    /** {@code s} (batch rows × outputs, row-major) = the batch's rows times {@code Wᵀ}. */
    void forward(float[] s) {
        char[] columns = source.columns();
        float[] values = source.values();
        for (int r = 0; r < rows; r++) {
            int from = source.start(rowIds[r]);
            int n = source.start(rowIds[r] + 1) - from;
            for (int p = 0; p < n; p++) {
                rowOffsets[p] = columns[from + p] * stride;
            }
            sums(weightsT, rowOffsets, 0, values, from, n, rowSums, 0, stride);
            System.arraycopy(rowSums, 0, s, r * outputs, outputs);
        }
    }

    /** {@code W += alpha · Δᵀ · X} for the batch, with {@code delta} its output delta (rows × outputs). */
    void step(float[] delta, float alpha) {
        char[] columns = source.columns();
        float[] values = source.values();
        if (paddedDelta == null) {
            paddedDelta = new float[rowIds.length * stride];
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(delta, r * outputs, paddedDelta, r * stride, outputs);
        }
        Arrays.fill(columnStart, 0);
        for (int r = 0; r < rows; r++) {
            int end = source.start(rowIds[r] + 1);
            for (int p = source.start(rowIds[r]); p < end; p++) {
                columnStart[columns[p] + 1]++;
            }
        }
        for (int k = 0; k < inputs; k++) {
            columnStart[k + 1] += columnStart[k];
        }
        int total = columnStart[inputs];
        if (columnOffsets.length < total) {
            columnOffsets = new int[total];
            columnValues = new float[total];
        }
        // Fill column by column in increasing row order: rowOffsets[k] is column k's next slot.
        System.arraycopy(columnStart, 0, rowOffsets, 0, inputs);
        for (int r = 0; r < rows; r++) {
            int end = source.start(rowIds[r] + 1);
            for (int p = source.start(rowIds[r]); p < end; p++) {
                int slot = rowOffsets[columns[p]]++;
                columnOffsets[slot] = r * stride;
                columnValues[slot] = values[p];
            }
        }
        for (int k = 0; k < inputs; k++) {
            int from = columnStart[k];
            int n = columnStart[k + 1] - from;
            if (n > 0) {
                sums(paddedDelta, columnOffsets, from, columnValues, from, n, columnSums, 0, stride);
                addScaled(alpha, columnSums, weightsT, k * stride, stride);
            }
        }
    }

    /**
     * For {@code j < width}: {@code dest[destFrom + j] = Σ_{p < n} values[valuesFrom + p] · m[offsets[offsetsFrom + p] + j]},
     * each term added by one fused multiply-add in increasing {@code p}, starting from 0.
     * Vectorised when the Vector API is present, with the same result bit for bit.
     */
    static void sums(float[] m, int[] offsets, int offsetsFrom, float[] values, int valuesFrom, int n,
                     float[] dest, int destFrom, int width) {
        int j = Activation.VECTOR_API
                ? VectorSparse.sums(m, offsets, offsetsFrom, values, valuesFrom, n, dest, destFrom, width) : 0;
        for (; j < width; j++) {
            float sum = 0f;
            for (int p = 0; p < n; p++) {
                sum = Math.fma(values[valuesFrom + p], m[offsets[offsetsFrom + p] + j], sum);
            }
            dest[destFrom + j] = sum;
        }
    }

    /** {@code dest[destFrom + j] = fma(alpha, x[j], dest[destFrom + j])} for {@code j < width}; vectorised alike. */
    static void addScaled(float alpha, float[] x, float[] dest, int destFrom, int width) {
        int j = Activation.VECTOR_API ? VectorSparse.addScaled(alpha, x, dest, destFrom, width) : 0;
        for (; j < width; j++) {
            dest[destFrom + j] = Math.fma(alpha, x[j], dest[destFrom + j]);
        }
    }
}
