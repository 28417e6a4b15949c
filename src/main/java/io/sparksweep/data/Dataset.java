package io.sparksweep.data;


import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable labelled dataset held as compact primitive arrays, row-major.
 *
 * <p>Features are stored either as bytes, each meaning {@code (b & 0xFF) / 255f} (MNIST pixels,
 * a quarter of the memory of floats, and what the driver broadcasts), or as floats. Labels are
 * class indices in {@code [0, classes)}. Copying rows into a float buffer is the only way the
 * network reads features, so both storages train identically.
 *
 * <p>A dataset may ask for sparse products ({@link #sparseProducts()}, config {@code data.sparse}):
 * the network then multiplies its input layer by each row's nonzero features only
 * ({@link #nonzeros()}, built once per dataset and JVM), which is faster when most features are
 * zero. The features are the same either way; only the order of the sums differs.
 */
public final class Dataset implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final float BYTE_SCALE = ByteScaling.SCALE;
    private final int rows;
    private final int features;
    private final int classes;
    private final byte[] bytePixels; // null unless byte storage
    private final float[] floatPixels; // null unless float storage
    private final int[] labels;
    private final boolean sparseProducts;
    /** The nonzeros, built on first use; not serialized (each JVM builds its own). */
    private transient volatile SparseRows nonzeros;

    private Dataset(int rows, int features, int classes, byte[] bytePixels, float[] floatPixels, int[] labels,
                    boolean sparseProducts) {
        if (rows < 0 || features < 1 || classes < 2) {
            throw new IllegalArgumentException("rows=" + rows + ", features=" + features + ", classes=" + classes);
        }
        int stored = bytePixels != null ? bytePixels.length : floatPixels.length;
        if ((long) rows * features != stored || labels.length != rows) {
            throw new IllegalArgumentException("array sizes do not match rows=" + rows + " features=" + features);
        }
        for (int label : labels) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " outside [0, " + classes + ")");
            }
        }
        this.rows = rows;
        this.features = features;
        this.classes = classes;
        this.bytePixels = bytePixels;
        this.floatPixels = floatPixels;
        this.labels = labels;
        this.sparseProducts = sparseProducts;
    }

    /** Features as unsigned bytes scaled by 1/255; arrays are taken, not copied. */
    public static Dataset ofBytes(int rows, int features, int classes, byte[] pixels, int[] labels) {
        return new Dataset(rows, features, classes, Objects.requireNonNull(pixels), null, labels, false);
    }

    /** Features as floats; arrays are taken, not copied. */
    public static Dataset ofFloats(int rows, int features, int classes, float[] pixels, int[] labels) {
        return new Dataset(rows, features, classes, null, Objects.requireNonNull(pixels), labels, false);
    }

    /**
     * The same rows (arrays shared, not copied), asking for sparse products or not.
     *
     * @throws IllegalArgumentException when {@code sparse} is true and rows are wider than
     *                                  {@link SparseRows#MAX_FEATURES}
     */
    public Dataset withSparseProducts(boolean sparse) {
        if (sparse && features > SparseRows.MAX_FEATURES) {
            throw new IllegalArgumentException("sparse products need at most " + SparseRows.MAX_FEATURES
                    + " features, the data has " + features);
        }
        return sparse == sparseProducts ? this
                : new Dataset(rows, features, classes, bytePixels, floatPixels, labels, sparse);
    }

    /** Whether the network should multiply its input layer by the nonzero features only. */
    public boolean sparseProducts() {
        return sparseProducts;
    }

    /**
     * Bytes {@link #nonzeros()} takes (or will take) in a JVM when this dataset asks for sparse
     * products, else 0; counts the nonzeros without building them.
     */
    public long sparseRowsBytes() {
        if (!sparseProducts) {
            return 0;
        }
        SparseRows built = nonzeros;
        return built != null ? built.sizeInBytes() : SparseRows.bytesFor(rows, SparseRows.count(this));
    }

    /** Every row's nonzero features, built on the first call (in this JVM) and kept. */
    public SparseRows nonzeros() {
        SparseRows n = nonzeros;
        if (n == null) {
            synchronized (this) {
                n = nonzeros;
                if (n == null) {
                    n = SparseRows.of(this);
                    nonzeros = n;
                }
            }
        }
        return n;
    }

    public int rows() {
        return rows;
    }

    public int features() {
        return features;
    }

    public int classes() {
        return classes;
    }

    /** True when features are stored as bytes (value = byte / 255). */
    public boolean isByteStorage() {
        return bytePixels != null;
    }

    /** The class index of {@code row}. */
    public int label(int row) {
        return labels[row];
    }

    /** The feature value at ({@code row}, {@code column}) as the network sees it. */
    public float feature(int row, int column) {
        int i = row * features + column;
        return bytePixels != null ? (bytePixels[i] & 0xFF) * BYTE_SCALE : floatPixels[i];
    }

    /**
     * Copies {@code count} consecutive rows starting at {@code firstRow} into {@code dest}
     * (row-major, {@code count * features()} floats from offset 0).
     */
    public void copyRows(int firstRow, int count, float[] dest) {
        int n = count * features;
        int from = firstRow * features;
        if (floatPixels != null) {
            System.arraycopy(floatPixels, from, dest, 0, n);
        } else {
            ByteScaling.toFloats(bytePixels, from, dest, 0, n);
        }
    }

    /**
     * Copies the rows {@code order[start .. start+count)} into {@code dest}, row-major, for
     * shuffled mini-batches.
     */
    public void gatherRows(int[] order, int start, int count, float[] dest) {
        for (int r = 0; r < count; r++) {
            int from = order[start + r] * features;
            int to = r * features;
            if (floatPixels != null) {
                System.arraycopy(floatPixels, from, dest, to, features);
            } else {
                ByteScaling.toFloats(bytePixels, from, dest, to, features);
            }
        }
    }

    /** Rows {@code [from, to)} as a new dataset with copied arrays. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of " + rows + " rows");
        }
        int[] l = Arrays.copyOfRange(labels, from, to);
        if (bytePixels != null) {
            return ofBytes(to - from, features, classes,
                    Arrays.copyOfRange(bytePixels, from * features, to * features), l).withSparseProducts(sparseProducts);
        }
        return ofFloats(to - from, features, classes,
                Arrays.copyOfRange(floatPixels, from * features, to * features), l).withSparseProducts(sparseProducts);
    }

    /** Bytes held by the feature and label arrays, for broadcast-size checks. */
    public long sizeInBytes() {
        long pixels = bytePixels != null ? bytePixels.length : 4L * floatPixels.length;
        return pixels + 4L * labels.length;
    }
}
