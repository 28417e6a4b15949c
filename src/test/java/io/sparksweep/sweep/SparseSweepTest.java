package io.sparksweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparksweep.BadInputException;
import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.data.DataSource;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code data.sparse} from the config to the results: the same sweep, the same trials, results equal to rounding. */
class SparseSweepTest {
    @TempDir
    Path dir;

    private SweepConfig config(String name, boolean sparse) {
        String json = Fixtures.blobConfigJson(dir, "");
        if (sparse) {
            json = json.replace("\"test\": \"" + dir.resolve("test.h5") + "\"}",
                    "\"test\": \"" + dir.resolve("test.h5") + "\", \"sparse\": true}");
        }
        return ConfigLoader.parse(dir.resolve(name + ".json"), json);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    @Test
    void aSparseSweepRecordsItAndMatchesTheDenseOneToRounding() {
        Fixtures.writeBlobFiles(dir);
        SweepConfig sparseConfig = config("sparse", true);
        assertTrue(sparseConfig.data().sparse());
        SweepResults dense = Fixtures.run(config("dense", false), new SequentialBackend(), dir.resolve("dense"), false, quiet());
        SweepResults sparse = Fixtures.run(sparseConfig, new SequentialBackend(), dir.resolve("sparse"), false, quiet());

        assertEquals("uint8/255", dense.data().storage());
        assertEquals("uint8/255, sparse products", sparse.data().storage());
        Map<String, TrialResult> byId = dense.trials().stream().collect(Collectors.toMap(TrialResult::id, Function.identity()));
        assertEquals(4, sparse.trials().size());
        for (TrialResult t : sparse.trials()) {
            TrialResult d = byId.get(t.id());
            assertEquals(d.curve().epochs(), t.curve().epochs(), t.id());
            assertEquals(d.validationAccuracy(), t.validationAccuracy(), 0.02, t.id());
            double[] dl = d.curve().validationLoss();
            double[] sl = t.curve().validationLoss();
            for (int e = 0; e < dl.length; e++) {
                assertEquals(dl[e], sl[e], 1e-3 * Math.abs(dl[e]) + 1e-6, t.id() + " epoch " + (e + 1));
            }
        }
        assertEquals(dense.ranking().get(0), sparse.ranking().get(0), "the same best trial");
    }

    @Test
    void resumingASweepWithSparseSwitchedIsRefused() {
        Fixtures.writeBlobFiles(dir);
        Path out = dir.resolve("run");
        Fixtures.run(config("a", false), new SequentialBackend(), out, false, quiet());
        BadInputException e = assertThrows(BadInputException.class, () -> SweepJob.prepare(config("a", true),
                new SweepJob.Options(null, false, out, 0, false, DataSource.LOCAL), quiet()));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }
}
