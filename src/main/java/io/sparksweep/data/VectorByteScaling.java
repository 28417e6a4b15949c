package io.sparksweep.data;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ByteScaling} on the Vector API; loaded only when the {@code jdk.incubator.vector} module
 * is present. Lanes: floats of the preferred shape, and ints and bytes with as many lanes; each
 * lane computes exactly the scalar {@code (b & 0xFF) * SCALE}.
 */
final class VectorByteScaling {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(FLOATS.length() * Byte.SIZE));

    private VectorByteScaling() {
    }

    static void toFloats(byte[] src, int from, float[] dest, int to, int n) {
        int lanes = FLOATS.length();
        int i = 0;
        for (int bound = n - n % lanes; i < bound; i += lanes) {
            IntVector unsigned = ((IntVector) ByteVector.fromArray(BYTES, src, from + i)
                    .convertShape(VectorOperators.B2I, INTS, 0)).and(0xFF);
            ((FloatVector) unsigned.convert(VectorOperators.I2F, 0)).mul(ByteScaling.SCALE).intoArray(dest, to + i);
        }
        ByteScaling.scalar(src, from, dest, to, n, i);
    }
}
