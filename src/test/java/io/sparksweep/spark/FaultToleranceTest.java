package io.sparksweep.spark;

import io.sparksweep.BadInputException;
import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.data.DataSource;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import io.sparksweep.sweep.Fixtures;
import io.sparksweep.sweep.SequentialBackend;
import io.sparksweep.sweep.SweepJob;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery on local[2, 3] (three attempts per task): injected task failures, failed trials, and
 * resuming an interrupted run; each compared with a fault-free sequential run.
 */
class FaultToleranceTest {
    private static JavaSparkContext sc;
    private static SweepConfig config;
    private static SweepResults reference;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        Fixtures.writeBlobFiles(dir);
        config = Fixtures.blobConfig(dir);
        reference = SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("reference"), false), quiet()).run(new SequentialBackend(), quiet());
        sc = SparkContexts.create("local[2,3]", "FaultToleranceTest");
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    private static void assertSameTable(SweepResults expected, SweepResults actual) {
        assertEquals(expected.ranking(), actual.ranking());
        for (int i = 0; i < expected.trials().size(); i++) {
            TrialResult e = expected.trials().get(i);
            TrialResult a = actual.trials().get(i);
            assertEquals(e.id(), a.id());
            assertEquals(e.status(), a.status());
            assertArrayEquals(e.curve().validationLoss(), a.curve().validationLoss(), e.id());
            assertArrayEquals(e.curve().trainAccuracy(), a.curve().trainAccuracy(), e.id());
        }
        assertEquals(expected.test().accuracy(), actual.test().accuracy());
        assertEquals(expected.test().loss(), actual.test().loss());
    }

    @Test
    void failedFirstAttemptIsRetriedAndTheTableIsUnchanged() {
        String victim = config.trials().get(1).id();
        SweepResults r = SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("retried"), false), quiet()).run(new SparkBackend(sc, new FaultPlan(Set.of(victim), Set.of())), quiet());
        assertSameTable(reference, r);
        TrialResult retried = r.trials().stream().filter(t -> t.id().equals(victim)).findFirst().orElseThrow();
        assertEquals(1, retried.attempt(), "the result came from the second attempt");
    }

    @Test
    void trialFailingEveryAttemptBecomesAFailedRowRankedLast() {
        String victim = config.trials().get(0).id();
        SweepResults r = SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("failed"), false), quiet()).run(new SparkBackend(sc, new FaultPlan(Set.of(), Set.of(victim))), quiet());
        assertEquals(4, r.trials().size());
        assertEquals(victim, r.ranking().get(3));
        TrialResult failed = r.trials().get(0);
        assertEquals(TrialStatus.FAILED, failed.status());
        assertEquals("InjectedFault: injected fault in trial " + victim + ", attempt 2", failed.error());
        assertEquals(2, failed.attempt());
        assertTrue(r.trials().subList(1, 4).stream().allMatch(t -> t.status() == TrialStatus.OK));
    }

    /** Copies a finished run, then removes what a kill would have prevented from being written. */
    private static Path interrupted(String name, List<String> unfinished) throws IOException {
        Path run = dir.resolve(name);
        SweepJob.prepare(config, SweepJob.Options.to(run, false), quiet()).run(new SparkBackend(sc), quiet());
        Files.delete(run.resolve("results.json"));
        Files.delete(run.resolve("results.csv"));
        for (String id : unfinished) {
            Files.delete(run.resolve("trials").resolve(id + ".json"));
        }
        return run;
    }

    private static String resume(Path run, SweepConfig c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SweepJob.prepare(c, new SweepJob.Options(null, false, run, 0, false, DataSource.LOCAL), out).run(new SparkBackend(sc), out);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void resumeRunsOnlyUnfinishedTrialsAndGivesTheUninterruptedTable() throws IOException {
        String best = reference.ranking().get(0);
        List<String> unfinished = config.trials().stream().map(t -> t.id()).filter(id -> !id.equals(best)).limit(2).toList();
        Path run = interrupted("resumed", unfinished);
        String log = resume(run, config);
        assertTrue(log.contains("Resuming: 2 trials finished earlier, 2 to run"), log);
        assertEquals(2, log.lines().filter(l -> l.contains("from the earlier run")).count(), log);
        assertSameTable(reference, ResultsIO.readResults(run.resolve("results.json")));
    }

    @Test
    void resumeRetrainsTheBestTrialWhenItsWeightsWereNotSaved() throws IOException {
        String best = reference.ranking().get(0);
        Path run = interrupted("lost-best", List.of());
        Files.delete(run.resolve("best-model.h5"));
        String log = resume(run, config);
        assertTrue(log.contains("Resuming: 3 trials finished earlier, 1 to run"), log);
        assertTrue(log.lines().anyMatch(l -> l.contains("trial " + best.substring(0, 8) + " ") && !l.contains("earlier run")), log);
        assertSameTable(reference, ResultsIO.readResults(run.resolve("results.json")));
    }

    @Test
    void resumeRefusesAChangedConfigListingTheDifferences() throws IOException {
        Path run = interrupted("changed", List.of());
        SweepConfig changed = ConfigLoader.parse(dir.resolve("blobs.json"),
                Fixtures.blobConfigJson(dir, "").replace("\"epochs\": 4", "\"epochs\": 5").replace("\"seed\": 5", "\"seed\": 6"));
        String message = assertThrows(BadInputException.class,
                () -> SweepJob.prepare(changed, new SweepJob.Options(null, false, run, 0, false, DataSource.LOCAL), quiet())).getMessage();
        assertEquals("--resume " + run + ": the run's inputs differ (2): "
                + "config.seed: 5 -> 6; config.training.epochs: 4 -> 5; to reuse its trials anyway, pass --allow-changed config",
                message);
    }
}
