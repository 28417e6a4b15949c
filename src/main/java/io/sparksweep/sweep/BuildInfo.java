package io.sparksweep.sweep;

import io.sparksweep.SweepException;
import io.sparksweep.results.Provenance;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Which SparkSweep build is running, as {@code --resume} compares it: the version from the jar
 * manifest ({@code Implementation-Version}, "development build" when run from classes), and the
 * SHA-256 of SparkSweep's own compiled classes ({@code io/sparksweep/**.class}, by name and
 * content, in name order), read from the jar or the classes folder this class was loaded from.
 *
 * <p>The class hash changes whenever the code changes, even when the version does not (a
 * SNAPSHOT rebuilt after an edit), and does not change when the same code is merely rebuilt:
 * it ignores jar timestamps, the manifest and the bundled libraries. A library upgrade that
 * changes results is therefore not seen here; the version (and the pom) is where that shows.
 */
final class BuildInfo {
    /** The package folder whose classes are hashed. */
    private static final String OWN_CLASSES = "io/sparksweep/";

    private BuildInfo() {
    }

    /** {@code {"version": ..., "classesSha256": ...}}, computed once per JVM. */
    static Map<String, Object> describe() {
        return Holder.DESCRIPTION;
    }

    /** Computed on first use: hashing the classes takes a few milliseconds. */
    private static final class Holder {
        static final Map<String, Object> DESCRIPTION = compute();
    }

    private static Map<String, Object> compute() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", Provenance.sparksweepVersionOfThisJvm());
        m.put("classesSha256", classesSha256());
        return Collections.unmodifiableMap(m);
    }

    /** SHA-256 over (name, length, bytes) of every SparkSweep class, in name order. */
    static String classesSha256() {
        CodeSource source = BuildInfo.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new SweepException("cannot tell where SparkSweep's classes were loaded from, to fingerprint the build");
        }
        Path where;
        try {
            URL url = source.getLocation();
            where = Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            throw new SweepException("cannot read SparkSweep's classes at " + source.getLocation() + " (" + e.getMessage() + ")", e);
        }
        MessageDigest digest = sha256();
        try {
            if (Files.isDirectory(where)) {
                List<Path> classes;
                try (Stream<Path> walk = Files.walk(where.resolve(OWN_CLASSES))) {
                    classes = walk.filter(p -> p.toString().endsWith(".class")).toList();
                }
                List<String> names = new ArrayList<>();
                classes.forEach(p -> names.add(where.relativize(p).toString().replace('\\', '/')));
                Collections.sort(names);
                for (String name : names) {
                    add(digest, name, Files.readAllBytes(where.resolve(name)));
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    List<JarEntry> entries = new ArrayList<>(jar.stream()
                            .filter(e -> e.getName().startsWith(OWN_CLASSES) && e.getName().endsWith(".class")).toList());
                    entries.sort((a, b) -> a.getName().compareTo(b.getName()));
                    for (JarEntry e : entries) {
                        try (InputStream in = jar.getInputStream(e)) {
                            add(digest, e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SweepException("cannot read SparkSweep's classes at " + where + " (" + e.getMessage() + ")", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void add(MessageDigest digest, String name, byte[] content) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Long.toString(content.length).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(content);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
