package io.sparksweep.data;

import java.util.Arrays;

/**
 * The nonzero features of every row of a {@link Dataset}, in compressed sparse row form: row
 * {@code r}'s nonzeros are the entries {@code [start(r), start(r + 1))} of {@link #columns()} and
 * {@link #values()}, columns increasing. Values are the floats {@link Dataset#feature} gives.
 * Built by {@link Dataset#nonzeros()}; immutable.
 */
public final class SparseRows {
    /** The widest row this layout can index: columns are held as 16-bit {@code char}s. */
    public static final int MAX_FEATURES = 1 << 16;
    private static final int CHUNK_ROWS = 256;

    private final int[] starts;
    private final char[] columns;
    private final float[] values;

    private SparseRows(int[] starts, char[] columns, float[] values) {
        this.starts = starts;
        this.columns = columns;
        this.values = values;
    }

    /** The nonzeros of {@code data}, row by row: one pass, rows copied {@value #CHUNK_ROWS} at a time. */
    static SparseRows of(Dataset data) {
        int rows = data.rows();
        int features = data.features();
        if (features > MAX_FEATURES) {
            throw new IllegalArgumentException(features + " features, sparse rows hold at most " + MAX_FEATURES);
        }
        int chunk = Math.max(1, Math.min(CHUNK_ROWS, rows));
        float[] buffer = new float[chunk * features];
        int[] starts = new int[rows + 1];
        char[] columns = new char[Math.max(16, rows * Math.min(features, 64))];
        float[] values = new float[columns.length];
        int n = 0;
        for (int first = 0; first < rows; first += chunk) {
            int count = Math.min(chunk, rows - first);
            data.copyRows(first, count, buffer);
            for (int r = 0; r < count; r++) {
                if (columns.length - n < features) {
                    long grown = Math.min((long) Integer.MAX_VALUE - 8, Math.max(2L * columns.length, (long) n + features));
                    if (grown - n < features) {
                        throw new IllegalArgumentException("more than " + (Integer.MAX_VALUE - 8) + " nonzero features");
                    }
                    columns = Arrays.copyOf(columns, (int) grown);
                    values = Arrays.copyOf(values, (int) grown);
                }
                int base = r * features;
                for (int k = 0; k < features; k++) {
                    float v = buffer[base + k];
                    columns[n] = (char) k;
                    values[n] = v;
                    n += v != 0f ? 1 : 0;
                }
                starts[first + r + 1] = n;
            }
        }
        return new SparseRows(starts, Arrays.copyOf(columns, n), Arrays.copyOf(values, n));
    }

    /** The number of nonzero features of {@code data}, as {@link #of} keeps them, without keeping them. */
    static long count(Dataset data) {
        int features = data.features();
        int chunk = Math.max(1, Math.min(CHUNK_ROWS, data.rows()));
        float[] buffer = new float[chunk * features];
        long count = 0;
        for (int first = 0; first < data.rows(); first += chunk) {
            int n = Math.min(chunk, data.rows() - first) * features;
            data.copyRows(first, n / features, buffer);
            for (int i = 0; i < n; i++) {
                count += buffer[i] != 0f ? 1 : 0;
            }
        }
        return count;
    }

    /** Index of row {@code r}'s first nonzero in {@link #columns()}; {@code start(rows)} is the total. */
    public int start(int r) {
        return starts[r];
    }

    /** Column of each nonzero (read-only view: do not modify). */
    public char[] columns() {
        return columns;
    }

    /** Value of each nonzero (read-only view: do not modify). */
    public float[] values() {
        return values;
    }

    /** Number of nonzero features over all rows. */
    public int nonzeros() {
        return columns.length;
    }

    /** Bytes held by the arrays. */
    public long sizeInBytes() {
        return bytesFor(starts.length - 1, columns.length);
    }

    /** Bytes the arrays take for {@code rows} rows with {@code nonzeros} nonzero features in all. */
    static long bytesFor(int rows, long nonzeros) {
        return 4L * (rows + 1) + 6L * nonzeros;
    }
}
