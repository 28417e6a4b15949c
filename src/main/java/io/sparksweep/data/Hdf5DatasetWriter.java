package io.sparksweep.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.exceptions.HdfException;
import io.sparksweep.BadInputException;
import io.sparksweep.SafeFiles;

import java.nio.file.Path;

/**
 * Writes a {@link Dataset} as HDF5 in the layout of the course files, readable by h5py and by
 * {@link Hdf5DatasetReader}: features as float32 (N, F) in the dataset's own values (byte
 * storage {@code b} becomes {@code b / 255f}, as numpy computes it), labels one-hot float32 (N, K); both chunked by
 * {@code min(N, 1000)} rows and deflate-compressed.
 *
 * <p>The file appears atomically: it is written to a temporary file in the same folder and then
 * moved into place, so a reader never sees half a file and a failed write leaves nothing behind.
 */
public final class Hdf5DatasetWriter {
    /** Rows per chunk, as h5py users commonly choose for MNIST-sized data. */
    static final int CHUNK_ROWS = 1000;

    private Hdf5DatasetWriter() {
    }

    /**
     * Writes {@code d} to {@code file}, replacing any existing file.
     *
     * @param file         the HDF5 file to create; its folder must exist
     * @param d            the dataset, at least one row
     * @param featuresName the features dataset name, e.g. {@code xdata}
     * @param labelsName   the one-hot labels dataset name, e.g. {@code ydata}
     * @throws BadInputException if the dataset is empty or the file cannot be written (the message
     *                           names the file and the cause)
     */
    public static void write(Path file, Dataset d, String featuresName, String labelsName) {
        int rows = d.rows();
        int features = d.features();
        int classes = d.classes();
        if (rows < 1) {
            throw new BadInputException(file + ": cannot write a dataset with 0 rows, expected at least 1");
        }
        float[][] x = new float[rows][features];
        for (int r = 0; r < rows; r++) {
            d.copyRows(r, 1, x[r]);
            if (d.isByteStorage()) {
                // b / 255f, as numpy writes it, rather than Dataset's b * (1f / 255f).
                for (int c = 0; c < features; c++) {
                    x[r][c] = Math.round(x[r][c] * 255f) / 255f;
                }
            }
        }
        float[][] y = new float[rows][classes];
        for (int r = 0; r < rows; r++) {
            y[r][d.label(r)] = 1f;
        }
        int chunkRows = Math.min(rows, CHUNK_ROWS);
        SafeFiles.write(file, tmp -> {
            try (WritableHdfFile out = HdfFile.write(tmp)) {
                out.putDataset(featuresName, x, DatasetCreationOptions.builder()
                        .chunkDimensions(chunkRows, features).deflate().build());
                out.putDataset(labelsName, y, DatasetCreationOptions.builder()
                        .chunkDimensions(chunkRows, classes).deflate().build());
            } catch (HdfException e) {
                throw new BadInputException(file + ": cannot write HDF5: " + e.getMessage(), e);
            }
        });
    }
}
