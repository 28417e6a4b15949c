package io.sparksweep.results;

import io.sparksweep.nn.BlasSetup;
import io.sparksweep.nn.NativeBlas;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where a trial was computed, as measured in the JVM that trained it: the things that decide
 * whether two runs of the same trial give the same bits ({@link #blas()}), and the machine and
 * build around them.
 *
 * @param blas              the BLAS set-up of that JVM ({@link NativeBlas#setup()})
 * @param cpu               the CPU model ({@code /proc/cpuinfo} "model name"), else {@code os.arch} and core count
 * @param host              the host name
 * @param os                {@code os.name os.version os.arch}
 * @param jvm               {@code java.version} and {@code java.vendor}
 * @param sparksweepVersion the jar's Implementation-Version, or "development build" outside a jar
 */
public record Provenance(BlasSetup blas, String cpu, String host, String os, String jvm, String sparksweepVersion)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final class Holder {
        static final Provenance THIS_JVM = measure();
    }

    /** This JVM's provenance, measured once (loading the BLAS if no trial has yet). */
    public static Provenance ofThisJvm() {
        return Holder.THIS_JVM;
    }

    /** SparkSweep's version from the jar manifest, or "development build" when run from classes. */
    public static String sparksweepVersionOfThisJvm() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    private static Provenance measure() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        String host = name.contains("@") ? name.substring(name.indexOf('@') + 1) : name;
        return new Provenance(NativeBlas.setup(), cpuModel(Path.of("/proc/cpuinfo")), host,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                sparksweepVersionOfThisJvm());
    }

    /** The first "model name" of a {@code /proc/cpuinfo}-style file; {@code os.arch} and core count when there is none. */
    static String cpuModel(Path cpuinfo) {
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                var model = lines.filter(l -> l.startsWith("model name") && l.contains(":"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).filter(s -> !s.isEmpty()).findFirst();
                if (model.isPresent()) {
                    return model.get();
                }
            } catch (IOException | RuntimeException e) {
                // fall back below
            }
        }
        return System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
