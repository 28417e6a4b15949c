package io.sparksweep.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.sparksweep.BadInputException;
import io.sparksweep.SafeFiles;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The root group of an HDF5 file as named attributes and float datasets: the storage of
 * formats other than a labelled dataset (SparkSweep's model files, {@code nn.ModelFile}), so
 * that jhdf is imported only in this package.
 *
 * <p>Reading checks what is about the file itself (an HDF5 signature, a dataset's presence,
 * shape and float type) and reports it as a {@link BadInputException} naming the file; what a
 * value means is the caller's to check. A truncated or corrupt file may make jhdf throw an
 * unchecked exception from any method; callers name the file in their message.
 */
public final class Hdf5Root implements AutoCloseable {
    private final Path file;
    private final HdfFile h5;

    private Hdf5Root(Path file, HdfFile h5) {
        this.file = file;
        this.h5 = h5;
    }

    /**
     * Opens {@code file} for reading.
     *
     * @throws BadInputException when it is missing, a folder, or not an HDF5 file
     */
    public static Hdf5Root open(Path file) {
        Hdf5DatasetReader.checkIsHdf5(file);
        return new Hdf5Root(file, new HdfFile(file));
    }

    /**
     * The value of the root attribute {@code name} as jhdf reads it ({@code String},
     * {@code String[]}, {@code int[]}, {@code long[]}, ...), or null when there is none.
     */
    public Object attribute(String name) {
        Attribute a = h5.getAttribute(name);
        return a == null ? null : a.getData();
    }

    /** The names of the root's datasets and groups, sorted, groups with a trailing slash. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        for (Node child : h5) {
            names.add(child.getName() + (child.isGroup() ? "/" : ""));
        }
        return List.copyOf(names);
    }

    /**
     * The root dataset {@code name}, row-major, as float32 (float64 data is rounded to float).
     *
     * @param shape the dimensions it must have, e.g. {@code (out, in)} or {@code (out,)}
     * @throws BadInputException naming the file and dataset when it is missing, of another
     *                           shape, or not float32/float64
     */
    public float[] floats(String name, int... shape) {
        Node node = h5.getChild(name);
        if (!(node instanceof io.jhdf.api.Dataset ds)) { // io.jhdf.api.Dataset: the name Dataset is ours
            throw new BadInputException(file + ": no dataset '" + name + "'");
        }
        int[] dims = ds.getDimensions();
        if (!Arrays.equals(dims, shape)) {
            throw new BadInputException(file + ": dataset '" + name + "' has shape " + Hdf5DatasetReader.shape(dims)
                    + ", expected " + Hdf5DatasetReader.shape(shape));
        }
        Object flat = ds.getDataFlat();
        if (flat instanceof float[] values) {
            return values;
        }
        if (flat instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        throw new BadInputException(file + ": dataset '" + name + "' has type " + flat.getClass().getSimpleName()
                + ", expected float32 or float64");
    }

    @Override
    public void close() {
        h5.close();
    }

    /**
     * Writes a new HDF5 file atomically ({@link SafeFiles#write}): {@code content} adds the
     * root's attributes and datasets.
     */
    public static void write(Path file, Consumer<Writer> content) {
        SafeFiles.write(file, tmp -> {
            try (WritableHdfFile h5 = HdfFile.write(tmp)) {
                content.accept(new Writer(h5));
            }
        });
    }

    /** Adds attributes and datasets to the root of a file being written. */
    public static final class Writer {
        private final WritableHdfFile h5;

        private Writer(WritableHdfFile h5) {
            this.h5 = h5;
        }

        /** A string attribute. */
        public void attribute(String name, String value) {
            h5.putAttribute(name, value);
        }

        /** A string-array attribute. */
        public void attribute(String name, String[] values) {
            h5.putAttribute(name, values);
        }

        /** An int32-array attribute. */
        public void attribute(String name, int[] values) {
            h5.putAttribute(name, values);
        }

        /** A float32 dataset of shape {@code (rows.length, rows[0].length)}. */
        public void dataset(String name, float[][] rows) {
            h5.putDataset(name, rows);
        }

        /** A float32 dataset of shape {@code (values.length,)}. */
        public void dataset(String name, float[] values) {
            h5.putDataset(name, values);
        }
    }
}
