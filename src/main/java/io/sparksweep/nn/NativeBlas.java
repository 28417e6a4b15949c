package io.sparksweep.nn;

import dev.ludovic.netlib.blas.BLAS;
import io.sparksweep.BadInputException;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_full;

import jdk.incubator.vector.FloatVector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Chooses, loads and describes this JVM's BLAS, once per JVM, before the first matrix product.
 *
 * <p>By default the native OpenBLAS bundled in SparkSweep's jar ({@code org.bytedeco:openblas}):
 * JavaCPP's {@link Loader} extracts it (to {@code ~/.javacpp/cache}, or the folder named by
 * {@code org.bytedeco.javacpp.cachedir}), its thread count is pinned to one with
 * {@code openblas_set_num_threads(1)}, and netlib is pointed at the same file through its
 * {@value #NETLIB_LIBRARY_PATH} property, so that netlib's {@code JNIBLAS} runs it. Every node
 * then computes with the same library, whatever its system packages.
 *
 * <p>The property {@value #CHOICE_PROPERTY} (or, when that is unset, the environment variable
 * {@value #CHOICE_ENV}) asks for another source: {@code system} (netlib loads the machine's
 * {@code libblas.so.3}, as before the library was bundled; its threads are then set only through
 * {@code OPENBLAS_NUM_THREADS}) or {@code java} (netlib's Java BLAS). A
 * {@value #NETLIB_LIBRARY_PATH} given by the user is kept and counts as {@code system}. Where no
 * bundled library exists for the platform (see {@link #PLATFORMS}), netlib's own order applies:
 * the system library when it loads, else Java.
 *
 * <p>The choice is made in a lazily initialised holder: the first call of {@link #blas()},
 * {@link #setup()} or {@link #describe()} in a JVM loads the library; every later call returns the
 * same one. Nothing here knows Spark; every executor JVM makes the same choice when its first
 * trial starts.
 */
public final class NativeBlas {
    /** System property choosing the BLAS source: {@code bundled} (default), {@code system} or {@code java}. */
    public static final String CHOICE_PROPERTY = "sparksweep.blas";
    /** Environment variable read when {@value #CHOICE_PROPERTY} is unset (e.g. {@code spark.executorEnv.SPARKSWEEP_BLAS}). */
    public static final String CHOICE_ENV = "SPARKSWEEP_BLAS";
    /** netlib's property naming the native BLAS file its JNI layer opens (netlib 3.x {@code JNI_OnLoad}). */
    public static final String NETLIB_LIBRARY_PATH = "dev.ludovic.netlib.blas.nativeLibPath";
    /** The JavaCPP platforms whose OpenBLAS the default build bundles (pom.xml, profile all-platforms). */
    public static final List<String> PLATFORMS = List.of("linux-x86_64", "linux-arm64", "macosx-x86_64",
            "macosx-arm64", "windows-x86_64");

    /** A path netlib cannot open, so that {@code java} gets netlib's Java BLAS. */
    private static final String NO_LIBRARY = "/nonexistent/sparksweep-asked-for-java-blas";
    /** The bundled OpenBLAS among JavaCPP's loaded libraries: {@code openblas_nolapack@.0} or {@code openblas@.0}, not {@code jniopenblas}. */
    private static final Pattern OPENBLAS_NAME = Pattern.compile("(lib)?openblas(_nolapack)?([@.#].*)?");

    private NativeBlas() {
    }

    /** What the holder found: the BLAS and its description, or why the request was unusable. */
    private record Loaded(BLAS blas, BlasSetup setup, String bundledFailure, BadInputException badRequest) {
    }

    private static final class Holder {
        static final Loaded LOADED = load();
    }

    /**
     * This JVM's BLAS, loaded on first use.
     *
     * @throws BadInputException when {@value #CHOICE_PROPERTY} / {@value #CHOICE_ENV} names no known source
     */
    static BLAS blas() {
        return loaded().blas();
    }

    /**
     * This JVM's BLAS set-up, measured in this JVM (loading the library on first use).
     *
     * @throws BadInputException when {@value #CHOICE_PROPERTY} / {@value #CHOICE_ENV} names no known source
     */
    public static BlasSetup setup() {
        return loaded().setup();
    }

    /**
     * One line naming this JVM's BLAS set-up without machine-specific paths (see
     * {@link BlasSetup#describe()}); equal lines mean bit-identical matrix products. Meant for
     * fingerprints (such as a resumed run's check of its build and BLAS) and logs.
     */
    public static String describe() {
        return setup().describe();
    }

    /**
     * Why the bundled library was not used although it was asked for (no build for this
     * platform, say), or null when it was used or not asked for.
     */
    public static String bundledFailure() {
        return loaded().bundledFailure();
    }

    /** This JVM's JavaCPP platform name, e.g. {@code linux-x86_64}. */
    public static String platform() {
        return Loader.getPlatform();
    }

    private static Loaded loaded() {
        Loaded l = Holder.LOADED;
        if (l.badRequest() != null) {
            throw new BadInputException(l.badRequest().getMessage());
        }
        return l;
    }

    /**
     * The source asked for: {@code property} when set, else {@code env}, else bundled.
     *
     * @throws IllegalArgumentException naming the property or variable when the value is unknown
     */
    static BlasSource requested(String property, String env) {
        if (property != null && !property.isBlank()) {
            return BlasSource.fromId(property, "-D" + CHOICE_PROPERTY);
        }
        if (env != null && !env.isBlank()) {
            return BlasSource.fromId(env, CHOICE_ENV);
        }
        return BlasSource.BUNDLED;
    }

    /** Held so that its level stays set (java.util.logging keeps loggers only weakly). */
    private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

    private static Loaded load() {
        BlasSource wanted;
        try {
            wanted = requested(System.getProperty(CHOICE_PROPERTY), System.getenv(CHOICE_ENV));
        } catch (IllegalArgumentException e) {
            return new Loaded(null, null, null, new BadInputException(e.getMessage()));
        }
        String bundledLibrary = null;
        String bundledFailure = null;
        if (System.getProperty(NETLIB_LIBRARY_PATH) != null) {
            wanted = BlasSource.SYSTEM;
        } else if (wanted == BlasSource.BUNDLED) {
            try {
                bundledLibrary = loadBundled();
                System.setProperty(NETLIB_LIBRARY_PATH, bundledLibrary);
            } catch (LinkageError | RuntimeException e) {
                bundledFailure = "no bundled OpenBLAS for " + safePlatform() + " (" + e.getMessage() + ")";
            }
        } else if (wanted == BlasSource.JAVA) {
            System.setProperty(NETLIB_LIBRARY_PATH, NO_LIBRARY);
        }
        // netlib announces the implementation it picked at INFO through java.util.logging, on stderr
        // unless something routes that logging elsewhere; the set-up is reported by describe() instead.
        NETLIB_LOG.setLevel(java.util.logging.Level.WARNING);
        BLAS blas = BLAS.getInstance();
        return new Loaded(blas, describe(blas, bundledLibrary), bundledFailure, null);
    }

    /**
     * Loads the bundled OpenBLAS with JavaCPP, pins it to one thread and returns the file netlib
     * must open to get that same instance.
     *
     * <p>JavaCPP loads the library twice, as {@code libopenblas_nolapack.so.0} (a copy, for its
     * BLAS-only wrapper, loaded first) and as {@code libopenblas.so.0}; both carry the soname
     * {@code libopenblas.so.0}, so the dynamic linker binds every JavaCPP wrapper, and thus
     * {@code openblas_set_num_threads}, to the copy loaded first. netlib opens a path, which gives
     * it that path's instance: it must be the first one, or its products would run with
     * OpenBLAS's default thread count however this method pins it ({@code NativeBlasTest}
     * checks that products do not depend on {@code OPENBLAS_NUM_THREADS}).
     */
    private static String loadBundled() {
        Loader.load(openblas_full.class);
        openblas_full.openblas_set_num_threads(1);
        String plain = null;
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            var m = OPENBLAS_NAME.matcher(e.getKey());
            if (m.matches() && e.getValue() != null) {
                if (m.group(2) != null) {
                    return e.getValue(); // the BLAS-only copy, loaded first
                }
                plain = e.getValue();
            }
        }
        if (plain != null) {
            return plain;
        }
        throw new IllegalStateException("JavaCPP loaded " + Loader.getLoadedLibraries().keySet() + ", none of them libopenblas");
    }

    private static BlasSetup describe(BLAS blas, String bundledLibrary) {
        String impl = blas.getClass().getName();
        boolean jni = impl.endsWith("JNIBLAS");
        if (jni && bundledLibrary != null) {
            return new BlasSetup(BlasSource.BUNDLED, impl, bundledLibrary, openblas_full.openblas_get_config().getString(),
                    openblas_full.openblas_get_corename().getString(), openblas_full.openblas_get_num_threads());
        }
        if (jni) {
            String library = systemLibrary();
            String version = library == null ? null : Path.of(library).getFileName().toString();
            return new BlasSetup(BlasSource.SYSTEM, impl, library, version, blankToNull(System.getenv("OPENBLAS_CORETYPE")),
                    envThreads(System.getenv("OPENBLAS_NUM_THREADS")));
        }
        return new BlasSetup(BlasSource.JAVA, impl, null, impl, javaCore(impl), 1);
    }

    /** The system BLAS file netlib opened: the mapped OpenBLAS (or other *blas*) library on Linux, else netlib's setting. */
    private static String systemLibrary() {
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            try {
                List<String> files = Files.readAllLines(maps).stream()
                        .map(l -> l.indexOf('/') < 0 ? "" : l.substring(l.indexOf('/')))
                        .filter(f -> {
                            String name = f.substring(f.lastIndexOf('/') + 1);
                            return name.contains("blas") && !name.contains("netlibblasjni") && !name.contains("jniopenblas");
                        })
                        .distinct().toList();
                String pick = files.stream().filter(f -> f.substring(f.lastIndexOf('/') + 1).startsWith("libopenblas"))
                        .findFirst().orElse(files.isEmpty() ? null : files.get(0));
                if (pick != null) {
                    return pick;
                }
            } catch (IOException | RuntimeException e) {
                // fall through to netlib's own setting
            }
        }
        String path = System.getProperty(NETLIB_LIBRARY_PATH);
        return path != null ? path : "lib" + System.getProperty("dev.ludovic.netlib.blas.nativeLib", "blas") + " (netlib default)";
    }

    /** The thread count {@code OPENBLAS_NUM_THREADS} asks of a system OpenBLAS; 0 when unset or not a number. */
    static int envThreads(String value) {
        if (value == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.trim());
            return Math.max(n, 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String javaCore(String impl) {
        if (impl.endsWith("VectorBLAS")) {
            try {
                return "Vector API " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit";
            } catch (LinkageError e) {
                return "Vector API";
            }
        }
        return "scalar Java";
    }

    private static String safePlatform() {
        try {
            return Loader.getPlatform();
        } catch (LinkageError | RuntimeException e) {
            return System.getProperty("os.name") + " " + System.getProperty("os.arch");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
