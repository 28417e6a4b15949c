package io.sparksweep.nn;

/**
 * Prints this JVM's {@link BlasSetup} as {@code source|implementation|library|core|threads}, for
 * {@link NativeBlasTest}'s child JVMs (each with its own environment, as an executor has).
 */
public final class PrintBlasSetup {
    private PrintBlasSetup() {
    }

    public static void main(String[] args) {
        try {
            BlasSetup s = NativeBlas.setup();
            float[] c = new float[1];
            RowMajor.gemm(false, false, 1, 1, 2, 1f, new float[]{2, 3}, 0, 2, new float[]{5, 7}, 0, 1, 0f, c, 0, 1);
            System.out.println(s.source().id() + "|" + s.implementation() + "|" + s.library() + "|" + s.core() + "|"
                    + s.threads() + "|" + c[0]);
        } catch (io.sparksweep.BadInputException e) {
            System.out.println("bad input: " + e.getMessage());
        }
    }
}
