package io.sparksweep.data;

import io.sparksweep.BadInputException;
import io.sparksweep.sweep.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged HDF5 files give one clear line, quickly, never a hang or a wrong dataset. */
class CorruptFileTest {
    @TempDir
    Path dir;

    /** A deflated file (the course files' layout), whose compressed chunks detect flipped bytes. */
    private Path good() {
        Path f = dir.resolve("good.h5");
        Hdf5DatasetWriter.write(f, Fixtures.blobs(3000, 9), "xdata", "ydata", Hdf5DatasetWriter.Layout.DEFLATE);
        return f;
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void flippedBytesInTheCompressedDataAreReported() throws IOException {
        byte[] bytes = Files.readAllBytes(good());
        // The deflated chunks fill the middle and end of the file; corrupt a stretch there.
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            bytes[i] = (byte) ~bytes[i];
        }
        Path bad = dir.resolve("flipped.h5");
        Files.write(bad, bytes);
        String message = assertThrows(BadInputException.class, () -> Hdf5DatasetReader.read(bad, "xdata", "ydata", 8)).getMessage();
        assertTrue(message.startsWith(bad.toString() + ": "), message);
        assertTrue(message.lines().count() == 1, message);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void truncatedFileIsReported() throws IOException {
        byte[] bytes = Files.readAllBytes(good());
        Path bad = dir.resolve("truncated.h5");
        Files.write(bad, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        String message = assertThrows(BadInputException.class, () -> Hdf5DatasetReader.read(bad, "xdata", "ydata", 8)).getMessage();
        assertTrue(message.startsWith(bad + ": "), message);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void truncatedContiguousFileIsReported() throws IOException {
        Path f = dir.resolve("contiguous.h5");
        Hdf5DatasetWriter.write(f, Fixtures.blobs(3000, 9), "xdata", "ydata");
        byte[] bytes = Files.readAllBytes(f);
        Path bad = dir.resolve("truncated-contiguous.h5");
        Files.write(bad, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        String message = assertThrows(BadInputException.class, () -> Hdf5DatasetReader.read(bad, "xdata", "ydata", 8)).getMessage();
        assertTrue(message.startsWith(bad + ": cannot read HDF5 (truncated or corrupt file?): dataset '"), message);
        assertTrue(message.lines().count() == 1, message);
    }
}
