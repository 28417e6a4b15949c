package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import io.sparksweep.data.DataSource;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads data locations that are Hadoop URIs ({@code hdfs:}, {@code s3a:}, {@code file:}, any
 * filesystem the cluster's Hadoop configuration knows) by copying them once to a local temporary
 * file on the driver; plain paths are used as they are. The driver is the only reader: executors
 * get the data through the broadcast.
 */
public final class HadoopDataSource implements DataSource {
    private final Configuration hadoop;

    /** Uses the Hadoop configuration found on the classpath ({@code HADOOP_CONF_DIR} under spark-submit). */
    public HadoopDataSource() {
        this(new Configuration());
    }

    HadoopDataSource(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    @Override
    public Path localFile(String location) {
        if (!DataSource.isUri(location)) {
            return Path.of(location);
        }
        URI uri = URI.create(location);
        String name = Path.of(uri.getPath()).getFileName().toString();
        try {
            FileSystem fs = FileSystem.get(uri, hadoop);
            org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
            if (!fs.exists(remote)) {
                throw new BadInputException(location + ": data file not found");
            }
            Path dir = Files.createTempDirectory("sparksweep-data");
            dir.toFile().deleteOnExit();
            Path local = dir.resolve(name);
            try (InputStream in = fs.open(remote)) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
            local.toFile().deleteOnExit();
            return local;
        } catch (IOException e) {
            throw new BadInputException(location + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
