package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import io.sparksweep.SweepException;
import io.sparksweep.data.DataSource;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.util.VersionInfo;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads data locations that are Hadoop URIs ({@code hdfs:}, {@code s3a:}, {@code file:}, any
 * filesystem the cluster's Hadoop configuration knows) by copying them once to a local temporary
 * file on the driver; plain paths are used as they are. The driver is the only reader: executors
 * get the data through the broadcast.
 *
 * <p>Every failure to find a file system for the URI, reach it, or stat, open or read the file is
 * one {@link BadInputException} {@code URI: cannot read: REASON}, the reason in plain words
 * (unknown host, no file system for the scheme and the package to add, connection refused,
 * permission denied, not found); the caller adds the config field.
 */
public final class HadoopDataSource implements DataSource {
    /** The Maven packages that provide the file systems of common schemes, for the message when one is missing. */
    private static final Map<String, String> PACKAGES = Map.of(
            "s3a", "org.apache.hadoop:hadoop-aws:" + hadoopVersion(),
            "abfs", "org.apache.hadoop:hadoop-azure:" + hadoopVersion(),
            "abfss", "org.apache.hadoop:hadoop-azure:" + hadoopVersion(),
            "wasb", "org.apache.hadoop:hadoop-azure:" + hadoopVersion(),
            "wasbs", "org.apache.hadoop:hadoop-azure:" + hadoopVersion(),
            "gs", "com.google.cloud.bigdataoss:gcs-connector:VERSION",
            "oss", "org.apache.hadoop:hadoop-aliyun:" + hadoopVersion());
    /** A Java class name heading an exception message, e.g. {@code java.io.IOException: }. */
    private static final Pattern CLASS_PREFIX = Pattern.compile("(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error):\\s*");

    private final Configuration hadoop;

    /** Uses the Hadoop configuration found on the classpath ({@code HADOOP_CONF_DIR} under spark-submit). */
    public HadoopDataSource() {
        this(new Configuration());
    }

    HadoopDataSource(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    /**
     * @throws BadInputException naming {@code location} when it is not a valid URI, has no file
     *                           system, cannot be reached, is missing, is a folder, or cannot be read
     */
    @Override
    public Path localFile(String location) {
        if (!DataSource.isUri(location)) {
            return Path.of(location);
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw new BadInputException(location + ": not a valid URI (" + e.getReason() + " at index " + e.getIndex()
                    + "), expected e.g. hdfs://namenode:8020/data/train.h5");
        }
        if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().endsWith("/")) {
            throw new BadInputException(location + ": no file name in the URI, expected e.g. hdfs://namenode:8020/data/train.h5");
        }
        String name = Path.of(uri.getPath()).getFileName().toString();
        FileStatus status;
        FileSystem fs;
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
        try {
            fs = FileSystem.get(uri, hadoop);
            status = fs.getFileStatus(remote);
        } catch (FileNotFoundException e) {
            throw new BadInputException(location + ": data file not found", e);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw unreadable(location, uri, e);
        }
        if (status.isDirectory()) {
            throw new BadInputException(location + ": is a folder, expected an HDF5 file");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("sparksweep-data");
        } catch (IOException e) {
            throw new SweepException("cannot create a local folder for a copy of " + location + " (" + e.getMessage() + ")", e);
        }
        dir.toFile().deleteOnExit();
        Path local = dir.resolve(name);
        local.toFile().deleteOnExit();
        try (InputStream in = fs.open(remote)) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            return local;
        } catch (IOException | RuntimeException | LinkageError e) {
            try {
                Files.deleteIfExists(local);
            } catch (IOException ignored) {
                // the read failure is what the user needs to see
            }
            throw unreadable(location, uri, e);
        }
    }

    /** One line for what Hadoop threw, the reason in plain words. */
    static BadInputException unreadable(String location, URI uri, Throwable e) {
        return new BadInputException(location + ": cannot read: " + reason(uri, e), e);
    }

    private static String reason(URI uri, Throwable e) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String authority = uri.getAuthority() == null ? "(no host)" : uri.getAuthority();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + (uri.getHost() != null ? uri.getHost() : t.getMessage());
            }
            if (t instanceof ClassNotFoundException || t instanceof UnsupportedFileSystemException
                    || t instanceof NoClassDefFoundError) {
                String pkg = PACKAGES.get(scheme);
                return "no file system for scheme \"" + scheme + "\" on the classpath; add "
                        + (pkg == null ? "the jar of a Hadoop file system for it (spark-submit --packages or --jars)"
                        : "its package, e.g. spark-submit --packages " + pkg);
            }
            if (t instanceof ConnectException) {
                return "connection refused by " + authority;
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host " + authority;
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer from " + authority + " (timed out)";
            }
            if (t instanceof AccessControlException || t instanceof AccessDeniedException
                    || (t.getMessage() != null && t.getMessage().contains("Permission denied"))) {
                return "permission denied";
            }
            if (t instanceof FileNotFoundException) {
                return "not found";
            }
        }
        return plain(e);
    }

    /** The first line of the innermost message, without Java class names. */
    private static String plain(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? e.getMessage() : t.getMessage();
        if (message == null || message.isBlank()) {
            return "the file system gave no reason";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return CLASS_PREFIX.matcher(line).replaceAll("").strip();
    }

    private static String hadoopVersion() {
        try {
            return VersionInfo.getVersion();
        } catch (RuntimeException | LinkageError e) {
            return "HADOOP_VERSION";
        }
    }
}
