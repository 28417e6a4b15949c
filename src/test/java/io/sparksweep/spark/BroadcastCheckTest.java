package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The broadcast-size check, with numbers worked by hand from Spark's unified memory model. */
class BroadcastCheckTest {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final String CLUSTER = "spark://10.0.0.1:7077";

    @Test
    void usableMemoryOfOneGigabyteExecutorIsSixTenthsOfHeapAboveReserve() {
        // (1024 - 300) MiB * 0.6 = 434.4 MiB
        assertEquals((long) (724 * MIB * 0.6), BroadcastCheck.usableBytes(GIB, 0.6));
        assertEquals(0L, BroadcastCheck.usableBytes(200 * MIB, 0.6), "a heap below the reserve stores nothing");
    }

    @Test
    void acceptsBroadcastWhoseTwoCopiesFitUsableMemory() {
        // 2 * 217 MiB = 434 MiB <= 434.4 MiB
        assertEquals(Optional.empty(), BroadcastCheck.problem(217 * MIB, CLUSTER, "1g", 0.6));
    }

    @Test
    void refusesBroadcastWhoseTwoCopiesExceedUsableMemory() {
        // 2 * 218 MiB = 436 MiB > 434.4 MiB; needs 436 / 0.6 + 300 = 1026.7 MiB -> 2g
        assertEquals(Optional.of("broadcast of 218.0 MiB (held twice by each executor) does not fit "
                        + "spark.executor.memory = 1g (about 434.4 MiB usable for storage); "
                        + "raise spark.executor.memory to at least 2g"),
                BroadcastCheck.problem(218 * MIB, CLUSTER, "1g", 0.6));
    }

    @Test
    void namesTheMemoryToAskForLargeBroadcast() {
        // 2 * 2.3 GiB = 4.6 GiB; 4.6 / 0.6 + 0.29 = 7.96 GiB -> 8g
        long bytes = (long) (2.3 * GIB);
        assertEquals(Optional.of("broadcast of 2.3 GiB (held twice by each executor) does not fit "
                        + "spark.executor.memory = 1g (about 434.4 MiB usable for storage); "
                        + "raise spark.executor.memory to at least 8g"),
                BroadcastCheck.problem(bytes, CLUSTER, "1g", 0.6));
        assertEquals(Optional.empty(), BroadcastCheck.problem(bytes, CLUSTER, "8g", 0.6));
        assertEquals(8, BroadcastCheck.minimumGiB(2 * bytes, 0.6));
    }

    @Test
    void readsSparkSizeSyntaxAndMemoryFraction() {
        // 1536m: (1536 - 300) * 0.6 = 741.6 MiB holds 2 * 370 MiB; 0.5 leaves 618 MiB, which does not
        assertEquals(Optional.empty(), BroadcastCheck.problem(370 * MIB, CLUSTER, "1536m", 0.6));
        assertEquals(Optional.empty(), BroadcastCheck.problem(370 * MIB, CLUSTER, "1536", 0.6));
        assertEquals(Optional.of("broadcast of 370.0 MiB (held twice by each executor) does not fit "
                        + "spark.executor.memory = 1536m (about 618.0 MiB usable for storage); "
                        + "raise spark.executor.memory to at least 2g"),
                BroadcastCheck.problem(370 * MIB, CLUSTER, "1536m", 0.5));
    }

    @Test
    void skipsLocalMastersWhereTasksRunInTheDriver() {
        assertEquals(Optional.empty(), BroadcastCheck.problem(10 * GIB, "local[2]", "1g", 0.6));
        assertEquals(Optional.empty(), BroadcastCheck.problem(10 * GIB, "local", "1g", 0.6));
        assertEquals(Optional.empty(), BroadcastCheck.problem(10 * GIB, "local[*, 3]", "1g", 0.6));
    }

    @Test
    void checksLocalClusterWhichHasRealExecutors() {
        assertEquals(Optional.of("broadcast of 1.0 GiB (held twice by each executor) does not fit "
                        + "spark.executor.memory = 1024m (about 434.4 MiB usable for storage); "
                        + "raise spark.executor.memory to at least 4g"),
                BroadcastCheck.problem(GIB, "local-cluster[2,1,1024]", "1024m", 0.6));
    }

    @Test
    void checkThrowsOneLineBadInputFromSparkConf() {
        SparkConf conf = new SparkConf(false).set("spark.master", CLUSTER).set("spark.executor.memory", "2g");
        assertDoesNotThrow(() -> BroadcastCheck.check(conf, 500 * MIB));
        BadInputException e = assertThrows(BadInputException.class, () -> BroadcastCheck.check(conf, 600 * MIB));
        assertEquals("broadcast of 600.0 MiB (held twice by each executor) does not fit "
                + "spark.executor.memory = 2g (about 1.0 GiB usable for storage); "
                + "raise spark.executor.memory to at least 3g", e.getMessage());
    }

    @Test
    void defaultsToOneGigabyteExecutors() {
        SparkConf conf = new SparkConf(false).set("spark.master", CLUSTER);
        BadInputException e = assertThrows(BadInputException.class, () -> BroadcastCheck.check(conf, 300 * MIB));
        assertEquals("broadcast of 300.0 MiB (held twice by each executor) does not fit "
                + "spark.executor.memory = 1g (about 434.4 MiB usable for storage); "
                + "raise spark.executor.memory to at least 2g", e.getMessage());
    }

    @Test
    void rejectsExecutorMemoryThatIsNotASize() {
        SparkConf conf = new SparkConf(false).set("spark.master", CLUSTER).set("spark.executor.memory", "lots");
        BadInputException e = assertThrows(BadInputException.class, () -> BroadcastCheck.check(conf, MIB));
        assertEquals("spark.executor.memory = lots is not a size, expected e.g. 1g, 4g or 1536m", e.getMessage());
    }

    @Test
    void formatsSizesInBinaryUnits() {
        assertEquals("512 B", BroadcastCheck.size(512));
        assertEquals("1.5 KiB", BroadcastCheck.size(1536));
        assertEquals("47.1 MiB", BroadcastCheck.size(60_000L * 784 + 60_000L * 40));
    }
}
