package io.sparksweep.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.sparksweep.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.BufferUnderflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Reads a labelled dataset from an HDF5 file such as the course's {@code mnist_traindata.hdf5}
 * (datasets {@code xdata} (N, 784) and {@code ydata} (N, 10)), whatever layout h5py gave it.
 *
 * <p>Accepted features: a 2-D dataset (N, F) of float32, float64 or uint8, contiguous or
 * chunked (with or without gzip). A uint8 value {@code b} means {@code b / 255}. Float data whose
 * every value is exactly {@code b / 255} for an integer {@code b} in 0..255 (in float32 or in
 * float64 arithmetic) is kept as bytes ({@link Dataset#isByteStorage()}, a quarter of the memory
 * and of the broadcast size); any other finite float data is kept as float32.
 *
 * <p>Accepted labels: one-hot (N, K) of any integer or float type, K &ge; 2, every row a single
 * 1 and zeros elsewhere; or a vector (N) of integer-valued class indices, in which case
 * {@code K = max + 1}, but at least 2.
 *
 * <p>Everything a user can get wrong is reported as a {@link BadInputException} whose message is
 * one line naming the file, the dataset, the bad value and what was expected.
 */
public final class Hdf5DatasetReader {
    /** Labels above this are taken as a mistake rather than as a class count. */
    static final int MAX_CLASSES = 65_536;

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private Hdf5DatasetReader() {
    }

    /**
     * What a file must match to be used with another: its feature width and class count (-1 for
     * any), and the phrases that say where they come from in messages, e.g. "the width of
     * data/train.h5" and "the 10 classes of data/train.h5".
     *
     * <p>A one-hot label dataset (N, K) must have exactly {@code classes} columns. A vector of class
     * indices must hold indices below {@code classes}, and the dataset gets {@code classes} classes
     * (a test file in which the last class never occurs is still a 10-class file).
     *
     * @param features     the columns F the features must have, or -1 for any
     * @param classes      the classes the labels must have, or -1 for any
     * @param featuresFrom where {@code features} comes from, for messages
     * @param classesFrom  where {@code classes} comes from, for messages
     */
    public record Expected(int features, int classes, String featuresFrom, String classesFrom) {
        /** Any width and any class count. */
        public static final Expected ANY = new Expected(-1, -1, null, null);

        /** The width and classes of {@code other}, read from {@code otherFile}. */
        public static Expected sameAs(Dataset other, String otherFile) {
            return new Expected(other.features(), other.classes(), "the width of " + otherFile,
                    "the " + other.classes() + " classes of " + otherFile);
        }

        /** A width only, with no explanation. */
        static Expected width(int features) {
            return new Expected(features, -1, null, null);
        }

        private String why(String from) {
            return from == null ? "" : " (" + from + ")";
        }
    }

    /**
     * Reads features and labels from {@code file}; as {@link #read(Path, String, String, Expected)}
     * with a width only.
     */
    public static Dataset read(Path file, String featuresName, String labelsName, int expectedFeatures) {
        return read(file, featuresName, labelsName, Expected.width(expectedFeatures));
    }

    /**
     * Reads features and labels from {@code file}.
     *
     * @param file             the HDF5 file
     * @param featuresName     path of the features dataset inside the file, e.g. {@code xdata}
     * @param labelsName       path of the labels dataset, e.g. {@code ydata}
     * @param expected         the width and class count the file must have
     * @return the dataset, byte storage when the features are uint8 or exact multiples of 1/255
     * @throws BadInputException if the file is missing, is not (readable) HDF5, lacks a dataset, or
     *                           a dataset has the wrong rank, shape or type, rows that disagree,
     *                           non-finite features, labels that are not valid classes, or a width
     *                           or class count other than {@code expected}
     */
    public static Dataset read(Path file, String featuresName, String labelsName, Expected expected) {
        return read(file, featuresName, labelsName, expected, 0);
    }

    /**
     * Reads only the features of a file that has no labels (for prediction); every row gets
     * label 0 of {@code classes}.
     *
     * @throws BadInputException as {@link #read(Path, String, String, Expected)}
     */
    public static Dataset readFeatures(Path file, String featuresName, Expected expected, int classes) {
        return read(file, featuresName, null, expected, classes);
    }

    /** As {@link #readFeatures(Path, String, Expected, int)} with a width only. */
    public static Dataset readFeatures(Path file, String featuresName, int expectedFeatures, int classes) {
        return readFeatures(file, featuresName, Expected.width(expectedFeatures), classes);
    }

    /**
     * Checks that {@code file} holds a dataset at path {@code name}, named by command-line option
     * {@code option}.
     *
     * @throws BadInputException naming the file, the dataset, what the file holds and the option,
     *                           or as {@link #checkIsHdf5}
     */
    public static void checkHasDataset(Path file, String name, String option) {
        if (hasDataset(file, name)) {
            return;
        }
        try (HdfFile hdf = new HdfFile(file)) {
            throw new BadInputException(option + " " + name + ": no such dataset in " + file + " (found: "
                    + contents(hdf) + ")");
        } catch (HdfException | BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new BadInputException(file + ": cannot read HDF5 (truncated or corrupt file?): "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** Whether {@code file} is an HDF5 file holding a dataset at path {@code name}. */
    public static boolean hasDataset(Path file, String name) {
        checkIsHdf5(file);
        try (HdfFile hdf = new HdfFile(file)) {
            return hdf.getByPath(name) instanceof io.jhdf.api.Dataset;
        } catch (HdfInvalidPathException e) {
            return false;
        } catch (HdfException | BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new BadInputException(file + ": cannot read HDF5 (truncated or corrupt file?): "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static Dataset read(Path file, String featuresName, String labelsName, Expected want,
                                int unlabelledClasses) {
        int expectedFeatures = want.features();
        checkIsHdf5(file);
        try (HdfFile hdf = new HdfFile(file)) {
            io.jhdf.api.Dataset x = dataset(hdf, file, featuresName);
            io.jhdf.api.Dataset y = labelsName == null ? null : dataset(hdf, file, labelsName);
            checkWithinFile(hdf, file, x, featuresName);
            checkWithinFile(hdf, file, y, labelsName);
            int[] xShape = x.getDimensions();
            String expected = "(N, " + (expectedFeatures < 0 ? "F" : String.valueOf(expectedFeatures)) + ")";
            if (xShape.length != 2 || (expectedFeatures >= 0 && xShape[1] != expectedFeatures)) {
                throw new BadInputException(file + ": dataset '" + featuresName + "' has shape "
                        + shape(xShape) + ", expected " + expected
                        + (xShape.length == 2 ? want.why(want.featuresFrom()) : ""));
            }
            if (xShape[0] < 1 || xShape[1] < 1) {
                throw new BadInputException(file + ": dataset '" + featuresName + "' has shape "
                        + shape(xShape) + ", expected " + expected + " with at least one row and column");
            }
            int rows = xShape[0];
            int features = xShape[1];
            Labels labels = y == null ? new Labels(new int[rows], unlabelledClasses)
                    : readLabels(file, y, labelsName, rows, featuresName, want);
            return readFeatures(file, x, featuresName, rows, features, labels);
        } catch (HdfException | BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new BadInputException(file + ": cannot read HDF5 (truncated or corrupt file?): "
                    + firstLine(e.getMessage()), e);
        }
    }

    /**
     * A contiguous dataset's bytes are read straight from the file, so a truncated file would give
     * whatever lies past its end; this refuses a contiguous dataset that does not end inside the file.
     */
    private static void checkWithinFile(HdfFile hdf, Path file, io.jhdf.api.Dataset d, String name) {
        if (d instanceof ContiguousDataset c && d.getFilters().isEmpty()) {
            long end = hdf.getUserBlockSize() + c.getDataAddress() + d.getSizeInBytes();
            if (end > hdf.size()) {
                throw new BadInputException(file + ": cannot read HDF5 (truncated or corrupt file?): dataset '" + name
                        + "' ends at byte " + end + ", beyond the file's " + hdf.size() + " bytes");
            }
        }
    }

    /** Labels as class indices plus the class count. */
    private record Labels(int[] indices, int classes) {
    }

    /**
     * Checks that {@code file} exists, is a regular file and starts with the HDF5 signature (at
     * offset 0, 512, 1024, ...), before jhdf is given it.
     *
     * @throws BadInputException naming the file otherwise
     */
    public static void checkIsHdf5(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, expected an HDF5 file");
        }
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file");
        }
        // The superblock sits at 0, 512, 1024, 2048, ... (after an optional user block).
        try (InputStream in = Files.newInputStream(file)) {
            long size = Files.size(file);
            byte[] head = new byte[HDF5_SIGNATURE.length];
            long position = 0;
            for (long at = 0; at + head.length <= size; at = at == 0 ? 512 : at * 2) {
                in.skipNBytes(at - position);
                if (in.readNBytes(head, 0, head.length) < head.length) {
                    break;
                }
                position = at + head.length;
                if (Arrays.equals(head, HDF5_SIGNATURE)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        throw new BadInputException(file + ": not an HDF5 file");
    }

    private static io.jhdf.api.Dataset dataset(HdfFile hdf, Path file, String name) {
        Node node;
        try {
            node = hdf.getByPath(name);
        } catch (HdfInvalidPathException e) {
            throw new BadInputException(file + ": no dataset '" + name + "' (found: " + contents(hdf) + ")", e);
        }
        if (node instanceof io.jhdf.api.Dataset d) {
            return d;
        }
        throw new BadInputException(file + ": '" + name + "' is a " + node.getType().name().toLowerCase()
                + ", expected a dataset");
    }

    /** Names of the root's children, groups marked with a trailing slash. */
    private static String contents(Group root) {
        TreeSet<String> names = new TreeSet<>();
        for (Node child : root) {
            names.add(child.getName() + (child.isGroup() ? "/" : ""));
        }
        return names.isEmpty() ? "nothing" : String.join(", ", names);
    }

    private static Dataset readFeatures(Path file, io.jhdf.api.Dataset x, String name, int rows, int features,
                                       Labels labels) {
        DataType type = x.getDataType();
        boolean uint8 = type instanceof FixedPoint fp && !fp.isSigned() && fp.getSize() == 1;
        if (!uint8 && !(type instanceof FloatingPoint)) {
            throw new BadInputException(file + ": dataset '" + name + "' has type " + typeName(type)
                    + ", expected float32, float64 or uint8");
        }
        if (uint8 && x instanceof ContiguousDataset contiguous && x.getFilters().isEmpty()) {
            // What Hdf5DatasetWriter writes: the bytes as stored, without jhdf widening them to int[].
            byte[] bytes = new byte[Math.multiplyExact(rows, features)];
            contiguous.getBuffer().duplicate().get(bytes);
            return Dataset.ofBytes(rows, features, labels.classes(), bytes, labels.indices());
        }
        Object flat = x.getDataFlat();
        if (flat instanceof int[] values) { // uint8, widened by jhdf
            byte[] bytes = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                bytes[i] = (byte) values[i];
            }
            return Dataset.ofBytes(rows, features, labels.classes(), bytes, labels.indices());
        }
        if (flat instanceof float[] values) {
            byte[] bytes = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                int b = byteOf(values[i]);
                if (b < 0) {
                    bytes = null; // not all bytes: keep the floats, still check they are finite
                    checkFinite(file, name, values, i, features);
                    break;
                }
                bytes[i] = (byte) b;
            }
            return bytes != null
                    ? Dataset.ofBytes(rows, features, labels.classes(), bytes, labels.indices())
                    : Dataset.ofFloats(rows, features, labels.classes(), values, labels.indices());
        }
        if (flat instanceof double[] values) {
            byte[] bytes = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                int b = byteOf(values[i]);
                if (b < 0) {
                    bytes = null;
                    float[] floats = new float[values.length];
                    for (int j = 0; j < values.length; j++) {
                        floats[j] = (float) values[j];
                        if (!Float.isFinite(floats[j])) {
                            throw nonFinite(file, name, values[j], j, features);
                        }
                    }
                    return Dataset.ofFloats(rows, features, labels.classes(), floats, labels.indices());
                }
                bytes[i] = (byte) b;
            }
            return Dataset.ofBytes(rows, features, labels.classes(), bytes, labels.indices());
        }
        throw new BadInputException(file + ": dataset '" + name + "' has type " + typeName(type)
                + ", expected float32, float64 or uint8");
    }

    private static void checkFinite(Path file, String name, float[] values, int from, int features) {
        for (int i = from; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw nonFinite(file, name, values[i], i, features);
            }
        }
    }

    /** {@code b / 255f} for b in 0..255: numpy's {@code np.float32(b) / 255}. */
    private static final float[] DIVIDED = new float[256];
    /** {@code b * (1f / 255f)}: what {@link Dataset#feature} returns for byte b. */
    private static final float[] MULTIPLIED = new float[256];
    /** {@code b / 255.0} in float64. */
    private static final double[] DIVIDED64 = new double[256];

    static {
        for (int b = 0; b < 256; b++) {
            DIVIDED[b] = b / 255f;
            MULTIPLIED[b] = b * (1f / 255f);
            DIVIDED64[b] = b / 255.0;
        }
    }

    /**
     * The integer b in 0..255 that float32 {@code v} encodes, or -1: {@code v == b / 255f} (what
     * numpy's {@code np.float32(b) / 255} gives) or {@code v == b * (1f / 255f)} (what
     * {@link Dataset#feature} gives; the two differ in the last bit for 126 of the 256 values).
     * NaN and infinities give -1.
     */
    static int byteOf(float v) {
        float scaled = v * 255f + 0.5f;
        if (!(scaled >= 0f && scaled < 256f)) {
            return -1;
        }
        int b = (int) scaled;
        return v == DIVIDED[b] || v == MULTIPLIED[b] ? b : -1;
    }

    /** As {@link #byteOf(float)} for float64 {@code v}, which may also be {@code b / 255.0}. */
    static int byteOf(double v) {
        double scaled = v * 255.0 + 0.5;
        if (!(scaled >= 0.0 && scaled < 256.0)) {
            return -1;
        }
        int b = (int) scaled;
        return v == DIVIDED64[b] || byteOf((float) v) == b ? b : -1;
    }

    private static BadInputException nonFinite(Path file, String name, double v, int index, int features) {
        String what = Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? String.valueOf(v) : v + " (beyond float32)";
        return new BadInputException(file + ": dataset '" + name + "' has " + what + " at row " + index / features
                + ", column " + index % features + ", expected finite numbers");
    }

    private static Labels readLabels(Path file, io.jhdf.api.Dataset y, String name, int rows, String featuresName,
                                     Expected want) {
        int[] shape = y.getDimensions();
        DataType type = y.getDataType();
        if (!(type instanceof FixedPoint || type instanceof FloatingPoint)) {
            throw new BadInputException(file + ": dataset '" + name + "' has type " + typeName(type)
                    + ", expected integer or float labels");
        }
        if (shape.length != 1 && shape.length != 2) {
            throw new BadInputException(file + ": dataset '" + name + "' has shape " + shape(shape)
                    + ", expected (N) class indices or (N, K) one-hot labels");
        }
        if (shape[0] != rows) {
            throw new BadInputException(file + ": dataset '" + name + "' has " + shape[0] + " rows, expected "
                    + rows + " (the rows of '" + featuresName + "')");
        }
        double[] values = asDoubles(y.getDataFlat());
        int[] indices = new int[rows];
        if (shape.length == 1) {
            int limit = want.classes() > 0 ? want.classes() : MAX_CLASSES;
            int max = 0;
            for (int r = 0; r < rows; r++) {
                double v = values[r];
                if (!(v >= 0 && v < limit && v == Math.rint(v))) {
                    throw new BadInputException(file + ": dataset '" + name + "' row " + r + " = " + number(v)
                            + ", expected an integer class index in [0, " + limit + ")" + want.why(want.classesFrom()));
                }
                indices[r] = (int) v;
                max = Math.max(max, indices[r]);
            }
            return new Labels(indices, want.classes() > 0 ? want.classes() : Math.max(2, max + 1));
        }
        int classes = shape[1];
        if (classes < 2) {
            throw new BadInputException(file + ": dataset '" + name + "' has shape " + shape(shape)
                    + ", expected (N, K) one-hot labels with K >= 2");
        }
        if (want.classes() > 0 && classes != want.classes()) {
            throw new BadInputException(file + ": dataset '" + name + "' has shape " + shape(shape)
                    + ", expected (N, " + want.classes() + ") one-hot labels" + want.why(want.classesFrom()));
        }
        for (int r = 0; r < rows; r++) {
            int hot = -1;
            boolean ok = true;
            for (int k = 0; k < classes && ok; k++) {
                double v = values[r * classes + k];
                if (v == 1 && hot < 0) {
                    hot = k;
                } else if (v != 0) {
                    ok = false;
                }
            }
            if (!ok || hot < 0) {
                StringJoiner row = new StringJoiner(", ", "[", "]");
                for (int k = 0; k < classes; k++) {
                    row.add(number(values[r * classes + k]));
                }
                throw new BadInputException(file + ": dataset '" + name + "' row " + r + " is " + row
                        + ", expected one-hot (a single 1, zeros elsewhere)");
            }
            indices[r] = hot;
        }
        return new Labels(indices, classes);
    }

    private static double[] asDoubles(Object flat) {
        if (flat instanceof double[] d) {
            return d;
        }
        int n = Array.getLength(flat);
        double[] out = new double[n];
        if (flat instanceof float[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = a[i];
            }
        } else if (flat instanceof long[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = a[i];
            }
        } else if (flat instanceof int[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = a[i];
            }
        } else if (flat instanceof short[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = a[i];
            }
        } else if (flat instanceof byte[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = a[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = ((Number) Array.get(flat, i)).doubleValue();
            }
        }
        return out;
    }

    /** {@code 1} rather than {@code 1.0} for integral values, as a user would write them. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** numpy-style type names: float32, float64, uint8, int32, ... */
    static String typeName(DataType type) {
        if (type instanceof FloatingPoint) {
            return "float" + 8 * type.getSize();
        }
        if (type instanceof FixedPoint fp) {
            return (fp.isSigned() ? "int" : "uint") + 8 * type.getSize();
        }
        return type.getClass().getSimpleName().toLowerCase();
    }

    /** A shape as numpy prints it: {@code (60000, 784)}, {@code (12,)}, {@code ()}. */
    static String shape(int[] dims) {
        StringJoiner s = new StringJoiner(", ", "(", dims.length == 1 ? ",)" : ")");
        for (int d : dims) {
            s.add(String.valueOf(d));
        }
        return s.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
