package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import io.sparksweep.data.Fingerprint;
import io.sparksweep.data.DataSource;
import io.sparksweep.sweep.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data locations given as Hadoop URIs, exercised with Hadoop's own {@code file:} filesystem. */
class HadoopDataSourceTest {
    @TempDir
    Path dir;

    @Test
    void copiesAUriToALocalFileWithTheSameBytes() throws Exception {
        Fixtures.writeBlobFiles(dir);
        Path original = dir.resolve("train.h5");
        Path local = new HadoopDataSource().localFile(original.toUri().toString());
        assertFalse(local.equals(original));
        assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(local));
        assertEquals(Fingerprint.sha256(original), Fingerprint.sha256(local));
    }

    @Test
    void plainPathsAreUsedAsTheyAre() {
        assertEquals(Path.of("data/x.h5"), new HadoopDataSource().localFile("data/x.h5"));
        assertTrue(DataSource.isUri("hdfs://nn:8020/data/x.h5"));
        assertTrue(DataSource.isUri("s3a://bucket/x.h5"));
        assertFalse(DataSource.isUri("data/x.h5"));
        assertFalse(DataSource.isUri("C:\\\\data\\\\x.h5"));
    }

    @Test
    void missingUriIsOneLine() {
        String uri = dir.resolve("none.h5").toUri().toString();
        assertEquals(uri + ": data file not found",
                assertThrows(BadInputException.class, () -> new HadoopDataSource().localFile(uri)).getMessage());
    }

    /** Each kind of remote failure is one line naming the URI and the reason in plain words, no class names. */
    @Test
    void unreachableOrUnknownFileSystemsAreOneLineInPlainWords() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String version = org.apache.hadoop.util.VersionInfo.getVersion();
        java.util.Map<String, String> rows = new java.util.LinkedHashMap<>();
        rows.put("hdfs://nohost.invalid:9000/x.h5", "hdfs://nohost.invalid:9000/x.h5: cannot read: unknown host nohost.invalid");
        rows.put("s3a://bucket/x.h5", "s3a://bucket/x.h5: cannot read: no file system for scheme \"s3a\" on the classpath; "
                + "add its package, e.g. spark-submit --packages org.apache.hadoop:hadoop-aws:" + version);
        rows.put("nosuchfs://bucket/x.h5", "nosuchfs://bucket/x.h5: cannot read: no file system for scheme \"nosuchfs\" on the "
                + "classpath; add the jar of a Hadoop file system for it (spark-submit --packages or --jars)");
        rows.put("hdfs://127.0.0.1:" + closed + "/x.h5",
                "hdfs://127.0.0.1:" + closed + "/x.h5: cannot read: connection refused by 127.0.0.1:" + closed);
        Files.createDirectories(dir.resolve("folder.h5"));
        rows.put("file://" + dir.resolve("folder.h5"), "file://" + dir.resolve("folder.h5") + ": is a folder, expected an HDF5 file");
        rows.put("hdfs://nn:8020/data/", "hdfs://nn:8020/data/: no file name in the URI, expected e.g. hdfs://namenode:8020/data/train.h5");
        for (var row : rows.entrySet()) {
            BadInputException e = assertThrows(BadInputException.class, () -> new HadoopDataSource().localFile(row.getKey()));
            assertEquals(row.getValue(), e.getMessage());
        }
    }
}
