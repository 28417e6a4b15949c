package io.sparksweep.spark;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * target/spark-home holds the jars of Spark 4.2.0's binary distribution: check-jars.sh finds no
 * difference from Spark's own list that it cannot explain, and no jar of SparkSweep's own libraries.
 */
@Tag("integration")
class SparkHomeIT {

    @Test
    void sparkHomeMatchesTheDistributionsJarList(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("check.out");
        Process p = new ProcessBuilder("submit-scripts/spark-home/check-jars.sh", "target/spark-home")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "check-jars.sh did not finish");
        String report = Files.readString(log);
        System.out.println(report);
        assertEquals(0, p.exitValue(), report);
        assertTrue(report.contains("spark-core_2.13-4.2.0") && report.contains("spark-mllib_2.13-4.2.0"), report);
        try (var jars = Files.list(Path.of("target/spark-home/jars"))) {
            var ours = jars.map(j -> j.getFileName().toString())
                    .filter(n -> n.startsWith("xchart") || n.startsWith("jhdf") || n.startsWith("picocli")
                            || n.startsWith("sparksweep"))
                    .toList();
            assertTrue(ours.isEmpty(), "SparkSweep's libraries in the Spark home: " + ours);
        }
    }
}
