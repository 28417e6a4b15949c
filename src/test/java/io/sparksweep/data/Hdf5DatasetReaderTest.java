package io.sparksweep.data;

import io.sparksweep.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fixtures come from src/test/python/make_h5_fixtures.py; the expected values mirror it. */
class Hdf5DatasetReaderTest {
    static final int ROWS = 12;
    static final int FEATURES = 6;
    static final int CLASSES = 3;

    static Path fixture(String name) {
        try {
            return Path.of(Hdf5DatasetReaderTest.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("missing fixture " + name, e);
        }
    }

    /** x[i, j] = ((i * 6 + j) * 37 % 256) / 255, as in make_h5_fixtures.py. */
    static int expectedByte(int row, int column) {
        return (row * FEATURES + column) * 37 % 256;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "good_f32_contiguous.h5",
            "good_f64_chunked_gzip.h5",
            "good_u8_labelvector_int64.h5",
            "good_f32_labelvector_f64.h5",
            "good_f64_onehot_u8.h5"})
    void readsEveryLayoutToTheSameBytesAndLabels(String name) {
        Dataset d = Hdf5DatasetReader.read(fixture(name), "xdata", "ydata", FEATURES);

        assertEquals(ROWS, d.rows());
        assertEquals(FEATURES, d.features());
        assertEquals(CLASSES, d.classes());
        assertTrue(d.isByteStorage(), "multiples of 1/255 are kept as bytes");
        for (int r = 0; r < ROWS; r++) {
            assertEquals(r % CLASSES, d.label(r), "label of row " + r);
            for (int c = 0; c < FEATURES; c++) {
                assertEquals(expectedByte(r, c) / 255f, d.feature(r, c), 1e-7f, "x[" + r + ", " + c + "]");
            }
        }
        assertEquals(0f, d.feature(0, 0));
        assertEquals(37 / 255f, d.feature(0, 1), 1e-7f);
    }

    @Test
    void keepsValuesThatAreNotMultiplesOfOne255thAsFloats() {
        Dataset d = Hdf5DatasetReader.read(fixture("good_f32_realvalued.h5"), "xdata", "ydata", -1);

        assertFalse(d.isByteStorage());
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < FEATURES; c++) {
                assertEquals(r - c / 8f, d.feature(r, c), "x[" + r + ", " + c + "]");
            }
            assertEquals(r % CLASSES, d.label(r));
        }
    }

    @Test
    void acceptsAnyFeatureCountWhenExpectedIsMinusOne() {
        Dataset d = Hdf5DatasetReader.read(fixture("bad_shape.h5"), "xdata", "ydata", -1);

        assertEquals(5, d.features());
        assertEquals(12, d.rows());
    }

    @Test
    void labelVectorGivesAtLeastTwoClasses() throws IOException {
        // All labels 0: K = max + 1 = 1 would be useless, so K = 2.
        Path file = Files.createTempFile("labels", ".h5");
        try {
            int[] zeros = new int[3];
            Hdf5DatasetWriter.write(file, Dataset.ofBytes(3, 2, 2, new byte[6], zeros), "x", "y");
            Dataset d = Hdf5DatasetReader.read(file, "x", "y", 2);
            assertEquals(2, d.classes());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void byteDetectionAcceptsNumpyAndDatasetRoundingOfEveryByte() {
        for (int b = 0; b < 256; b++) {
            assertEquals(b, Hdf5DatasetReader.byteOf(b / 255f));
            assertEquals(b, Hdf5DatasetReader.byteOf(b * (1f / 255f)));
            assertEquals(b, Hdf5DatasetReader.byteOf(b / 255.0));
            assertEquals(b, Hdf5DatasetReader.byteOf((double) (b / 255f)));
        }
        assertEquals(-1, Hdf5DatasetReader.byteOf(0.5f));
        assertEquals(-1, Hdf5DatasetReader.byteOf(-1 / 255f));
        assertEquals(-1, Hdf5DatasetReader.byteOf(256 / 255f));
        assertEquals(-1, Hdf5DatasetReader.byteOf(Float.NaN));
        assertEquals(-1, Hdf5DatasetReader.byteOf(Double.POSITIVE_INFINITY));
        assertEquals(-1, Hdf5DatasetReader.byteOf(1 / 255.0 + 1e-6));
        // float64 that rounds to the float32 b / 255f still counts: h5py files often hold float32 data widened.
        assertEquals(1, Hdf5DatasetReader.byteOf(Math.nextUp(1 / 255.0)));
    }

    static Stream<Arguments> badFixtures() {
        return Stream.of(
                Arguments.of("bad_shape.h5", "dataset 'xdata' has shape (12, 5), expected (N, 6)"),
                Arguments.of("bad_rank.h5", "dataset 'xdata' has shape (12, 2, 3), expected (N, 6)"),
                Arguments.of("bad_nan.h5", "dataset 'xdata' has NaN at row 4, column 2, expected finite numbers"),
                Arguments.of("bad_inf.h5",
                        "dataset 'xdata' has -Infinity at row 7, column 5, expected finite numbers"),
                Arguments.of("bad_not_onehot.h5",
                        "dataset 'ydata' row 7 is [0, 1, 1], expected one-hot (a single 1, zeros elsewhere)"),
                Arguments.of("bad_missing_ydata.h5", "no dataset 'ydata' (found: labels, xdata)"),
                Arguments.of("bad_row_mismatch.h5", "dataset 'ydata' has 10 rows, expected 12 (the rows of 'xdata')"),
                Arguments.of("bad_negative_label.h5",
                        "dataset 'ydata' row 3 = -1, expected an integer class index in [0, 65536)"),
                Arguments.of("bad_fractional_label.h5",
                        "dataset 'ydata' row 5 = 1.5, expected an integer class index in [0, 65536)"),
                Arguments.of("bad_int32_xdata.h5",
                        "dataset 'xdata' has type int32, expected float32, float64 or uint8"),
                Arguments.of("bad_labels_rank3.h5",
                        "dataset 'ydata' has shape (12, 3, 1), expected (N) class indices or (N, K) one-hot labels"),
                Arguments.of("bad_xdata_group.h5", "'xdata' is a group, expected a dataset"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFixtures")
    void rejectsBadFileWithOneLineNamingFileDatasetAndExpectation(String name, String expected) {
        Path file = fixture(name);

        BadInputException e = assertThrows(BadInputException.class,
                () -> Hdf5DatasetReader.read(file, "xdata", "ydata", FEATURES));

        assertEquals(file + ": " + expected, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("missing file", (FileMaker) dir -> dir.resolve("nope.h5"), "no such file"),
                Arguments.of("directory", (FileMaker) dir -> dir, "is a directory, expected an HDF5 file"),
                Arguments.of("text file", (FileMaker) dir -> Files.writeString(dir.resolve("x.h5"), "xdata,ydata\n1,2\n"),
                        "not an HDF5 file"),
                Arguments.of("empty file", (FileMaker) dir -> Files.write(dir.resolve("empty.h5"), new byte[0]),
                        "not an HDF5 file"),
                Arguments.of("first half of an HDF5 file", (FileMaker) dir -> {
                    byte[] good = Files.readAllBytes(fixture("good_f32_contiguous.h5"));
                    return Files.write(dir.resolve("half.h5"), Arrays.copyOf(good, good.length / 2));
                }, "cannot read HDF5 (truncated or corrupt file?): "));
    }

    interface FileMaker {
        Path make(Path dir) throws IOException;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void rejectsUnreadableFileWithOneLineNamingIt(String what, FileMaker maker, String expected,
                                                  @TempDir Path dir) throws IOException {
        Path file = maker.make(dir);

        BadInputException e = assertThrows(BadInputException.class,
                () -> Hdf5DatasetReader.read(file, "xdata", "ydata", FEATURES));

        assertTrue(e.getMessage().startsWith(file + ": " + expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void rejectsFileWhoseDataWasCutOff(@TempDir Path dir) throws IOException {
        // Metadata intact, data missing: the half of a file whose data lies at the end.
        byte[] pixels = new byte[2000 * 50];
        Arrays.fill(pixels, (byte) 7);
        Path whole = dir.resolve("whole.h5");
        Hdf5DatasetWriter.write(whole, Dataset.ofBytes(2000, 50, 2, pixels, new int[2000]), "xdata", "ydata");
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.h5"), Arrays.copyOf(bytes, bytes.length / 2));

        BadInputException e = assertThrows(BadInputException.class,
                () -> Hdf5DatasetReader.read(cut, "xdata", "ydata", 50));

        assertTrue(e.getMessage().startsWith(cut + ": cannot read HDF5 (truncated or corrupt file?): "),
                e.getMessage());
    }

    @Test
    void labelVectorTakesTheExpectedClassCountWhenItsLabelsFit() {
        // good_u8_labelvector_int64.h5 holds labels 0..2; a 10-class training file makes it a 10-class file.
        Dataset d = Hdf5DatasetReader.read(fixture("good_u8_labelvector_int64.h5"), "xdata", "ydata",
                new Hdf5DatasetReader.Expected(FEATURES, 10, "the width of t.h5", "the 10 classes of t.h5"));
        assertEquals(10, d.classes());
        assertEquals(2, d.label(2));
    }

    @Test
    void labelVectorBeyondTheExpectedClassesIsRefusedNamingWhere() {
        String message = assertThrows(BadInputException.class, () -> Hdf5DatasetReader.read(fixture("good_u8_labelvector_int64.h5"),
                "xdata", "ydata", new Hdf5DatasetReader.Expected(FEATURES, 2, "the width of t.h5", "the 2 classes of t.h5"))).getMessage();
        assertEquals(fixture("good_u8_labelvector_int64.h5") + ": dataset 'ydata' row 2 = 2, expected an integer class index "
                + "in [0, 2) (the 2 classes of t.h5)", message);
    }

    @Test
    void oneHotWithAnotherClassCountIsRefusedNamingWhere() {
        String message = assertThrows(BadInputException.class, () -> Hdf5DatasetReader.read(fixture("good_f32_contiguous.h5"),
                "xdata", "ydata", new Hdf5DatasetReader.Expected(FEATURES, 10, "the width of t.h5", "the 10 classes of t.h5"))).getMessage();
        assertEquals(fixture("good_f32_contiguous.h5") + ": dataset 'ydata' has shape (12, 3), expected (N, 10) one-hot labels "
                + "(the 10 classes of t.h5)", message);
    }

    @Test
    void anotherWidthIsRefusedNamingWhere() {
        String message = assertThrows(BadInputException.class, () -> Hdf5DatasetReader.read(fixture("good_f32_contiguous.h5"),
                "xdata", "ydata", new Hdf5DatasetReader.Expected(784, 3, "the width of t.h5", "the 3 classes of t.h5"))).getMessage();
        assertEquals(fixture("good_f32_contiguous.h5") + ": dataset 'xdata' has shape (12, 6), expected (N, 784) (the width of t.h5)",
                message);
    }

    @Test
    void sameAsNamesTheOtherFile() {
        Dataset train = Hdf5DatasetReader.read(fixture("good_f32_contiguous.h5"), "xdata", "ydata", Hdf5DatasetReader.Expected.ANY);
        Hdf5DatasetReader.Expected e = Hdf5DatasetReader.Expected.sameAs(train, "data/train.h5");
        assertEquals(new Hdf5DatasetReader.Expected(FEATURES, CLASSES, "the width of data/train.h5", "the 3 classes of data/train.h5"), e);
    }

    @Test
    void shapesAreWrittenAsNumpyPrintsThem() {
        assertEquals("(60000, 784)", Hdf5DatasetReader.shape(new int[]{60000, 784}));
        assertEquals("(12,)", Hdf5DatasetReader.shape(new int[]{12}));
        assertEquals("()", Hdf5DatasetReader.shape(new int[0]));
    }
}
