package io.sparksweep.spark;

import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The determinism contract as an assertion: two run folders hold the same ranked table, every
 * metric of every epoch of every trial to the last bit, the same test report and byte-identical
 * {@code best-model.h5}. Only where and how long trials ran (executor, process, attempt, times) may differ.
 */
final class SameTable {
    private SameTable() {
    }

    static SweepResults read(Path runDir) {
        return ResultsIO.readResults(runDir.resolve("results.json"));
    }

    static void assertIdentical(Path expectedDir, Path actualDir) throws IOException {
        SweepResults expected = read(expectedDir);
        SweepResults actual = read(actualDir);
        String where = actualDir + " vs " + expectedDir;
        assertEquals(expected.data(), actual.data(), where + ": data files and fingerprints");
        assertEquals(expected.environment().blas(), actual.environment().blas(),
                where + ": the contract holds for one BLAS implementation");
        assertEquals(expected.ranking(), actual.ranking(), where + ": ranking");
        assertEquals(expected.trials().size(), actual.trials().size(), where + ": trial count");
        for (int i = 0; i < expected.trials().size(); i++) {
            TrialResult e = expected.trials().get(i);
            TrialResult a = actual.trials().get(i);
            String t = where + ": trial " + e.id();
            assertEquals(e.id(), a.id(), t);
            assertEquals(e.index(), a.index(), t);
            assertEquals(e.seed(), a.seed(), t);
            assertEquals(e.settings(), a.settings(), t);
            assertEquals(e.status(), a.status(), t);
            assertEquals(e.error(), a.error(), t);
            // assertArrayEquals on double[] compares Double.doubleToLongBits: bit for bit.
            assertArrayEquals(e.curve().learningRate(), a.curve().learningRate(), t + " learning rates");
            assertArrayEquals(e.curve().trainLoss(), a.curve().trainLoss(), t + " train loss");
            assertArrayEquals(e.curve().trainAccuracy(), a.curve().trainAccuracy(), t + " train accuracy");
            assertArrayEquals(e.curve().validationLoss(), a.curve().validationLoss(), t + " validation loss");
            assertArrayEquals(e.curve().validationAccuracy(), a.curve().validationAccuracy(), t + " validation accuracy");
        }
        assertNotNull(expected.test(), where + ": no test report");
        assertEquals(expected.test().trialId(), actual.test().trialId(), where + ": tested trial");
        assertEquals(Double.doubleToLongBits(expected.test().accuracy()),
                Double.doubleToLongBits(actual.test().accuracy()), where + ": test accuracy");
        assertEquals(Double.doubleToLongBits(expected.test().loss()),
                Double.doubleToLongBits(actual.test().loss()), where + ": test loss");
        assertArrayEquals(expected.test().confusion(), actual.test().confusion(), where + ": confusion matrix");
        assertArrayEquals(Files.readAllBytes(expectedDir.resolve("best-model.h5")),
                Files.readAllBytes(actualDir.resolve("best-model.h5")), where + ": best-model.h5 bytes");
    }
}
