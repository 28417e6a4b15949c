package io.sparksweep.spark;

import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.data.Dataset;
import io.sparksweep.data.SweepData;
import io.sparksweep.sweep.Fixtures;
import io.sparksweep.sweep.TrialInputs;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-trial memory estimate, worked by hand, and the refusals it leads to. */
class TrialMemoryCheckTest {
    private static final long GIB = 1L << 30;
    private static final Dataset ROWS = Fixtures.blobs(600, 1); // 8 features, 3 classes
    private static final TrialInputs DATA = new TrialInputs(new SweepData(ROWS.slice(0, 500), ROWS.slice(500, 600)), Map.of());

    private static SweepConfig sweep(String training, String grid) {
        return ConfigLoader.parse(Path.of("conf/m.json"), "{\"data\": {\"train\": \"a.h5\", \"test\": \"b.h5\"}, "
                + "\"training\": {" + training + "}" + (grid == null ? "" : ", \"grid\": " + grid) + "}");
    }

    private static SparkConf conf(String... keyValues) {
        SparkConf c = new SparkConf(false);
        for (int i = 0; i < keyValues.length; i += 2) {
            c.set(keyValues[i], keyValues[i + 1]);
        }
        return c;
    }

    @Test
    void trialBytesCountWeightCopiesAndBothWorkspaces() {
        SweepConfig c = sweep("\"hidden\": [6], \"batchSize\": 20, \"init\": \"he\"", null);
        // sizes [8, 6, 3]: P = 8*6+6 + 6*3+3 = 75; weights 4 copies * 4 bytes * 75 = 1200.
        // per row: activations 8+6+3, hidden deltas 6, label + predicted 2 = 25 values.
        // training workspace 20 rows: 4 * (25*20 + 8 widest) = 2032; evaluation 500 rows: 4 * (25*500 + 8) = 50032.
        assertEquals(1200 + 2032 + 50032, TrialMemoryCheck.trialBytes(c.trials().get(0).config(), DATA));
        SweepConfig shuffled = sweep("\"hidden\": [6], \"batchSize\": 20, \"init\": \"he\", \"shuffle\": true", null);
        assertEquals(1200 + 2032 + 50032 + 4 * 500, TrialMemoryCheck.trialBytes(shuffled.trials().get(0).config(), DATA));
    }

    @Test
    void smallSweepFitsEverywhere() {
        SweepConfig c = sweep("\"hidden\": [6]", "{\"activation\": [\"relu\", \"tanh\"]}");
        assertEquals(Optional.empty(), TrialMemoryCheck.problem(conf(), "local[2]", c.trials(), DATA, GIB, 2));
        assertEquals(Optional.empty(), TrialMemoryCheck.problem(conf(), "spark://h:7077", c.trials(), DATA, GIB, 2));
    }

    @Test
    void refusesTooWideNetworkOnExecutorsNamingTheMemoryToAskFor() {
        SweepConfig c = sweep("\"hidden\": [20000, 20000], \"batchSize\": 20", null);
        // P = 8*20000+20000 + 20000*20000+20000 + 20000*3+3 = 400,260,003; 16 bytes each = 5.96 GiB,
        // plus 0.16 GiB of buffers and the 300 MiB reserve: 6.4 GiB -> 7g.
        String message = TrialMemoryCheck.problem(conf("spark.executor.memory", "4g"), "spark://h:7077", c.trials(),
                DATA, 16 * GIB, 2).orElseThrow();
        assertTrue(message.startsWith("trial " + c.trials().get(0).id() + " (network 8-20000(relu)-20000(relu)-3, "
                + "batchSize 20) needs about 6.1 GiB"), message);
        assertTrue(message.contains("spark.executor.memory = 4g is 4.0 GiB"), message);
        assertTrue(message.endsWith("raise spark.executor.memory to at least 7g"), message);
        assertEquals(1, message.lines().count());
    }

    @Test
    void refusesADriverTooSmallToReceiveTheWeights() {
        SweepConfig c = sweep("\"hidden\": [20000, 20000], \"batchSize\": 20", null);
        // 5 copies of 4 * 400,260,003 bytes = 7.5 GiB, + 300 MiB + the data -> 8g
        SparkConf big = conf("spark.executor.memory", "8g", "spark.driver.maxResultSize", "0");
        assertEquals(Optional.of("the driver receives each trial's trained weights and needs about 7.5 GiB for the largest, "
                        + "but its heap is 1.0 GiB, about 724.0 MiB after Spark's reserve and the data; "
                        + "raise spark.driver.memory to at least 8g"),
                TrialMemoryCheck.problem(big, "spark://h:7077", c.trials(), DATA, GIB, 2));
        assertEquals(Optional.empty(), TrialMemoryCheck.problem(big, "spark://h:7077", c.trials(), DATA, 8 * GIB, 2));
    }

    @Test
    void theNonzerosOfDataSparseCountOncePerJvm() {
        // 600 rows x 2000 features, every one nonzero: 1.2 M nonzeros, 6 bytes each plus a row index.
        float[] x = new float[600 * 2000];
        java.util.Arrays.fill(x, 0.5f);
        int[] y = new int[600];
        for (int r = 0; r < 600; r++) {
            y[r] = r % 3;
        }
        Dataset rows = Dataset.ofFloats(600, 2000, 3, x, y);
        TrialInputs dense = new TrialInputs(new SweepData(rows.slice(0, 500), rows.slice(500, 600)), Map.of());
        Dataset sparseRows = rows.withSparseProducts(true);
        TrialInputs sparse = new TrialInputs(new SweepData(sparseRows.slice(0, 500), sparseRows.slice(500, 600)), Map.of());
        assertEquals(0, dense.sparseRowsBytes());
        long nonzeros = 4L * 501 + 6L * 500 * 2000 + 4L * 101 + 6L * 100 * 2000;
        assertEquals(nonzeros, sparse.sparseRowsBytes());
        assertEquals(nonzeros, sparse.train().nonzeros().sizeInBytes() + sparse.validation().nonzeros().sizeInBytes(),
                "the estimate is what building them takes");
        SweepConfig c = sweep("\"hidden\": [6]", null);
        for (String master : new String[] {"local[1]", "spark://h:7077"}) {
            long d = smallestFittingHeap(c, master, dense);
            long s = smallestFittingHeap(c, master, sparse);
            // spark.executor.memory is read in whole MiB.
            assertEquals(nonzeros, s - d, master.startsWith("local") ? 1 << 10 : 1 << 20,
                    master + ": the heap needed grows by the nonzeros, once");
        }
    }

    /** The smallest heap (to 1 KiB; executors' to 1 MiB) with which the sweep is not refused: the driver's in local mode, the executors' else. */
    private static long smallestFittingHeap(SweepConfig c, String master, TrialInputs data) {
        long low = 0;
        long high = 64 * GIB;
        while (high - low > 1 << 10) {
            long mid = (low + high) >>> 1;
            boolean fits = master.startsWith("local")
                    ? TrialMemoryCheck.problem(conf(), master, c.trials(), data, mid, 2).isEmpty()
                    : TrialMemoryCheck.problem(conf("spark.executor.memory", (mid >> 10) + "k"), master, c.trials(), data,
                            64 * GIB, 2).isEmpty();
            if (fits) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return high;
    }

    @Test
    void countsTheTrialsThatRunSideBySideInLocalMode() {
        SweepConfig c = sweep("\"hidden\": [20000, 20000], \"batchSize\": 20", "{\"activation\": [\"relu\", \"tanh\"]}");
        SparkConf unlimited = conf("spark.driver.maxResultSize", "0");
        String message = TrialMemoryCheck.problem(unlimited, "local[2]", c.trials(), DATA, 8 * GIB, 2).orElseThrow();
        assertTrue(message.contains("; 2 trials at once on local[2] with the driver receiving the weights need 13.6 GiB, but the driver heap is 8.0 GiB"), message);
        assertTrue(message.endsWith("raise the driver heap to at least 14g (-Xmx14g in SPARKSWEEP_JAVA_OPTS, "
                + "or --driver-memory 14g with spark-submit), or run fewer trials at once (--master local[1])"), message);
        assertEquals(Optional.empty(), TrialMemoryCheck.problem(unlimited, "local[1]", c.trials(), DATA, 8 * GIB, 2));
        assertTrue(TrialMemoryCheck.problem(unlimited, "local[*]", c.trials(), DATA, 8 * GIB, 2).isPresent(),
                "local[*] runs one trial per core");
    }

    @Test
    void executorCoresOverTaskCpusTrialsRunAtOnce() {
        assertEquals(1, TrialMemoryCheck.executorSlots(conf(), "spark://h:7077"));
        assertEquals(4, TrialMemoryCheck.executorSlots(conf("spark.executor.cores", "8", "spark.task.cpus", "2"), "yarn"));
        assertEquals(3, TrialMemoryCheck.executorSlots(conf(), "local-cluster[2, 3, 1024]"));
        assertEquals(5, MasterUrl.localThreads("local[5,2]", 2));
        assertEquals(2, MasterUrl.localThreads("local[*]", 2));
        assertEquals(1, MasterUrl.localThreads("local", 2));
    }

    @Test
    void refusesATrialResultLargerThanTheDriversResultLimitNotTheirSum() {
        // 8-4096-3: P = 8*4096+4096 + 4096*3+3 = 49,155; 4 P + 16 KiB = 212,988 bytes (208.0 KiB) per trial.
        // 40 such trials add up to 8.1 MiB, but each is a job of its own: only one result must fit.
        SweepConfig c = sweep("\"hidden\": [4096], \"batchSize\": 20",
                "{\"learningRate\": [" + IntStream.rangeClosed(1, 40)
                        .mapToObj(i -> String.valueOf(i / 100.0)).collect(Collectors.joining(", ")) + "]}");
        assertEquals(40, c.trials().size());
        assertEquals(Optional.empty(),
                TrialMemoryCheck.problem(conf("spark.driver.maxResultSize", "1m"), "local[2]", c.trials(), DATA, 8 * GIB, 2));
        assertEquals(Optional.of("trial " + c.trials().get(0).id() + " (network 8-4096(relu)-3) sends back a result of about "
                        + "208.0 KiB (its trained weights), more than spark.driver.maxResultSize = 200k; raise "
                        + "spark.driver.maxResultSize to at least 1m (0: no limit)"),
                TrialMemoryCheck.problem(conf("spark.driver.maxResultSize", "200k"), "local[2]", c.trials(), DATA, 8 * GIB, 2));
    }
}
