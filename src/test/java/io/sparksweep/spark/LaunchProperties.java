package io.sparksweep.spark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * target/launch.properties, which the build writes from pom.xml (version, jar names, Spark's JVM flags)
 * for the launchers in submit-scripts/; tests read the same file, so no test repeats the version.
 */
final class LaunchProperties {
    static final Path FILE = Path.of("target/launch.properties");

    private LaunchProperties() {
    }

    /** The value of {@code key}; fails when the build has not written the file or the key. */
    static String get(String key) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(FILE)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(FILE + " unreadable (run mvn package)", e);
        }
        String v = p.getProperty(key);
        if (v == null || v.isBlank() || v.contains("${")) {
            throw new IllegalStateException(FILE + ": " + key + " = " + v + ", expected a value filtered in from pom.xml");
        }
        return v;
    }

    /** The application jar for spark-submit, {@code target/sparksweep-VERSION-app.jar}. */
    static Path appJar() {
        return Path.of("target", get("app.jar"));
    }
}
