package io.sparksweep.spark;

import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import io.sparksweep.sweep.Fixtures;
import io.sparksweep.sweep.SequentialBackend;
import io.sparksweep.sweep.SweepJob;
import io.sparksweep.sweep.TrialCost;
import io.sparksweep.sweep.TrialEvents;
import io.sparksweep.sweep.TrialInputs;
import io.sparksweep.sweep.TrialOutcome;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark layer on local[2], against the plain sequential run of the same trials. */
class SparkBackendTest {
    private static JavaSparkContext sc;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        System.setProperty("spark.executor.heartbeatInterval", "300ms");
        try {
            sc = SparkContexts.create("local[2]", "SparkBackendTest");
        } finally {
            System.clearProperty("spark.executor.heartbeatInterval");
        }
        Fixtures.writeBlobFiles(dir);
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
    }

    @Test
    void runningTasksReportTheirEpochsThroughHeartbeats() {
        String json = "{\"name\": \"long\", \"data\": {\"train\": \"" + dir.resolve("train.h5") + "\", \"test\": \""
                + dir.resolve("test.h5") + "\"}, \"training\": {\"hidden\": [512, 512], \"epochs\": 120, \"batchSize\": 10,"
                + " \"reduction\": \"mean\", \"learningRate\": 0.01, \"init\": \"he\", \"schedule\": {\"type\": \"constant\"}}}";
        SweepConfig config = ConfigLoader.parse(dir.resolve("long.json"), json);
        List<Integer> epochs = Collections.synchronizedList(new ArrayList<>());
        TrialInputs inputs = SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("long"), false), quiet()).inputs();
        new SparkBackend(sc).run(config.trials(), inputs, new TrialEvents() {
            @Override
            public void epoch(int trialIndex, int epoch) {
                epochs.add(epoch);
            }

            @Override
            public void finished(TrialOutcome outcome) {
                assertEquals(120, outcome.result().curve().epochs());
            }
        });
        assertTrue(epochs.size() >= 2, "heartbeats reported " + epochs);
        assertTrue(epochs.stream().allMatch(e -> e >= 1 && e <= 120), epochs.toString());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    @Test
    void sparkRunEqualsSequentialRunBitForBit() throws Exception {
        SweepConfig config = Fixtures.blobConfig(dir);
        SweepResults spark = SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("spark"), false), quiet())
                .run(new SparkBackend(sc), quiet());
        SweepResults seq = SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("seq"), false), quiet())
                .run(new SequentialBackend(), quiet());

        assertEquals(4, spark.trials().size());
        assertEquals(seq.ranking(), spark.ranking());
        for (int i = 0; i < 4; i++) {
            TrialResult a = spark.trials().get(i);
            TrialResult b = seq.trials().get(i);
            assertEquals(b.id(), a.id());
            assertEquals(TrialStatus.OK, a.status());
            assertArrayEquals(b.curve().trainLoss(), a.curve().trainLoss());
            assertArrayEquals(b.curve().validationAccuracy(), a.curve().validationAccuracy());
            assertArrayEquals(b.curve().validationLoss(), a.curve().validationLoss());
        }
        assertEquals(seq.test().accuracy(), spark.test().accuracy());
        assertArrayEquals(Files.readAllBytes(dir.resolve("seq/best-model.h5")),
                Files.readAllBytes(dir.resolve("spark/best-model.h5")));
        // The blobs are easy: the best trial separates them.
        assertTrue(spark.test().accuracy() > 0.95, "test accuracy " + spark.test().accuracy());
        assertEquals("local[2]", spark.environment().master());
    }

    @Test
    void hyperbandOnSparkEqualsTheSequentialRunBitForBitWithinTheCheckpointBound() throws Exception {
        SweepConfig config = Fixtures.stoppingConfig(dir, "hb", Fixtures.HYPERBAND);
        SparkBackend backend = new SparkBackend(sc);
        SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("hb-spark"), false), quiet()).run(backend, quiet());
        SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("hb-seq"), false), quiet()).run(new SequentialBackend(), quiet());
        SameTable.assertIdentical(dir.resolve("hb-seq"), dir.resolve("hb-spark"));
        SweepResults spark = SameTable.read(dir.resolve("hb-spark"));
        assertTrue(spark.trials().stream().anyMatch(t -> t.status() == TrialStatus.STOPPED));
        assertEquals(2, backend.rungsInFlight());
        assertTrue(backend.held().most() >= 1 && backend.held().most() <= 2 * backend.rungsInFlight(),
                "held " + backend.held().most());
        assertEquals(0, backend.held().now());
        for (int i = 0; i < spark.trials().size(); i++) {
            assertEquals(SameTable.read(dir.resolve("hb-seq")).trials().get(i).rung(), spark.trials().get(i).rung());
        }
    }

    @Test
    void aTrialRungThatFailsOnEveryAttemptIsAFailedRowAndItsBracketPromotesAnother() {
        SweepConfig config = Fixtures.stoppingConfig(dir, "hb-fault", Fixtures.HYPERBAND);
        SweepResults clean = SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("hb-fault-ref"), false), quiet()).run(new SequentialBackend(), quiet());
        // the best trial of a bracket with several rungs, so that its bracket must promote another
        java.util.Map<String, TrialResult> byId = new java.util.HashMap<>();
        clean.trials().forEach(t -> byId.put(t.id(), t));
        String best = clean.ranking().stream().filter(id -> byId.get(id).topRung() > 0).findFirst().orElseThrow();
        SweepResults faulty = Fixtures.run(config, new SparkBackend(sc, new FaultPlan(java.util.Set.of(),
                java.util.Set.of(best))), dir.resolve("hb-fault"), false, quiet());
        TrialResult failed = faulty.trials().stream().filter(t -> t.id().equals(best)).findFirst().orElseThrow();
        assertEquals(TrialStatus.FAILED, failed.status());
        assertEquals(0, failed.rung());
        assertEquals(best, faulty.ranking().get(faulty.ranking().size() - 1));
        assertEquals(clean.trials().size(), faulty.trials().size());
        // the others run on, and the failed trial's bracket promotes the next best in its place
        assertEquals(clean.trials().stream().filter(t -> t.status() == TrialStatus.OK).count(),
                faulty.trials().stream().filter(t -> t.status() == TrialStatus.OK).count());
        assertTrue(faulty.trials().stream().anyMatch(t -> t.status() == TrialStatus.OK && t.bracket().equals(failed.bracket())
                && !t.id().equals(best)));
        assertTrue(faulty.test() != null && !faulty.test().trialId().equals(best));
    }

    @Test
    void trialsStartLongestFirstAndResultsKeepTheSweepOrder() {
        SweepConfig config = Fixtures.blobConfig(dir); // relu 0.05, relu 0.5, tanh 0.05, tanh 0.5
        TrialInputs inputs = SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("order"), false), quiet()).inputs();
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
        new SparkBackend(sc).run(config.trials(), inputs, new TrialEvents() {
            @Override
            public void started(int trialIndex) {
                started.add(trialIndex);
            }

            @Override
            public void finished(TrialOutcome outcome) {
                finished.add(outcome.result().index());
            }
        });
        assertEquals(List.of(2, 3, 0, 1), TrialCost.longestFirst(config.trials(), inputs).stream().map(t -> t.index()).toList());
        // FIFO: each free core takes the earliest submitted job's task.
        assertEquals(List.of(2, 3, 0, 1), started);
        assertEquals(java.util.Set.of(0, 1, 2, 3), java.util.Set.copyOf(finished));
        SweepResults results = SweepJob.prepare(config, SweepJob.Options.to(dir.resolve("order-run"), false), quiet())
                .run(new SparkBackend(sc), quiet());
        assertEquals(List.of(0, 1, 2, 3), results.trials().stream().map(TrialResult::index).toList(),
                "results.json keeps the sweep order");
    }

    @Test
    void everyTrialIsRecordedAsItCompletes() {
        SweepConfig config = Fixtures.blobConfig(dir);
        Path out = dir.resolve("records");
        SweepResults results = SweepJob.prepare(config, SweepJob.Options.to(out, false), quiet())
                .run(new SparkBackend(sc), quiet());
        List<TrialResult> records = ResultsIO.readTrials(out);
        assertEquals(results.trials().size(), records.size());
        assertEquals(results.trials().get(3).id(), records.get(3).id());
        assertArrayEquals(results.trials().get(3).curve().validationLoss(), records.get(3).curve().validationLoss());
        assertEquals(4, records.get(0).curve().epochs());
        assertTrue(Files.exists(out.resolve("results.csv")));
        assertTrue(Files.exists(out.resolve("best-model.h5")));
    }
}
