package io.sparksweep.sweep;

import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sequential reference records the failures the Spark backend records. */
class SequentialBackendTest {
    @TempDir
    Path dir;

    @Test
    void aTrialThatThrowsAnErrorIsAFailedRowAndTheNextTrialRuns() {
        Fixtures.writeBlobFiles(dir);
        // 46000 x 46000 weights fit one float array (2.1e9 < 2^31) but not the 4 GB test heap:
        // the network's allocation throws OutOfMemoryError, an Error rather than a RuntimeException.
        SweepConfig config = ConfigLoader.parse(dir.resolve("big.json"), Fixtures.blobConfigJson(dir, "")
                .replace("\"grid\": {\"activation\": [\"relu\", \"tanh\"], \"learningRate\": [0.05, 0.5]}",
                        "\"grid\": {\"hidden\": [[46000, 46000], [6]]}"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        TrialInputs inputs = SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("out"), false), quiet).inputs();
        List<TrialResult> results = new ArrayList<>();

        new SequentialBackend().run(config.trials(), inputs, outcome -> results.add(outcome.result()));

        assertEquals(2, results.size());
        assertEquals(TrialStatus.FAILED, results.get(0).status());
        assertTrue(results.get(0).error().startsWith("OutOfMemoryError"), results.get(0).error());
        assertEquals(TrialStatus.OK, results.get(1).status());
    }
}
