package io.sparksweep.nn;

import io.sparksweep.data.Dataset;
import io.sparksweep.data.Hdf5DatasetReader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;

/**
 * How close one seed trial comes to the BLAS: trial GFLOP/s against the single-thread sgemm peak
 * measured in the same JVM, on the same BLAS, in interleaved rounds (the machine is shared, so
 * only figures taken side by side are compared).
 *
 * <p>Each round measures, one after the other on this thread: {@link SgemmPeak}'s shapes (the
 * peak is the best shape, as bench/run.sh reports it; the best of the seed's batch-100 shapes is
 * printed too); one {@link Trainer#train} of the seed network 784-100-10 (batch 100, summed
 * gradients, N(0,1) init, file order, evaluation of the 50,000 training and 10,000 validation
 * rows after every epoch) per activation, relu and tanh; and a replay of exactly that trial's
 * {@code sgemm} calls (same shapes, flags and order, on buffers of the same sizes) with nothing
 * else, which is what the trial would take if everything outside sgemm were free; and that replay
 * on every core at once, one thread each (as a sweep runs one trial per core: the cores then share
 * the caches and the memory bus). Trial
 * throughput counts the FLOPs of the products only (forward, weight gradient, hidden delta,
 * per-epoch evaluation) over the trial's thread CPU time. Last, one instrumented epoch per
 * activation splits the time into loading batches, the forward pass, softmax, backward and
 * evaluation; with the replay's sgemm time per phase this says where the time outside sgemm
 * goes.
 *
 * <p>Prints {@code trialspeed_*} lines; medians over the rounds at the end.
 *
 * <pre>
 *   TrialSpeed [train.hdf5] [epochs-per-trial] [rounds] [sgemm-seconds-per-shape]
 * </pre>
 */
public final class TrialSpeed {
    private static final int[] SIZES = {784, 100, 10};
    private static final int BATCH = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TrialSpeed() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "data/mnist_traindata.hdf5");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double sgemmSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 0.5;
        Dataset full = Hdf5DatasetReader.read(file, "xdata", "ydata", Hdf5DatasetReader.Expected.ANY);
        int trainRows = full.rows() * 5 / 6;
        Dataset train = full.slice(0, trainRows);
        Dataset validation = full.slice(trainRows, full.rows());
        double flops = epochs * epochFlops(train.rows(), validation.rows());
        System.out.printf(Locale.ROOT, "trialspeed_setup epochs %d rounds %d train %d validation %d gflop_per_trial %.2f blas %s%n",
                epochs, rounds, train.rows(), validation.rows(), flops / 1e9,
                dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getSimpleName());

        Activation[] acts = {Activation.RELU, Activation.TANH};
        double[] peak = new double[rounds];
        double[] seedPeak = new double[rounds];
        double[][] trial = new double[acts.length][rounds];
        double[] replay = new double[rounds];
        int cores = Runtime.getRuntime().availableProcessors();
        double[] replayAllCores = new double[rounds];
        for (Activation act : acts) {
            trainOnce(act, train, validation, 1, false); // JIT warm-up of each activation's training path
        }
        replay(train.rows(), validation.rows(), 1);
        for (int round = 0; round < rounds; round++) {
            double best = 0;
            double bestSeed = 0;
            int[][] shapes = SgemmPeak.SHAPES;
            for (int s = 0; s < shapes.length; s++) {
                int[] sh = shapes[s];
                double g = SgemmPeak.measure(sh[0], sh[1], sh[2], sh[3] == 1, sh[4] == 1, sgemmSeconds);
                best = Math.max(best, g);
                if (sh[0] == BATCH) {
                    bestSeed = Math.max(bestSeed, g);
                }
            }
            peak[round] = best;
            seedPeak[round] = bestSeed;
            for (int a = 0; a < acts.length; a++) {
                double cpu = trainOnce(acts[a], train, validation, epochs, round == 0);
                trial[a][round] = flops / cpu / 1e9;
            }
            replay[round] = flops / replay(train.rows(), validation.rows(), epochs) / 1e9;
            replayAllCores[round] = flops / replayOnAllCores(train.rows(), validation.rows(), epochs, cores) / 1e9;
            System.out.printf(Locale.ROOT, "trialspeed_round %d sgemm_peak %.1f seed_shape_peak %.1f relu %.1f tanh %.1f "
                    + "sgemm_only %.1f sgemm_only_all_cores %.1f GFLOP/s%n", round + 1, best, bestSeed, trial[0][round],
                    trial[1][round], replay[round], replayAllCores[round]);
        }
        double p = median(peak);
        double ps = median(seedPeak);
        double r = median(replay);
        System.out.printf(Locale.ROOT, "trialspeed_sgemm_peak %.1f%n", p);
        System.out.printf(Locale.ROOT, "trialspeed_seed_shape_peak %.1f%n", ps);
        System.out.printf(Locale.ROOT, "trialspeed_sgemm_only %.1f (%.0f%% of peak)%n", r, 100 * r / p);
        System.out.printf(Locale.ROOT, "trialspeed_sgemm_only_all_cores %.1f on %d cores at once (%.0f%% of the one-core replay, "
                + "median of per-round ratios)%n", median(replayAllCores), cores, 100 * median(ratios(replayAllCores, replay)));
        for (int a = 0; a < acts.length; a++) {
            double t = median(trial[a]);
            double[] ratio = ratios(trial[a], peak);
            double[] ratioReplay = ratios(trial[a], replay);
            System.out.printf(Locale.ROOT, "trialspeed_trial %s %.1f GFLOP/s = %.1f%% of sgemm peak (median of per-round ratios), "
                    + "%.1f%% of the trial's own sgemm calls alone%n", acts[a].id(), t, 100 * median(ratio), 100 * median(ratioReplay));
        }
        for (Activation act : acts) {
            phases(act, train, validation);
        }
    }

    /** FLOPs of the products of one epoch: forward + weight gradient + hidden deltas on the training rows, forward on all rows. */
    static double epochFlops(int trainRows, int validationRows) {
        double forward = 0;
        double delta = 0;
        for (int l = 0; l + 1 < SIZES.length; l++) {
            forward += 2.0 * SIZES[l] * SIZES[l + 1];
            if (l > 0) {
                delta += 2.0 * SIZES[l] * SIZES[l + 1];
            }
        }
        return trainRows * (2 * forward + delta) + (double) (trainRows + validationRows) * forward;
    }

    /**
     * Thread CPU seconds of one seed-shaped training run; with {@code print}, a line with the
     * SHA-256 of the trained parameters' and the curve's bits, to compare builds bit for bit.
     */
    private static double trainOnce(Activation act, Dataset train, Dataset validation, int epochs, boolean print) {
        Architecture arch = Architecture.of(SIZES[0], new int[] {SIZES[1]}, act, SIZES[2]);
        Network start = Network.initialise(arch, Initializer.NORMAL, 1.0, 243);
        TrainingSettings s = new TrainingSettings(epochs, BATCH, 1e-3, Reduction.SUM, LearningRateSchedule.step(0.5, 20), false, 0L);
        long t0 = THREADS.getCurrentThreadCpuTime();
        TrainingResult result = Trainer.train(start, train, validation, s, null);
        long t1 = THREADS.getCurrentThreadCpuTime();
        if (result.curve().isEmpty()) {
            throw new IllegalStateException("no epoch");
        }
        if (print) {
            System.out.printf(Locale.ROOT, "trialspeed_bits %s epochs %d sha256 %s val_acc %.4f%n", act.id(), epochs,
                    bits(result), result.last().validationAccuracy());
        }
        return (t1 - t0) / 1e9;
    }

    /**
     * Thread CPU seconds of the seed trial's sgemm calls alone, in the trial's order: per batch the
     * two forward products, the hidden delta and the two weight gradients (beta 1, into the
     * parameters); per epoch the forward products of the evaluation, 1,000 rows at a time.
     */
    private static double replay(int trainRows, int validationRows, int epochs) {
        Gemms g = new Gemms();
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int e = 0; e < epochs; e++) {
            for (int first = 0; first < trainRows; first += BATCH) {
                int rows = Math.min(BATCH, trainRows - first);
                g.forward(rows);
                g.backward(rows);
            }
            for (int n : new int[] {trainRows, validationRows}) {
                for (int first = 0; first < n; first += Evaluator.BATCH_ROWS) {
                    g.evalForward(Math.min(Evaluator.BATCH_ROWS, n - first));
                }
            }
        }
        return (THREADS.getCurrentThreadCpuTime() - t0) / 1e9;
    }

    /**
     * {@link #replay} on {@code threads} threads at once, as a sweep keeps every core busy with a
     * trial of its own: the mean of the threads' CPU seconds (each thread its own buffers).
     */
    private static double replayOnAllCores(int trainRows, int validationRows, int epochs, int threads) {
        double[] cpu = new double[threads];
        Thread[] running = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            int slot = i;
            running[i] = new Thread(() -> cpu[slot] = replay(trainRows, validationRows, epochs));
            running[i].start();
        }
        for (Thread t : running) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Arrays.stream(cpu).average().orElseThrow();
    }

    private static double[] ratios(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    /** Buffers and calls that mirror {@link Workspace}'s products for 784-100-10. */
    private static final class Gemms {
        final float[] params = fill(new float[784 * 100 + 100 + 100 * 10 + 10], 1e-3f);
        final float[] x = fill(new float[Evaluator.BATCH_ROWS * 784], 1f);
        final float[] h = new float[Evaluator.BATCH_ROWS * 100];
        final float[] z = new float[Evaluator.BATCH_ROWS * 10];
        final float[] dh = new float[BATCH * 100];
        final int w2 = 784 * 100 + 100;

        void forward(int rows) {
            RowMajor.gemm(false, true, rows, 100, 784, 1f, x, 0, 784, params, 0, 784, 0f, h, 0, 100);
            RowMajor.gemm(false, true, rows, 10, 100, 1f, h, 0, 100, params, w2, 100, 0f, z, 0, 10);
        }

        void backward(int rows) {
            RowMajor.gemm(false, false, rows, 100, 10, 1f, z, 0, 10, params, w2, 100, 0f, dh, 0, 100);
            RowMajor.gemm(true, false, 10, 100, rows, -1e-9f, z, 0, 10, h, 0, 100, 1f, params, w2, 100);
            RowMajor.gemm(true, false, 100, 784, rows, -1e-9f, dh, 0, 100, x, 0, 784, 1f, params, 0, 784);
        }

        void evalForward(int rows) {
            forward(rows);
        }

        private static float[] fill(float[] a, float scale) {
            Random random = new Random(7);
            for (int i = 0; i < a.length; i++) {
                a[i] = scale * (float) random.nextGaussian();
            }
            return a;
        }
    }

    /**
     * One epoch of the seed trial as {@link Trainer} runs it, with a clock around each step, and
     * the replayed sgemm time of each step: prints CPU milliseconds per phase.
     */
    private static void phases(Activation act, Dataset train, Dataset validation) {
        Architecture arch = Architecture.of(SIZES[0], new int[] {SIZES[1]}, act, SIZES[2]);
        float[] params = Network.initialise(arch, Initializer.NORMAL, 1.0, 243).parameters();
        Workspace ws = new Workspace(arch, BATCH);
        Evaluator evaluator = new Evaluator(arch, train.rows());
        long[] t = new long[5]; // load, forward, softmax, backward, evaluation
        for (int warm = 0; warm < 2; warm++) {
            Arrays.fill(t, 0);
            for (int first = 0; first < train.rows(); first += BATCH) {
                int count = Math.min(BATCH, train.rows() - first);
                long a = THREADS.getCurrentThreadCpuTime();
                ws.load(train, first, count);
                long b = THREADS.getCurrentThreadCpuTime();
                ws.forward(params, count);
                long c = THREADS.getCurrentThreadCpuTime();
                ws.softmax(count);
                long d = THREADS.getCurrentThreadCpuTime();
                ws.backward(params, params, count, -1e-3f);
                long e = THREADS.getCurrentThreadCpuTime();
                t[0] += b - a;
                t[1] += c - b;
                t[2] += d - c;
                t[3] += e - d;
            }
            long a = THREADS.getCurrentThreadCpuTime();
            evaluator.run(params, train);
            evaluator.run(params, validation);
            t[4] += THREADS.getCurrentThreadCpuTime() - a;
        }
        Gemms g = new Gemms();
        long fwd = 0;
        long bwd = 0;
        long eval = 0;
        for (int first = 0; first < train.rows(); first += BATCH) {
            long a = THREADS.getCurrentThreadCpuTime();
            g.forward(BATCH);
            long b = THREADS.getCurrentThreadCpuTime();
            g.backward(BATCH);
            long c = THREADS.getCurrentThreadCpuTime();
            fwd += b - a;
            bwd += c - b;
        }
        long a = THREADS.getCurrentThreadCpuTime();
        for (int first = 0; first < train.rows() + validation.rows(); first += Evaluator.BATCH_ROWS) {
            g.evalForward(Evaluator.BATCH_ROWS);
        }
        eval += THREADS.getCurrentThreadCpuTime() - a;
        long total = Arrays.stream(t).sum();
        System.out.printf(Locale.ROOT, "trialspeed_phases %s epoch %.0f ms: load %.0f, forward %.0f (sgemm alone %.0f), "
                        + "softmax %.0f, backward %.0f (sgemm alone %.0f), evaluation %.0f (sgemm alone %.0f); outside sgemm %.0f ms = %.0f%%%n",
                act.id(), total / 1e6, t[0] / 1e6, t[1] / 1e6, fwd / 1e6, t[2] / 1e6, t[3] / 1e6, bwd / 1e6, t[4] / 1e6, eval / 1e6,
                (total - fwd - bwd - eval) / 1e6, 100.0 * (total - fwd - bwd - eval) / total);
    }

    /** SHA-256 of the parameters' float bits and every metric's double bits. */
    private static String bits(TrainingResult result) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(4 * result.network().parameterCount() + 8 * 5 * result.curve().size());
            for (float p : result.network().parameters()) {
                buf.putInt(Float.floatToRawIntBits(p));
            }
            for (EpochMetrics m : result.curve()) {
                for (double v : new double[] {m.learningRate(), m.trainLoss(), m.trainAccuracy(), m.validationLoss(),
                    m.validationAccuracy()}) {
                    buf.putLong(Double.doubleToRawLongBits(v));
                }
            }
            return HexFormat.of().formatHex(d.digest(buf.array())).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
