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
}
