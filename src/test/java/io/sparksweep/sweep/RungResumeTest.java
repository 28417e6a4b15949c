package io.sparksweep.sweep;

import io.sparksweep.config.SweepConfig;
import io.sparksweep.config.Trial;
import io.sparksweep.data.DataSource;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Hyperband sweep whose driver dies in the middle of a rung resumes with no finished trial-rung
 * run again and the table, best model and test report of the uninterrupted run.
 */
class RungResumeTest {
    @TempDir
    static Path shared;
    private static SweepConfig config;
    private static int allTrialRungs;

    @TempDir
    Path dir;

    @BeforeAll
    static void reference() {
        Fixtures.writeBlobFiles(shared);
        config = Fixtures.stoppingConfig(shared, "hb", Fixtures.HYPERBAND);
        Counting counting = new Counting(Integer.MAX_VALUE);
        SweepJob.prepare(config, SweepJob.Options.to(shared.resolve("reference"), false), quiet()).run(counting, quiet());
        allTrialRungs = counting.finished;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    /** The sequential backend, counting delivered trial-rungs; the driver "dies" instead of delivering outcome {@code dieAt + 1}. */
    private static final class Counting implements TrialBackend {
        private final int dieAt;
        int finished;

        Counting(int dieAt) {
            this.dieAt = dieAt;
        }

        @Override
        public void run(List<Trial> trials, TrialInputs data, TrialEvents events) {
            new SequentialBackend().run(trials, data, events);
        }

        @Override
        public void runRungs(RungRounds rounds, TrialInputs data) {
            new SequentialBackend().runRungs(new RungRounds() {
                @Override
                public List<RungWork> nextRound() {
                    return rounds.nextRound();
                }

                @Override
                public byte[] checkpoint(RungWork work) {
                    return rounds.checkpoint(work);
                }

                @Override
                public void finished(RungOutcome outcome) {
                    if (finished == dieAt) {
                        throw new IllegalStateException("driver killed");
                    }
                    finished++;
                    rounds.finished(outcome);
                }
            }, data);
        }

        @Override
        public String master() {
            return "sequential";
        }

        @Override
        public String engineVersion() {
            return "none";
        }
    }

    @Test
    void theReferencePlanRuns16TrialRungsIn3Rounds() {
        // brackets s = 2, 1, 0 with 6, 4, 2 trials: 6 + 2 + 1, 4 + 1, 2; rounds of 12, 3 and 1
        assertEquals(16, allTrialRungs);
    }

    /** Killed before any, mid round 0, right after round 0, mid round 1, before the last trial-rung. */
    @ParameterizedTest(name = "killed after {0} trial-rungs")
    @ValueSource(ints = {0, 5, 12, 14, 15})
    void aDriverKilledInTheMiddleOfARungResumesWithoutLosingAFinishedTrialRung(int killedAfter) throws Exception {
        assertTrue(killedAfter < allTrialRungs);
        Path run = dir.resolve("run");
        assertThrows(IllegalStateException.class, () -> SweepJob.prepare(config, SweepJob.Options.to(run, false), quiet()).run(new Counting(killedAfter), quiet()));
        assertFalse(Files.exists(run.resolve("results.json")));

        Counting resumed = new Counting(Integer.MAX_VALUE);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        SweepJob.prepare(config, new SweepJob.Options(null, false, run, 0, false, DataSource.LOCAL, Set.of()), out)
                .run(resumed, out);
        assertEquals(allTrialRungs - killedAfter, resumed.finished, "trial-rungs run again: " + console);
        assertSameRun(shared.resolve("reference"), run);
        assertFalse(Files.exists(run.resolve(CheckpointFiles.DIR)));
    }

    @Test
    void aMissingCheckpointCostsOnlyRetrainingThatTrialFromScratch() throws Exception {
        Path run = dir.resolve("run");
        assertThrows(IllegalStateException.class, () -> SweepJob.prepare(config, SweepJob.Options.to(run, false), quiet()).run(new Counting(14), quiet()));
        List<Path> checkpoints = new CheckpointFiles(run).list();
        assertFalse(checkpoints.isEmpty());
        Files.delete(checkpoints.get(0));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        SweepJob.prepare(config, new SweepJob.Options(null, false, run, 0, false, DataSource.LOCAL, Set.of()), out)
                .run(new SequentialBackend(), out);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("is missing; trial "), console.toString());
        assertSameRun(shared.resolve("reference"), run);
    }

    /** Same ranking, every curve bit for bit, same statuses and rungs, same test report and best-model.h5 bytes. */
    static void assertSameRun(Path expectedDir, Path actualDir) throws Exception {
        SweepResults e = ResultsIO.readResults(expectedDir.resolve("results.json"));
        SweepResults a = ResultsIO.readResults(actualDir.resolve("results.json"));
        assertEquals(e.ranking(), a.ranking());
        for (int i = 0; i < e.trials().size(); i++) {
            TrialResult x = e.trials().get(i);
            TrialResult y = a.trials().get(i);
            assertEquals(x.id(), y.id());
            assertEquals(x.status(), y.status(), x.id());
            assertEquals(x.rung(), y.rung(), x.id());
            assertEquals(x.bracket(), y.bracket(), x.id());
            assertArrayEquals(x.curve().validationAccuracy(), y.curve().validationAccuracy(), x.id());
            assertArrayEquals(x.curve().trainLoss(), y.curve().trainLoss(), x.id());
            assertArrayEquals(x.curve().validationLoss(), y.curve().validationLoss(), x.id());
        }
        assertEquals(e.test().trialId(), a.test().trialId());
        assertEquals(Double.doubleToLongBits(e.test().accuracy()), Double.doubleToLongBits(a.test().accuracy()));
        assertArrayEquals(Files.readAllBytes(expectedDir.resolve("best-model.h5")),
                Files.readAllBytes(actualDir.resolve("best-model.h5")));
        assertEquals(e.stopping(), a.stopping());
    }
}
