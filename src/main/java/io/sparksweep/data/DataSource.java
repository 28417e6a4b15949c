package io.sparksweep.data;

import java.nio.file.Path;

/**
 * Turns a data location from a config into a local file the HDF5 reader can open: a plain path
 * as it is, or (with a cluster filesystem) a URI such as {@code hdfs://} or {@code s3a://}
 * copied to a local temporary file.
 */
@FunctionalInterface
public interface DataSource {

    /** Plain local paths only. */
    DataSource LOCAL = Path::of;

    /** A local file holding the content at {@code location}. */
    Path localFile(String location);

    /** Whether {@code location} is a URI with a scheme other than a Windows drive, e.g. {@code hdfs://nn/x.h5}. */
    static boolean isUri(String location) {
        return location.matches("[A-Za-z][A-Za-z0-9+.-]+:.*");
    }
}
