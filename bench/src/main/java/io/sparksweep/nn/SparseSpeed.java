package io.sparksweep.nn;

import io.sparksweep.data.Dataset;
import io.sparksweep.data.Hdf5DatasetReader;
import io.sparksweep.data.SparseRows;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The input layer's sparse products ({@code data.sparse}) against the sgemm calls they replace,
 * on the seed network (784-100-10, batch 100), one thread, in interleaved rounds: the forward
 * products of the training rows and the weight step over one epoch's batches, each both ways;
 * then one seed trial per activation both ways (thread CPU per epoch, final validation accuracy).
 * Prints {@code sparsespeed_*} lines, medians over the rounds at the end.
 *
 * <pre>
 *   SparseSpeed [train.hdf5] [epochs-per-trial] [rounds]
 * </pre>
 */
public final class SparseSpeed {
    private static final int IN = 784;
    private static final int OUT = 100;
    private static final int BATCH = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SparseSpeed() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "data/mnist_traindata.hdf5");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Dataset full = Hdf5DatasetReader.read(file, "xdata", "ydata", Hdf5DatasetReader.Expected.ANY);
        int trainRows = full.rows() * 5 / 6;
        Dataset train = full.slice(0, trainRows);
        Dataset validation = full.slice(trainRows, full.rows());
        long t0 = THREADS.getCurrentThreadCpuTime();
        SparseRows nz = train.nonzeros();
        System.out.printf(Locale.ROOT, "sparsespeed_nonzeros %d of %d (%.1f%%), %.1f MB, built in %.0f ms%n", nz.nonzeros(),
                (long) train.rows() * IN, 100.0 * nz.nonzeros() / train.rows() / IN, nz.sizeInBytes() / 1e6,
                (THREADS.getCurrentThreadCpuTime() - t0) / 1e6);

        String[] names = {"forward_sgemm", "forward_sparse", "step_sgemm", "step_sparse",
                "relu_dense", "relu_sparse", "tanh_dense", "tanh_sparse"};
        double[][] ms = new double[names.length][rounds];
        Kernels k = new Kernels(train);
        k.run(ms, 0); // JIT warm-up
        trial(Activation.RELU, train, validation, 1, false);
        trial(Activation.RELU, train, validation, 1, true);
        for (int round = 0; round < rounds; round++) {
            double[][] once = new double[names.length][1];
            k.run(once, 0);
            int a = 4;
            for (Activation act : new Activation[] {Activation.RELU, Activation.TANH}) {
                for (boolean sparse : new boolean[] {false, true}) {
                    double[] r = trial(act, train, validation, epochs, sparse);
                    once[a++][0] = r[0];
                    if (round == 0) {
                        System.out.printf(Locale.ROOT, "sparsespeed_accuracy %s %s epochs %d val_acc %.4f%n", act.id(),
                                sparse ? "sparse" : "dense", epochs, r[1]);
                    }
                }
            }
            StringBuilder line = new StringBuilder("sparsespeed_round " + (round + 1));
            for (int i = 0; i < names.length; i++) {
                ms[i][round] = once[i][0];
                line.append(String.format(Locale.ROOT, " %s %.0f", names[i], once[i][0]));
            }
            System.out.println(line + " (ms per epoch)");
        }
        for (int i = 0; i < names.length; i += 2) {
            double dense = TrialSpeed.median(ms[i]);
            double sparse = TrialSpeed.median(ms[i + 1]);
            System.out.printf(Locale.ROOT, "sparsespeed_median %s %.0f ms, %s %.0f ms per epoch: sparse / dense %.2f%n",
                    names[i], dense, names[i + 1], sparse, sparse / dense);
        }
    }

    /** Thread CPU ms per epoch of one seed-shaped trial, and its final validation accuracy. */
    private static double[] trial(Activation act, Dataset train, Dataset validation, int epochs, boolean sparse) {
        Architecture arch = Architecture.of(IN, new int[] {OUT}, act, 10);
        Network start = Network.initialise(arch, Initializer.NORMAL, 1.0, 243);
        TrainingSettings s = new TrainingSettings(epochs, BATCH, 1e-3, Reduction.SUM, LearningRateSchedule.step(0.5, 20), false, 0L);
        long t0 = THREADS.getCurrentThreadCpuTime();
        TrainingResult r = Trainer.train(start, train.withSparseProducts(sparse), validation, s, null);
        long t1 = THREADS.getCurrentThreadCpuTime();
        return new double[] {(t1 - t0) / 1e6 / epochs, r.last().validationAccuracy()};
    }

    /** One epoch's input-layer products over the training rows, by sgemm on dense rows and by {@link SparseInput}. */
    private static final class Kernels {
        private final Dataset train;
        private final Workspace dense;
        private final SparseInput sparse;
        private final float[] w;
        private final float[] delta = new float[BATCH * OUT];
        private final float[] s = new float[BATCH * OUT];

        Kernels(Dataset train) {
            this.train = train;
            Architecture arch = Architecture.of(IN, new int[] {OUT}, Activation.RELU, 10);
            this.dense = new Workspace(arch, BATCH);
            this.w = Network.initialise(arch, Initializer.NORMAL, 0.01, 1).parameters();
            this.sparse = new SparseInput(IN, OUT, BATCH, SparseInput.transpose(w, 0, OUT, IN));
            for (int i = 0; i < delta.length; i++) {
                delta[i] = (float) Math.sin(i) * 0.1f;
            }
        }

        void run(double[][] ms, int at) {
            SparseRows nz = train.nonzeros();
            int n = train.rows();
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (int first = 0; first + BATCH <= n; first += BATCH) {
                dense.load(train, first, BATCH);
                RowMajor.gemm(false, true, BATCH, OUT, IN, 1f, dense.acts[0], 0, IN, w, 0, IN, 0f, s, 0, OUT);
            }
            long t1 = THREADS.getCurrentThreadCpuTime();
            for (int first = 0; first + BATCH <= n; first += BATCH) {
                sparse.select(nz, first, BATCH);
                sparse.forward(s);
            }
            long t2 = THREADS.getCurrentThreadCpuTime();
            for (int first = 0; first + BATCH <= n; first += BATCH) {
                dense.load(train, first, BATCH);
                RowMajor.gemm(true, false, OUT, IN, BATCH, -1e-9f, delta, 0, OUT, dense.acts[0], 0, IN, 1f, w, 0, IN);
            }
            long t3 = THREADS.getCurrentThreadCpuTime();
            for (int first = 0; first + BATCH <= n; first += BATCH) {
                sparse.select(nz, first, BATCH);
                sparse.step(delta, -1e-9f);
            }
            long t4 = THREADS.getCurrentThreadCpuTime();
            ms[0][at] = (t1 - t0) / 1e6;
            ms[1][at] = (t2 - t1) / 1e6;
            ms[2][at] = (t3 - t2) / 1e6;
            ms[3][at] = (t4 - t3) / 1e6;
        }
    }
}
