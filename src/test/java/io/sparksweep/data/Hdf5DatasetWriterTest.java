package io.sparksweep.data;

import io.sparksweep.BadInputException;
import io.sparksweep.OutsideTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Hdf5DatasetWriterTest {
    static final String PYTHON = "/usr/bin/python3";

    /** 1500 rows so that the 1000-row chunking gives a full and a partial chunk. */
    static Dataset bytes1500() {
        int rows = 1500;
        int features = 7;
        byte[] pixels = new byte[rows * features];
        int[] labels = new int[rows];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 % 256);
        }
        for (int r = 0; r < rows; r++) {
            labels[r] = r % 4;
        }
        return Dataset.ofBytes(rows, features, 4, pixels, labels);
    }

    @Test
    void roundTripKeepsByteStorageValuesAndLabels(@TempDir Path dir) {
        Dataset d = bytes1500();
        Path file = dir.resolve("out.hdf5");

        Hdf5DatasetWriter.write(file, d, "xdata", "ydata");
        Dataset back = Hdf5DatasetReader.read(file, "xdata", "ydata", 7);

        assertTrue(back.isByteStorage());
        assertEquals(d.rows(), back.rows());
        assertEquals(d.classes(), back.classes());
        for (int r = 0; r < d.rows(); r++) {
            assertEquals(d.label(r), back.label(r));
            for (int c = 0; c < d.features(); c++) {
                assertEquals(d.feature(r, c), back.feature(r, c));
            }
        }
    }

    @Test
    void roundTripKeepsFloatValuesExactly(@TempDir Path dir) {
        float[] x = {0.1f, -2.5f, 3e-8f, 1f, 0.5f, 7f};
        Dataset d = Dataset.ofFloats(3, 2, 3, x, new int[]{2, 0, 1});
        Path file = dir.resolve("floats.h5");

        Hdf5DatasetWriter.write(file, d, "features", "labels");
        Dataset back = Hdf5DatasetReader.read(file, "features", "labels", 2);

        assertFalse(back.isByteStorage());
        assertEquals(3, back.classes());
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], back.feature(i / 2, i % 2));
        }
        assertEquals(2, back.label(0));
        assertEquals(1, back.label(2));
    }

    @Test
    void replacesExistingFileAndLeavesNoTemporaryFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out.h5");
        Files.writeString(file, "old");

        Hdf5DatasetWriter.write(file, bytes1500(), "xdata", "ydata");

        assertEquals(1500, Hdf5DatasetReader.read(file, "xdata", "ydata", -1).rows());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void failedWriteNamesFileAndLeavesNothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("missing-folder").resolve("out.h5");

        BadInputException e = assertThrows(BadInputException.class,
                () -> Hdf5DatasetWriter.write(file, bytes1500(), "xdata", "ydata"));

        assertTrue(e.getMessage().startsWith(file + ": cannot create a temporary file in "), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void h5pyReadsTheContiguousUint8FileAsTheCourseFloatsWithItsScaleFactor(@TempDir Path dir) throws Exception {
        OutsideTool.require(run("import h5py, numpy").exit == 0, PYTHON + " has no h5py");
        Path file = dir.resolve("out.hdf5");
        Hdf5DatasetWriter.write(file, bytes1500(), "xdata", "ydata");

        Result r = run(String.join("\n",
                "import sys, h5py, numpy as np",
                "f = h5py.File(sys.argv[1], 'r')",
                "x, y = f['xdata'], f['ydata']",
                "print(x.shape, x.dtype, x.chunks, x.compression, x.attrs['scale_factor'] == 1 / 255)",
                "print(y.shape, y.dtype, y.chunks, y.compression)",
                "b = x[()].astype(np.int64)",
                "floats = (x[()] * x.attrs['scale_factor']).astype(np.float32)",
                "print(int(b.sum()), bool((b / np.float32(255)).astype(np.float32).tolist() == floats.tolist()))",
                "print(y[:].sum(axis=1).tolist() == [1.0] * 1500, np.argmax(y[:], axis=1)[:6].tolist())"),
                file.toString());

        assertEquals(0, r.exit, r.output);
        assertEquals(String.join("\n",
                "(1500, 7) uint8 None None True",
                "(1500, 4) float32 None None",
                byteSum1500() + " True",
                "True [0, 1, 2, 3, 0, 1]"), r.output.strip());
    }

    @Test
    void h5pyReadsTheDeflatedLayoutAsFloat32(@TempDir Path dir) throws Exception {
        OutsideTool.require(run("import h5py, numpy").exit == 0, PYTHON + " has no h5py");
        Path file = dir.resolve("out.hdf5");
        Hdf5DatasetWriter.write(file, bytes1500(), "xdata", "ydata", Hdf5DatasetWriter.Layout.DEFLATE);

        Result r = run(String.join("\n",
                "import sys, h5py, numpy as np",
                "f = h5py.File(sys.argv[1], 'r')",
                "x, y = f['xdata'], f['ydata']",
                "print(x.shape, x.dtype, x.chunks, x.compression)",
                "print(y.shape, y.dtype, y.chunks, y.compression)",
                "b = np.rint(x[:] * 255).astype(np.int64)",
                "print(int(b.sum()), bool((b / np.float32(255)).astype(np.float32).tolist() == x[:].tolist()))",
                "print(y[:].sum(axis=1).tolist() == [1.0] * 1500, np.argmax(y[:], axis=1)[:6].tolist())"),
                file.toString());

        assertEquals(0, r.exit, r.output);
        assertEquals(String.join("\n",
                "(1500, 7) float32 (1000, 7) gzip",
                "(1500, 4) float32 (1000, 4) gzip",
                byteSum1500() + " True",
                "True [0, 1, 2, 3, 0, 1]"), r.output.strip());
    }

    @Test
    void bothLayoutsReadBackAsTheSameDatasetBitForBit(@TempDir Path dir) {
        Dataset d = bytes1500();
        Path contiguous = dir.resolve("contiguous.h5");
        Path deflated = dir.resolve("deflated.h5");
        Hdf5DatasetWriter.write(contiguous, d, "xdata", "ydata");
        Hdf5DatasetWriter.write(deflated, d, "xdata", "ydata", Hdf5DatasetWriter.Layout.DEFLATE);

        Dataset a = Hdf5DatasetReader.read(contiguous, "xdata", "ydata", 7);
        Dataset b = Hdf5DatasetReader.read(deflated, "xdata", "ydata", 7);

        assertTrue(a.isByteStorage() && b.isByteStorage());
        float[] ra = new float[a.rows() * a.features()];
        float[] rb = new float[b.rows() * b.features()];
        a.copyRows(0, a.rows(), ra);
        b.copyRows(0, b.rows(), rb);
        for (int i = 0; i < ra.length; i++) {
            assertEquals(Float.floatToRawIntBits(d.feature(i / 7, i % 7)), Float.floatToRawIntBits(ra[i]));
            assertEquals(Float.floatToRawIntBits(ra[i]), Float.floatToRawIntBits(rb[i]));
        }
        for (int r = 0; r < a.rows(); r++) {
            assertEquals(d.label(r), a.label(r));
            assertEquals(d.label(r), b.label(r));
        }
    }

    private static long byteSum1500() {
        long byteSum = 0;
        for (int i = 0; i < 1500 * 7; i++) {
            byteSum += i * 31 % 256;
        }
        return byteSum;
    }

    record Result(int exit, String output) {
    }

    static Result run(String script, String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return new Result(-1, PYTHON + " missing");
        }
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }
}
