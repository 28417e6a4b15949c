package io.sparksweep.spark;

import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.data.Dataset;
import io.sparksweep.data.SweepData;
import io.sparksweep.sweep.TrialInputs;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heap {@code submit-scripts/sweep} gives the driver by default fits the shipped MNIST sweeps
 * by {@link TrialMemoryCheck}'s count, on any number of cores, without running them.
 */
class LauncherHeapTest {
    /** MNIST as the seed splits it: 50,000 training and 10,000 validation rows of 784 bytes, 10 classes. */
    private static final SweepData MNIST = new SweepData(Dataset.ofBytes(50_000, 784, 10, new byte[50_000 * 784], new int[50_000]),
            Dataset.ofBytes(10_000, 784, 10, new byte[10_000 * 784], new int[10_000]));

    /** The -Xmx of the launcher's default options, in bytes. */
    static long launcherDefaultHeap() throws IOException {
        String script = Files.readString(Path.of("submit-scripts/sweep"));
        Matcher line = Pattern.compile("(?m)^default_java_opts=\"([^\"]*)\"").matcher(script);
        assertTrue(line.find(), "submit-scripts/sweep sets default_java_opts");
        Matcher xmx = Pattern.compile("-Xmx(\\d+)([mg])").matcher(line.group(1));
        assertTrue(xmx.find(), "the default options set -Xmx: " + line.group(1));
        return Long.parseLong(xmx.group(1)) << (xmx.group(2).equals("g") ? 30 : 20);
    }

    private static Optional<String> problem(String config, long heap, int cores) {
        SweepConfig c = ConfigLoader.load(Path.of(config));
        TrialInputs inputs = TrialInputs.of(c, MNIST);
        return TrialMemoryCheck.problem(new SparkConf(false), "local[*]", c.trials(), inputs, heap, cores);
    }

    @Test
    void launcherDefaultHeapFitsTheSeedWideAndHyperbandSweepsOnAnyNumberOfCores() throws IOException {
        long heap = launcherDefaultHeap();
        for (int cores : new int[]{1, 2, 8, 64}) {
            assertEquals(Optional.empty(), problem("conf/mnist-seed.json", heap, cores), cores + " cores");
            assertEquals(Optional.empty(), problem("conf/mnist-wide.json", heap, cores), cores + " cores");
            assertEquals(Optional.empty(), problem("conf/mnist-hyperband.json", heap, cores), cores + " cores");
        }
    }

    @Test
    void wideSweepNeedsWellUnderAGibibyteByTheCount() {
        // 784-800-10 and 784-512-256-10: 8 trials at once need about 0.6 GiB with the reserve and the data.
        assertEquals(Optional.empty(), problem("conf/mnist-wide.json", 640L << 20, 64));
        assertTrue(problem("conf/mnist-wide.json", 512L << 20, 64).isPresent(), "512 MiB is too little for 8 at once");
    }
}
