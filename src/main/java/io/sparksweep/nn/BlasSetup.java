package io.sparksweep.nn;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * The BLAS set-up of one JVM, as measured in that JVM: which library computes the matrix
 * products. Two JVMs whose set-ups are {@link #sameNumerics equal in numerics} compute
 * bit-identical products; others may differ in the last bits, and training grows that.
 *
 * @param source         where the library came from
 * @param implementation the netlib class that runs {@code sgemm}, e.g. {@code dev.ludovic.netlib.blas.JNIBLAS}
 * @param library        path of the native library; null for {@link BlasSource#JAVA}
 * @param version        the library's own description: {@code openblas_get_config()} for the bundled
 *                       OpenBLAS, the library file's name for a system one, the Java class otherwise
 * @param core           the kernel set in use: OpenBLAS's {@code openblas_get_corename()} (e.g. {@code Haswell}),
 *                       {@code OPENBLAS_CORETYPE} for a system library when set, the Vector API's width for
 *                       Java; null when not known
 * @param threads        BLAS threads per call as the library reports it; 0 when it cannot be asked
 *                       (a system library with {@code OPENBLAS_NUM_THREADS} unset)
 */
public record BlasSetup(BlasSource source, String implementation, String library, String version, String core,
                        int threads) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Whether {@code other} computes the same bits: same source, implementation, version, core and
     * thread count. The library's path is left out: the bundled library is extracted to a
     * per-user cache folder that differs between machines.
     */
    public boolean sameNumerics(BlasSetup other) {
        return other != null && source == other.source && Objects.equals(implementation, other.implementation)
                && Objects.equals(version, other.version) && Objects.equals(core, other.core)
                && threads == other.threads;
    }

    /**
     * One line for people and fingerprints, without the path, e.g.
     * {@code bundled OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64, core Zen, 1 thread (JNIBLAS)}.
     */
    public String describe() {
        String impl = implementation == null ? "?" : implementation.substring(implementation.lastIndexOf('.') + 1);
        String what = version == null || version.equals(implementation) ? "" : " " + version;
        return String.format(Locale.ROOT, "%s%s, core %s, %s (%s)", source.id(), what, core == null ? "unknown" : core,
                threads == 0 ? "threads unknown" : threads == 1 ? "1 thread" : threads + " threads", impl);
    }
}
