package io.sparksweep.data;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a sweep's data came from and how it was split, as recorded in {@code results.json}
 * ({@code data}) and {@code inputs.json}: a resume compares it field by field, so a changed file
 * or split is refused. The JSON field names are the record's component names; null fields are
 * left out.
 *
 * @param train          the training file as the config names it, and its SHA-256
 * @param test           the test file, and its SHA-256
 * @param features       name of the features dataset
 * @param labels         name of the labels dataset
 * @param trainRows      rows that train (the first rows of the training file)
 * @param validationRows rows that validate (the last rows of the training file)
 * @param testRows       rows of the test file used
 * @param inputs         features per row
 * @param classes        classes of the labels
 * @param storage        how features are held in memory: {@code "uint8/255"} or {@code "float32"}, followed by
 *                       {@code ", sparse products"} with {@code data.sparse}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataProvenance(DataFile train, DataFile test, String features, String labels, int trainRows,
                             int validationRows, int testRows, int inputs, int classes, String storage) {

    /**
     * One data file.
     *
     * @param path   the location as written in the config (a path or a URI)
     * @param sha256 SHA-256 of its bytes, lower-case hex ({@link Fingerprint})
     */
    public record DataFile(String path, String sha256) {
    }

    /** The {@link #storage} of {@code d}, with {@code ", sparse products"} when it asks for them ({@code data.sparse}). */
    static String storageOf(Dataset d) {
        return (d.isByteStorage() ? "uint8/255" : "float32") + (d.sparseProducts() ? ", sparse products" : "");
    }
}
