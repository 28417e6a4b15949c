package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import io.sparksweep.config.Trial;
import io.sparksweep.config.TrialConfig;
import io.sparksweep.nn.Architecture;
import io.sparksweep.nn.Evaluator;
import io.sparksweep.sweep.TrialInputs;
import org.apache.spark.SparkConf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses, before Spark starts, a sweep whose trials cannot fit the memory they will run in, and
 * one whose results exceed {@code spark.driver.maxResultSize}, naming the setting to raise and the
 * value needed. Without it a too-wide network (e.g. {@code hidden: [20000, 20000]}) passes every
 * check and then fails inside every task with an OutOfMemoryError, retried until the sweep is a
 * table of failed rows.
 *
 * <p>The memory of one trial is known from its shape (see {@code nn.Trainer} and
 * {@code nn.Workspace}), in bytes, with {@code P} the parameter count and {@code s_0..s_L} the
 * layer sizes:
 * <ul>
 *   <li>weights: the starting network (unless a warm start, which is in the broadcast), the copy
 *       that trains, and the task result, serialized into a buffer that grows by doubling:
 *       {@code 4 · 4P} ({@link #WEIGHT_COPIES} copies);</li>
 *   <li>the training workspace for {@code b = min(batchSize, trainRows)} rows: activations
 *       {@code b · Σ s_i}, deltas {@code b · Σ hidden}, labels and predictions, as 4-byte values;</li>
 *   <li>the evaluation workspace, the same for {@code min(1000, max(train, validation rows))} rows;</li>
 *   <li>the shuffling order, {@code 4 · trainRows} when the trial shuffles.</li>
 * </ul>
 *
 * <p>Where it runs: in local mode ({@code local}, {@code local[N]}, {@code local[N,F]}) the N
 * task threads share the driver's heap ({@code Runtime.maxMemory()}), which also holds the data
 * and the broadcast's serialized copy; elsewhere each executor has {@code spark.executor.memory}
 * (default 1g), holds the broadcast twice (as {@link BroadcastCheck} counts) and runs
 * {@code spark.executor.cores / spark.task.cpus} trials at once ({@code local-cluster[W,C,M]}: C
 * cores; standalone without {@code spark.executor.cores}: the worker's cores, unknown to the
 * driver, counted as 1). Of each heap, Spark's 300 MiB reserve is not available. The largest
 * trials are assumed to run together. The driver receives every finished trial's weights
 * ({@link #DRIVER_RESULT_COPIES} copies of the largest); in local mode that happens beside the
 * other running trials, on a cluster it is checked against the driver's own heap.
 */
public final class TrialMemoryCheck {
    /** Copies of the weights one task holds at its peak: start, training copy, serialized value, serialized task result. */
    static final int WEIGHT_COPIES = 4;
    /**
     * Copies of one trial's weights the driver holds while it receives them: the stored result
     * block, the value bytes, the deserialized network, the best network so far and the model
     * file writer's copy. Measured: 784-8000-8000-10 (281 MB of weights) on local[1] ran out of
     * memory in Spark's task-result-getter with -Xmx1560m and ran with -Xmx1800m.
     */
    static final int DRIVER_RESULT_COPIES = 5;
    /** Bytes of a serialized trial result besides its weights: curve, settings, names (generous). */
    static final long RESULT_OVERHEAD_BYTES = 16 << 10;
    /** Spark's default of {@code spark.driver.maxResultSize}. */
    static final String DEFAULT_MAX_RESULT_SIZE = "1g";


    private TrialMemoryCheck() {
    }

    /**
     * Checks the trials of a sweep against the memory of the master they will run on.
     *
     * @param master the master given on the command line, or null for spark-submit's (or
     *               {@link SparkContexts#DEFAULT_MASTER})
     * @throws BadInputException when a trial (or the trials running side by side) cannot fit, or
     *                           the results exceed {@code spark.driver.maxResultSize}
     */
    public static void check(String master, List<Trial> trials, TrialInputs data) {
        SparkConf conf = new SparkConf();
        String m = master != null ? master : conf.get("spark.master", SparkContexts.DEFAULT_MASTER);
        Optional<String> problem = problem(conf, m, trials, data, Runtime.getRuntime().maxMemory(),
                Runtime.getRuntime().availableProcessors());
        problem.ifPresent(p -> {
            throw new BadInputException(p);
        });
    }

    /** The one-line refusal, or empty when everything fits; {@code driverHeap} and {@code cores} are the driver JVM's. */
    static Optional<String> problem(SparkConf conf, String master, List<Trial> trials, TrialInputs data,
                                    long driverHeap, int cores) {
        if (trials.isEmpty()) {
            return Optional.empty();
        }
        List<Need> needs = new ArrayList<>();
        for (Trial t : trials) {
            needs.add(new Need(t, trialBytes(t.config(), data)));
        }
        needs.sort(Comparator.comparingLong(Need::bytes).reversed());
        Optional<String> memory = memoryProblem(conf, master, needs, data, driverHeap, cores);
        return memory.isPresent() ? memory : resultSizeProblem(conf, trials, data);
    }

    private record Need(Trial trial, long bytes) {
    }

    private static Optional<String> memoryProblem(SparkConf conf, String master, List<Need> needs, TrialInputs data,
                                                  long driverHeap, int cores) {
        boolean local = BroadcastCheck.runsInDriver(master);
        int slots;
        long heap;
        long held;
        String heapSetting;
        if (local) {
            slots = MasterUrl.localThreads(master, cores);
            heap = driverHeap;
            // the loaded rows and the broadcast's serialized pieces, and the nonzeros of data.sparse
            held = 2 * data.sizeInBytes() + data.sparseRowsBytes();
            heapSetting = "the driver heap";
        } else {
            slots = executorSlots(conf, master);
            String memory = conf.get("spark.executor.memory", BroadcastCheck.DEFAULT_EXECUTOR_MEMORY);
            heap = BroadcastCheck.sizeSetting("spark.executor.memory", memory);
            held = BroadcastCheck.COPIES * data.sizeInBytes() + data.sparseRowsBytes();
            heapSetting = "spark.executor.memory = " + memory;
        }
        int together = Math.min(slots, needs.size());
        long tasks = 0;
        for (int i = 0; i < together; i++) {
            tasks += needs.get(i).bytes();
        }
        long receiving = DRIVER_RESULT_COPIES * resultWeightBytes(needs, data);
        if (local) {
            // The driver receives a finished trial's weights while the other task threads still train.
            tasks = Math.max(tasks, tasks - needs.get(together - 1).bytes() + receiving);
        }
        long available = heap - BroadcastCheck.RESERVED_BYTES - held;
        if (tasks <= available) {
            return local ? Optional.empty() : driverProblem(receiving, data, driverHeap);
        }
        Need largest = needs.get(0);
        long neededHeap = tasks + held + BroadcastCheck.RESERVED_BYTES;
        long gib = (neededHeap + (1L << 30) - 1) >> 30;
        String what = String.format(Locale.ROOT, "trial %s (network %s, batchSize %d) needs about %s "
                        + "(weights, gradients and batch buffers)", largest.trial().id(),
                architecture(largest.trial().config(), data), largest.trial().config().batchSize(),
                BroadcastCheck.size(largest.bytes()));
        String runs = "";
        if (tasks != largest.bytes()) {
            runs = String.format(Locale.ROOT, "; %s%s need %s", together > 1 ? together + " trials at once on " + master : "",
                    local ? (together > 1 ? " with" : "it and") + " the driver receiving the weights" : "",
                    BroadcastCheck.size(tasks));
        }
        String has = String.format(Locale.ROOT, ", but %s is %s, about %s after Spark's reserve and the data",
                heapSetting, BroadcastCheck.size(heap), BroadcastCheck.size(Math.max(0, available)));
        String raise = local
                ? String.format(Locale.ROOT, "; raise the driver heap to at least %dg (-Xmx%dg in SPARKSWEEP_JAVA_OPTS, "
                        + "or --driver-memory %dg with spark-submit)%s", gib, gib, gib,
                        together > 1 ? ", or run fewer trials at once (--master local[1])" : "")
                : String.format(Locale.ROOT, "; raise spark.executor.memory to at least %dg%s", gib,
                        together > 1 ? " (or lower spark.executor.cores)" : "");
        return Optional.of(what + runs + has + raise);
    }

    /**
     * {@code spark.driver.maxResultSize} limits the serialized results of one stage. Each trial is
     * a job (and a stage) of its own ({@link SparkBackend}), so the largest single trial result is
     * what must fit, not their sum.
     */
    private static Optional<String> resultSizeProblem(SparkConf conf, List<Trial> trials, TrialInputs data) {
        String limit = conf.get("spark.driver.maxResultSize", DEFAULT_MAX_RESULT_SIZE);
        long limitBytes = BroadcastCheck.sizeSetting("spark.driver.maxResultSize", limit);
        if (limitBytes == 0) {
            return Optional.empty(); // 0: unlimited
        }
        Trial largest = null;
        long largestBytes = 0;
        for (Trial t : trials) {
            long bytes = resultBytes(t.config(), data);
            if (largest == null || bytes > largestBytes) {
                largest = t;
                largestBytes = bytes;
            }
        }
        if (largestBytes <= limitBytes) {
            return Optional.empty();
        }
        long mib = (largestBytes + (1L << 20) - 1) >> 20;
        return Optional.of(String.format(Locale.ROOT, "trial %s (network %s) sends back a result of about %s "
                        + "(its trained weights), more than spark.driver.maxResultSize = %s; raise "
                        + "spark.driver.maxResultSize to at least %dm (0: no limit)", largest.id(),
                architecture(largest.config(), data), BroadcastCheck.size(largestBytes), limit, mib));
    }

    /** Bytes one trial holds while it trains, as the class comment counts them. */
    static long trialBytes(TrialConfig c, TrialInputs data) {
        int[] sizes = architecture(c, data).layerSizes();
        long p = parameters(sizes);
        int trainRows = data.train().rows();
        int validationRows = data.validation().rows();
        int copies = c.init().isWarmStart() ? WEIGHT_COPIES - 1 : WEIGHT_COPIES;
        long bytes = copies * 4L * p;
        bytes += workspaceBytes(sizes, Math.min(c.batchSize(), trainRows));
        bytes += workspaceBytes(sizes, Math.max(1, Math.min(Evaluator.BATCH_ROWS, Math.max(trainRows, validationRows))));
        if (c.shuffle()) {
            bytes += 4L * trainRows;
        }
        return bytes;
    }

    /** On a cluster the driver only receives the weights: {@code receiving} must fit its heap beside the data. */
    private static Optional<String> driverProblem(long receiving, TrialInputs data, long driverHeap) {
        long available = driverHeap - BroadcastCheck.RESERVED_BYTES - 2 * data.sizeInBytes();
        if (receiving <= available) {
            return Optional.empty();
        }
        long gib = (receiving + 2 * data.sizeInBytes() + BroadcastCheck.RESERVED_BYTES + (1L << 30) - 1) >> 30;
        return Optional.of(String.format(Locale.ROOT, "the driver receives each trial's trained weights and needs about "
                        + "%s for the largest, but its heap is %s, about %s after Spark's reserve and the data; "
                        + "raise spark.driver.memory to at least %dg", BroadcastCheck.size(receiving),
                BroadcastCheck.size(driverHeap), BroadcastCheck.size(Math.max(0, available)), gib));
    }

    /** Bytes of the largest trial's weights. */
    private static long resultWeightBytes(List<Need> needs, TrialInputs data) {
        long max = 0;
        for (Need n : needs) {
            max = Math.max(max, 4L * parameters(architecture(n.trial().config(), data).layerSizes()));
        }
        return max;
    }

    /** Bytes of one serialized trial result: its weights plus {@link #RESULT_OVERHEAD_BYTES}. */
    static long resultBytes(TrialConfig c, TrialInputs data) {
        return 4L * parameters(architecture(c, data).layerSizes()) + RESULT_OVERHEAD_BYTES;
    }

    /** {@code nn.Workspace} for {@code rows} rows: activations of every layer, deltas of the hidden ones, labels, predictions. */
    static long workspaceBytes(int[] sizes, int rows) {
        long perRow = 0;
        int widest = 0;
        for (int i = 0; i < sizes.length; i++) {
            perRow += sizes[i];
            if (i > 0 && i < sizes.length - 1) {
                perRow += sizes[i];
            }
            widest = Math.max(widest, sizes[i]);
        }
        perRow += 2; // label and predicted class
        return 4L * (perRow * rows + widest);
    }

    private static long parameters(int[] sizes) {
        long p = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            p += (long) sizes[l] * sizes[l + 1] + sizes[l + 1];
        }
        return p;
    }

    private static Architecture architecture(TrialConfig c, TrialInputs data) {
        return new Architecture(data.train().features(), c.hidden(), c.activation(), data.train().classes());
    }

    /** Trials one executor runs at once: its cores over {@code spark.task.cpus}, at least 1. */
    static int executorSlots(SparkConf conf, String master) {
        int executorCores = MasterUrl.localClusterCores(master).orElse(conf.getInt("spark.executor.cores", 1));
        int taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
        return Math.max(1, executorCores / taskCpus);
    }
}
