package io.sparksweep.data;

/**
 * Converts unsigned bytes to floats scaled by 1/255, the way {@link Dataset} stores pixels. Uses
 * the Vector API ({@link VectorByteScaling}) when the JVM has the {@code jdk.incubator.vector}
 * module (Spark's launch flags add it; JDK 17's JIT does not vectorise this loop by itself), and
 * a plain loop otherwise. Both compute exactly {@code (b & 0xFF) * (1f / 255f)} per value, so the
 * results are the same bit for bit.
 */
final class ByteScaling {
    /** The factor applied to every byte. */
    static final float SCALE = 1f / 255f;
    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private ByteScaling() {
    }

    /** {@code dest[to + i] = (src[from + i] & 0xFF) / 255} for {@code i} in {@code [0, n)}. */
    static void toFloats(byte[] src, int from, float[] dest, int to, int n) {
        if (VECTOR_API) {
            VectorByteScaling.toFloats(src, from, dest, to, n);
        } else {
            scalar(src, from, dest, to, n, 0);
        }
    }

    /** The plain loop from element {@code start} on. */
    static void scalar(byte[] src, int from, float[] dest, int to, int n, int start) {
        for (int i = start; i < n; i++) {
            dest[to + i] = (src[from + i] & 0xFF) * SCALE;
        }
    }
}
