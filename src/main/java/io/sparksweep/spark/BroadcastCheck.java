package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import org.apache.spark.SparkConf;
import org.apache.spark.network.util.JavaUtils;

import java.util.Locale;
import java.util.Optional;

/**
 * Refuses, before any task starts, a sweep whose broadcast data cannot fit in an executor's
 * storage memory, naming the setting to raise ({@link TrialMemoryCheck} checks the trials
 * themselves and {@code spark.driver.maxResultSize}). Without this check such a sweep fails late and
 * obscurely (executors lost to OutOfMemoryError, retried until {@code spark.task.maxFailures}).
 *
 * <p>The estimate follows Spark's unified memory model (Spark docs, "Memory Management
 * Overview"; {@code UnifiedMemoryManager}): of an executor heap of {@code spark.executor.memory},
 * 300 MiB are reserved and {@code spark.memory.fraction} (default 0.6) of the rest is shared by
 * execution and storage. An executor holds a broadcast twice: the serialized torrent pieces it
 * fetched and the deserialized value the tasks read, so the data needs twice its size.
 *
 * <p>Local masters ({@code local}, {@code local[N]}) run tasks inside the driver, whose heap
 * already holds the loaded data; {@code spark.executor.memory} does not apply there and neither
 * does this check. {@code local-cluster[...]} has real executors and is checked.
 */
public final class BroadcastCheck {
    /** Heap Spark reserves for itself in every executor ({@code UnifiedMemoryManager.RESERVED_SYSTEM_MEMORY_BYTES}). */
    static final long RESERVED_BYTES = 300L << 20;
    /** Spark's default of {@code spark.executor.memory}. */
    static final String DEFAULT_EXECUTOR_MEMORY = "1g";
    /** Spark's default of {@code spark.memory.fraction}. */
    static final double DEFAULT_MEMORY_FRACTION = 0.6;
    /** Copies of the broadcast an executor holds: serialized pieces and the deserialized value. */
    static final int COPIES = 2;

    private BroadcastCheck() {
    }

    /**
     * Checks a broadcast of {@code broadcastBytes} against the executors that {@code conf} describes.
     *
     * @throws BadInputException when it cannot fit, or when {@code spark.executor.memory} is not a size
     */
    public static void check(SparkConf conf, long broadcastBytes) {
        String master = conf.get("spark.master", "");
        String memory = conf.get("spark.executor.memory", DEFAULT_EXECUTOR_MEMORY);
        double fraction = conf.getDouble("spark.memory.fraction", DEFAULT_MEMORY_FRACTION);
        problem(broadcastBytes, master, memory, fraction).ifPresent(message -> {
            throw new BadInputException(message);
        });
    }

    /**
     * The one-line refusal for a broadcast of {@code broadcastBytes} on executors of
     * {@code executorMemory} (Spark size syntax: {@code 1g}, {@code 1536m}, plain number = MiB),
     * or empty when it fits or the master runs tasks in the driver.
     */
    static Optional<String> problem(long broadcastBytes, String master, String executorMemory, double fraction) {
        if (runsInDriver(master)) {
            return Optional.empty();
        }
        long heapBytes = sizeSetting("spark.executor.memory", executorMemory);
        long usable = usableBytes(heapBytes, fraction);
        long needed = COPIES * broadcastBytes;
        if (needed <= usable) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "broadcast of %s (held twice by each executor) does not fit spark.executor.memory = %s "
                        + "(about %s usable for storage); raise spark.executor.memory to at least %dg",
                size(broadcastBytes), executorMemory, size(usable), minimumGiB(needed, fraction)));
    }

    /** Storage and execution memory of an executor heap: {@code (heap - 300 MiB) * fraction}, at least 0. */
    static long usableBytes(long heapBytes, double fraction) {
        return Math.max(0L, (long) ((heapBytes - RESERVED_BYTES) * fraction));
    }

    /** The smallest whole number of GiB of executor memory whose usable part holds {@code neededBytes}. */
    static long minimumGiB(long neededBytes, double fraction) {
        double heap = neededBytes / fraction + RESERVED_BYTES;
        return (long) Math.ceil(heap / (1L << 30));
    }

    static boolean runsInDriver(String master) {
        return MasterUrl.isLocal(master);
    }

    /**
     * A Spark size setting in bytes, read as Spark reads it: a bare number is MiB for a memory
     * setting ({@code spark.executor.memory}, {@code spark.driver.memory}) and bytes otherwise.
     *
     * @throws BadInputException naming the setting when {@code value} is not a size
     */
    static long sizeSetting(String setting, String value) {
        try {
            return setting.endsWith(".memory") ? JavaUtils.byteStringAsMb(value) << 20 : JavaUtils.byteStringAsBytes(value);
        } catch (NumberFormatException e) {
            throw new BadInputException(setting + " = " + value + " is not a size, expected e.g. 1g, 4g or 1536m");
        }
    }

    /** {@code 2.3 GiB}, {@code 512.0 MiB}, {@code 12.5 KiB}: one decimal, binary units. */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
