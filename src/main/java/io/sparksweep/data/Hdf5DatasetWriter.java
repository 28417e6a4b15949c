package io.sparksweep.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.exceptions.HdfException;
import io.sparksweep.BadInputException;
import io.sparksweep.SafeFiles;

import java.nio.file.Path;

/**
 * Writes a {@link Dataset} as HDF5, readable by h5py and by {@link Hdf5DatasetReader}, in the
 * layout that loads fastest: contiguous and uncompressed, read as one block.
 *
 * <ul>
 *   <li>Byte storage (pixels {@code b / 255}, such as MNIST): features as uint8 (N, F), the bytes
 *       themselves, with the float64 attribute {@value #SCALE_ATTRIBUTE} {@code = 1/255}; h5py
 *       users get the floats of the course files, bit for bit, with
 *       {@code (x[()] * x.attrs["scale_factor"]).astype(np.float32)} (the same as
 *       {@code x[()].astype(np.float32) / 255}). The reader turns uint8 into exactly the
 *       dataset it would get from the float32 file.</li>
 *   <li>Float storage: features as float32 (N, F) in the dataset's own values.</li>
 *   <li>Labels one-hot float32 (N, K).</li>
 * </ul>
 * {@link Layout#DEFLATE} writes the earlier layout instead: features as float32 (byte storage
 * {@code b} becomes {@code b / 255f}, as numpy computes it), chunked by {@code min(N, 1000)} rows
 * and deflate-compressed, as the course's files are.
 *
 * <p>The file appears atomically: it is written to a temporary file in the same folder and then
 * moved into place, so a reader never sees half a file and a failed write leaves nothing behind.
 */
public final class Hdf5DatasetWriter {
    /** Rows per chunk of the deflated layout, as h5py users commonly choose for MNIST-sized data. */
    static final int CHUNK_ROWS = 1000;
    /** The attribute of a uint8 features dataset that gives the factor from bytes to feature values. */
    public static final String SCALE_ATTRIBUTE = "scale_factor";

    /** How the features and labels are stored in the file. */
    public enum Layout {
        /** Contiguous, uncompressed; uint8 features for byte storage: the fastest to load (the default). */
        CONTIGUOUS,
        /** float32, chunked by 1000 rows, deflate-compressed: the course files' layout. */
        DEFLATE
    }

    private Hdf5DatasetWriter() {
    }

    /**
     * Writes {@code d} to {@code file} in the {@link Layout#CONTIGUOUS} layout, replacing any
     * existing file.
     *
     * @param file         the HDF5 file to create; its folder must exist
     * @param d            the dataset, at least one row
     * @param featuresName the features dataset name, e.g. {@code xdata}
     * @param labelsName   the one-hot labels dataset name, e.g. {@code ydata}
     * @throws BadInputException if the dataset is empty or the file cannot be written (the message
     *                           names the file and the cause)
     */
    public static void write(Path file, Dataset d, String featuresName, String labelsName) {
        write(file, d, featuresName, labelsName, Layout.CONTIGUOUS);
    }

    /**
     * Writes {@code d} to {@code file} in {@code layout}, replacing any existing file.
     *
     * @throws BadInputException as {@link #write(Path, Dataset, String, String)}
     */
    public static void write(Path file, Dataset d, String featuresName, String labelsName, Layout layout) {
        int rows = d.rows();
        int features = d.features();
        int classes = d.classes();
        if (rows < 1) {
            throw new BadInputException(file + ": cannot write a dataset with 0 rows, expected at least 1");
        }
        boolean bytes = layout == Layout.CONTIGUOUS && d.isByteStorage();
        Object x = bytes ? byteRows(d) : floatRows(d);
        float[][] y = new float[rows][classes];
        for (int r = 0; r < rows; r++) {
            y[r][d.label(r)] = 1f;
        }
        int chunkRows = Math.min(rows, CHUNK_ROWS);
        SafeFiles.write(file, tmp -> {
            try (WritableHdfFile out = HdfFile.write(tmp)) {
                if (layout == Layout.DEFLATE) {
                    out.putDataset(featuresName, x, DatasetCreationOptions.builder()
                            .chunkDimensions(chunkRows, features).deflate().build());
                    out.putDataset(labelsName, y, DatasetCreationOptions.builder()
                            .chunkDimensions(chunkRows, classes).deflate().build());
                } else if (bytes) {
                    out.putDataset(featuresName, x, DatasetCreationOptions.builder().unsigned().build())
                            .putAttribute(SCALE_ATTRIBUTE, 1.0 / 255);
                    out.putDataset(labelsName, y);
                } else {
                    out.putDataset(featuresName, x);
                    out.putDataset(labelsName, y);
                }
            } catch (HdfException e) {
                throw new BadInputException(file + ": cannot write HDF5: " + e.getMessage(), e);
            }
        });
    }

    /** The stored bytes of a byte-storage dataset, one array per row ({@code b * (1f / 255f)} times 255, rounded, is {@code b}). */
    private static byte[][] byteRows(Dataset d) {
        byte[][] x = new byte[d.rows()][d.features()];
        float[] row = new float[d.features()];
        for (int r = 0; r < d.rows(); r++) {
            d.copyRows(r, 1, row);
            for (int c = 0; c < row.length; c++) {
                x[r][c] = (byte) Math.round(row[c] * 255f);
            }
        }
        return x;
    }

    /** The feature values; byte storage {@code b} as {@code b / 255f}, as numpy writes it, rather than Dataset's {@code b * (1f / 255f)}. */
    private static float[][] floatRows(Dataset d) {
        float[][] x = new float[d.rows()][d.features()];
        for (int r = 0; r < d.rows(); r++) {
            d.copyRows(r, 1, x[r]);
            if (d.isByteStorage()) {
                for (int c = 0; c < d.features(); c++) {
                    x[r][c] = Math.round(x[r][c] * 255f) / 255f;
                }
            }
        }
        return x;
    }
}
