package io.sparksweep.data;

/**
 * Where a sweep's data comes from and how it is split.
 *
 * @param train              HDF5 file (a path, or a Hadoop URI on a cluster) whose first rows train and whose last rows validate
 * @param test               HDF5 file the best trial is tested on
 * @param features           name of the features dataset, shape (N, F)
 * @param labels             name of the labels dataset, one-hot (N, K) or a label vector (N)
 * @param validationFraction fraction of the training file, taken from its end in file order,
 *                           that validates (the seed's 1/6: rows 50,000–59,999 of 60,000)
 * @param maxRows            use only the first {@code maxRows} rows of the training file and of
 *                           the test file (0 = all), for quick runs
 * @param fetch              how to create the files when they are missing: {@code "mnist"} or
 *                           {@code "none"}
 */
public record DataConfig(String train, String test, String features, String labels,
                         double validationFraction, int maxRows, String fetch) {

    /** The seed's split: the last sixth of the training file validates. */
    public static final double DEFAULT_VALIDATION_FRACTION = 1.0 / 6.0;

    /** Number of validation rows for a training file of {@code rows} rows. */
    public int validationRows(int rows) {
        return (int) Math.round(rows * validationFraction);
    }
}
