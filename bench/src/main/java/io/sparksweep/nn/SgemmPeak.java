package io.sparksweep.nn;

import java.util.Locale;
import java.util.Random;

/**
 * The single-thread sgemm peak of the BLAS that training uses, measured through the same
 * {@link RowMajor#gemm} call the network makes (this class sits in package {@code nn} to reach
 * it). bench/run.sh runs it in the same run as the sweeps, so "% of sgemm peak" compares
 * figures taken on one machine at one time, not against a constant.
 *
 * <p>Shapes: the seed network's three products at batch 100 (forward {@code 100×784 · 784×100},
 * weight gradient {@code 100×100 · 100×784}, input-side delta {@code 100×10 · 10×100}), the
 * evaluation product at 1000 rows, and one large square product as the library's best case.
 * Each shape is repeated for about {@code seconds} seconds after a warm-up; the best of five
 * rounds counts. Prints {@code sgemm_gflops <shape> <value>} lines and {@code sgemm_peak <max>}.
 *
 * <pre>
 *   SgemmPeak [seconds-per-shape]
 * </pre>
 */
public final class SgemmPeak {
    /** {m, n, k, transA, transB}: C (m×n) = op(A) (m×k) · op(B) (k×n), as the trainer calls it. */
    static final int[][] SHAPES = {
        {100, 100, 784, 0, 1},   // forward, hidden layer: a (100×784) · W1ᵀ
        {100, 784, 100, 1, 0},   // dW1 = deltaᵀ (100×100) · a (100×784)
        {100, 100, 10, 0, 0},    // hidden delta = delta_out (100×10) · W2 (10×100)
        {1000, 100, 784, 0, 1},  // evaluation, 1000 rows
        {1024, 1024, 1024, 0, 0} // the library's best case
    };

    private SgemmPeak() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        System.out.println("sgemm_blas " + dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getName());
        double peak = 0;
        for (int[] s : SHAPES) {
            double g = measure(s[0], s[1], s[2], s[3] == 1, s[4] == 1, seconds);
            System.out.printf(Locale.ROOT, "sgemm_gflops %dx%dx%d%s%s %.1f%n", s[0], s[1], s[2],
                    s[3] == 1 ? "-tA" : "", s[4] == 1 ? "-tB" : "", g);
            peak = Math.max(peak, g);
        }
        System.out.printf(Locale.ROOT, "sgemm_peak %.1f%n", peak);
    }

    /** Best GFLOP/s of five rounds of {@code RowMajor.gemm} on one shape, after a warm-up. */
    static double measure(int m, int n, int k, boolean transA, boolean transB, double seconds) {
        Random random = new Random(1);
        float[] a = fill(new float[m * k], random);
        float[] b = fill(new float[k * n], random);
        float[] c = new float[m * n];
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        double flops = 2.0 * m * n * k;
        long calls = Math.max(1, (long) (seconds * 5e10 / flops / 5)); // ~seconds/5 per round at 50 GFLOP/s
        for (long i = 0; i < calls; i++) { // warm-up
            RowMajor.gemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        }
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < calls; i++) {
                RowMajor.gemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, flops * calls / s / 1e9);
        }
        return best;
    }

    private static float[] fill(float[] x, Random random) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
