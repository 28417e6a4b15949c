package io.sparksweep.nn;

/**
 * Prints this JVM's {@link BlasSetup} as {@code source|implementation|library|core|threads}, for
 * {@link NativeBlasTest}'s child JVMs (each with its own environment, as an executor has).
 */
public final class PrintBlasSetup {
    private PrintBlasSetup() {
    }

    /** A hash of the bits of one 100 x 784 x 100 product of Gaussian matrices, as the first layer computes. */
    static int productHash() {
        int m = 100;
        int k = 784;
        int n = 100;
        java.util.Random r = new java.util.Random(1);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextGaussian();
        }
        float[] c = new float[m * n];
        RowMajor.gemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, c, 0, n);
        return java.util.Arrays.hashCode(c);
    }

    public static void main(String[] args) {
        try {
            BlasSetup s = NativeBlas.setup();
            float[] c = new float[1];
            RowMajor.gemm(false, false, 1, 1, 2, 1f, new float[]{2, 3}, 0, 2, new float[]{5, 7}, 0, 1, 0f, c, 0, 1);
            System.out.println(s.source().id() + "|" + s.implementation() + "|" + s.library() + "|" + s.core() + "|"
                    + s.threads() + "|" + c[0] + "|" + productHash());
        } catch (io.sparksweep.BadInputException e) {
            System.out.println("bad input: " + e.getMessage());
        }
    }
}
