package io.sparksweep.spark;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application jar against a Spark home built from Spark's own modules (target/spark-home, see
 * submit-scripts/spark-home/pom.xml): everything SparkSweep's classes reach is in the jar, in
 * Spark's jars or in the JDK, and the jar holds no class Spark also holds.
 */
@Tag("integration")
class AppJarIT {
    static final Path APP_JAR = LaunchProperties.appJar();
    static final Path SPARK_JARS = Path.of("target/spark-home/jars");

    /**
     * Optional dependencies (Maven {@code <optional>} or {@code provided}) of bundled libraries, which
     * their users add when they need the feature: package prefix of the missing class -> why SparkSweep
     * does not.
     */
    static final Map<String, String> OPTIONAL = Map.of(
            "org/bouncycastle/", "pdfbox's optional crypto provider, for encrypted PDFs; XChart's PDF export never encrypts",
            "org/osgi/annotation/", "OSGi's versioning annotations on JavaCPP's interfaces: annotations the JVM ignores when absent");

    @Test
    void everyClassSparkSweepReachesIsInTheAppJarSparkOrTheJdk() throws Exception {
        ClassClosure closure = closure();
        Map<String, String> missing = new java.util.TreeMap<>(closure.missing("io/sparksweep/"));
        missing.keySet().removeIf(c -> OPTIONAL.keySet().stream().anyMatch(c::startsWith));
        assertTrue(missing.isEmpty(), () -> missing.size() + " classes reachable from io.sparksweep are neither in "
                + APP_JAR + " nor in " + SPARK_JARS + " nor in the JDK (add their library to the shade includes in pom.xml):\n"
                + missing.entrySet().stream().limit(40).map(e -> "  " + e.getKey() + "  (needed by " + e.getValue() + ")")
                        .collect(Collectors.joining("\n")));
    }

    @Test
    void theAppJarShadowsNoClassSparkShips() throws Exception {
        ClassClosure closure = closure();
        Map<String, String> both = closure.shadowed();
        assertTrue(both.isEmpty(), () -> both.size() + " classes of " + APP_JAR + " are also in Spark's jars "
                + "(leave the library out of the shade includes, or relocate it):\n"
                + both.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue, java.util.TreeMap::new,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList()))).entrySet().stream()
                        .map(e -> "  " + e.getKey() + ": " + e.getValue().size() + " classes, e.g. " + e.getValue().get(0))
                        .collect(Collectors.joining("\n")));
        assertTrue(closure.appClassCount() > 100, "the app jar has only " + closure.appClassCount() + " classes");
    }

    private static ClassClosure closure() throws Exception {
        assertTrue(Files.isRegularFile(APP_JAR), APP_JAR + " missing: run mvn package");
        assertTrue(Files.isDirectory(SPARK_JARS), SPARK_JARS + " missing: run mvn package");
        return ClassClosure.of(APP_JAR, SPARK_JARS);
    }
}
