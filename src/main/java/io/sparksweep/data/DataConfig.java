package io.sparksweep.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a sweep's data comes from and how it is split.
 *
 * @param train              HDF5 file (a path, or a Hadoop URI on a cluster) whose first rows train and whose last rows validate
 * @param test               HDF5 file the best trial is tested on
 * @param features           name of the features dataset, shape (N, F)
 * @param labels             name of the labels dataset, one-hot (N, K) or a label vector (N,)
 * @param validationFraction fraction of the training file, taken from its end in file order,
 *                           that validates (the seed's 1/6: rows 50,000–59,999 of 60,000)
 * @param maxRows            use only the first {@code maxRows} rows of the training file and of
 *                           the test file (0 = all), for quick runs
 * @param fetch              how to create the files when they are missing
 * @param sparse             multiply the input layer by each row's nonzero features only
 *                           ({@link Dataset#sparseProducts()}): faster when most features are 0
 *                           (81% of MNIST's pixels), results equal to the dense products' up to
 *                           rounding rather than bit for bit (false: sgemm on whole rows, the default)
 */
public record DataConfig(String train, String test, String features, String labels,
                         double validationFraction, int maxRows, Fetch fetch, boolean sparse) {

    /** The seed's split: the last sixth of the training file validates. */
    public static final double DEFAULT_VALIDATION_FRACTION = 1.0 / 6.0;

    /** How missing data files are created: config field {@code data.fetch}. */
    public enum Fetch {
        /** Missing files are an error. */
        NONE,
        /** Missing {@code mnist_traindata.hdf5} / {@code mnist_testdata.hdf5} are downloaded ({@link MnistFetcher}). */
        MNIST;

        /** The word in the config, e.g. {@code "mnist"}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The value whose {@link #id()} is {@code id}, or null when there is none. */
        public static Fetch fromId(String id) {
            return Arrays.stream(values()).filter(f -> f.id().equals(id)).findFirst().orElse(null);
        }
    }

    /** Number of validation rows for a training file of {@code rows} rows. */
    public int validationRows(int rows) {
        return (int) Math.round(rows * validationFraction);
    }
}
