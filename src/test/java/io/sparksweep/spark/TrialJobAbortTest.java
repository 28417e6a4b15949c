package io.sparksweep.spark;

import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import io.sparksweep.sweep.Fixtures;
import io.sparksweep.sweep.SequentialBackend;
import io.sparksweep.sweep.SweepJob;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trial whose Spark job is aborted (here: its result is larger than spark.driver.maxResultSize,
 * which Spark does not retry) becomes a failed row with Spark's reason; the other trials, each in
 * a job of its own, finish with the results of a sequential run and the run folder is complete.
 */
class TrialJobAbortTest {

    @Test
    void anAbortedTrialJobBecomesAFailedRowAndTheOtherTrialsComplete(@TempDir Path dir) throws Exception {
        Fixtures.writeBlobFiles(dir);
        // hidden [6]: ~100 floats; hidden [600, 600]: 367k floats = 1.4 MiB, over a 1 MiB limit.
        String json = Fixtures.blobConfigJson(dir, "").replace(
                "\"grid\": {\"activation\": [\"relu\", \"tanh\"], \"learningRate\": [0.05, 0.5]}",
                "\"grid\": {\"hidden\": [[6], [600, 600]], \"learningRate\": [0.05]}");
        SweepConfig config = ConfigLoader.parse(dir.resolve("abort.json"), json);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        SweepResults reference = SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("reference"), false), quiet).run(new SequentialBackend(), quiet);

        SweepResults r;
        System.setProperty("spark.driver.maxResultSize", "1m");
        try (JavaSparkContext sc = SparkContexts.create("local[2]", "TrialJobAbortTest")) {
            r = SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("run"), false), quiet).run(new SparkBackend(sc), quiet);
        } finally {
            System.clearProperty("spark.driver.maxResultSize");
        }

        assertEquals(2, r.trials().size());
        TrialResult small = r.trials().get(0);
        TrialResult big = r.trials().get(1);
        assertEquals(TrialStatus.OK, small.status(), small.error());
        assertArrayEquals(reference.trials().get(0).curve().validationLoss(), small.curve().validationLoss());
        assertEquals(TrialStatus.FAILED, big.status());
        assertTrue(big.error().startsWith("SparkException: Job aborted due to stage failure: Total size of serialized results"),
                big.error());
        assertTrue(big.error().contains("spark.driver.maxResultSize"), big.error());
        assertTrue(!big.error().contains("\n"), "one line: " + big.error());
        for (String file : new String[] {"results.json", "results.csv", "report.html", "best-model.h5"}) {
            assertTrue(Files.isRegularFile(dir.resolve("run").resolve(file)), file);
        }
        assertEquals(small.id(), r.ranking().get(0));
    }
}
