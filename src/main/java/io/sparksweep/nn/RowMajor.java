package io.sparksweep.nn;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Row-major matrix products on top of the column-major (Fortran) BLAS {@code sgemm}.
 *
 * <p>The mapping: a row-major {@code r × c} matrix with row stride {@code ld} occupies memory
 * exactly as the column-major {@code c × r} matrix (its transpose) with leading dimension
 * {@code ld}. So the row-major product {@code C = op(A) · op(B)} (C is {@code m × n}) is, seen
 * column-major, {@code Cᵀ = op(B)ᵀ · op(A)ᵀ}: call {@code sgemm} with the operands swapped,
 * {@code m} and {@code n} swapped, and the SAME transpose flags (a row-major "no transpose"
 * operand is already the transposed column-major one that the swapped product needs).
 */
final class RowMajor {
    /** This JVM's BLAS, chosen and loaded once by {@link NativeBlas} (the bundled OpenBLAS by default). */
    private static final BLAS BLAS_INSTANCE = NativeBlas.blas();

    private RowMajor() {
    }

    /**
     * Row-major {@code C = alpha · op(A) · op(B) + beta · C}, with {@code C} of shape
     * {@code m × n} and inner dimension {@code k}. {@code lda}, {@code ldb}, {@code ldc} are the
     * row strides of the arrays as stored (for an untransposed {@code A} of shape {@code m × k}
     * that is {@code k}; for a transposed one, stored {@code k × m}, it is {@code m}). With
     * {@code beta == 0}, {@code C} is not read.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int offA, int lda, float[] b, int offB, int ldb,
                     float beta, float[] c, int offC, int ldc) {
        BLAS_INSTANCE.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
                b, offB, ldb, a, offA, lda, beta, c, offC, ldc);
    }
}
