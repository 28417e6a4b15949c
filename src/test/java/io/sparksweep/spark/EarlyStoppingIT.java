package io.sparksweep.spark;

import io.sparksweep.cli.Main;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import io.sparksweep.sweep.CheckpointFiles;
import io.sparksweep.sweep.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hyperband as the user runs it: the same table, bit for bit, on {@code local[1]},
 * {@code local[2]} and a standalone cluster of two executor JVMs (checkpoints travel in tasks
 * and results, no shared file system), equal to uninterrupted training for the trials that reach
 * the top rung; and a driver killed (SIGKILL) in the middle of a rung resumes to the same table.
 */
@Tag("integration")
class EarlyStoppingIT {

    @Test
    void hyperbandTableIsBitIdenticalOnLocal1Local2AndClusterAndTopRungTrialsEqualFullTraining(@TempDir Path tmp)
            throws Exception {
        Fixtures.writeBlobFiles(tmp);
        Path conf = tmp.resolve("hb.json");
        Files.writeString(conf, Fixtures.stoppingConfigJson(tmp, "hb", Fixtures.HYPERBAND));
        Path plainConf = tmp.resolve("none.json");
        Files.writeString(plainConf, Fixtures.stoppingConfigJson(tmp, "none", ""));
        Path local1 = tmp.resolve("local1");
        Path local2 = tmp.resolve("local2");
        Path cluster = tmp.resolve("cluster-run");
        Path plain = tmp.resolve("plain");
        assertEquals(0, Main.execute("run", conf.toString(), "--master", "local[1]", "--out", local1.toString()));
        assertEquals(0, Main.execute("run", conf.toString(), "--master", "local[2]", "--out", local2.toString()));
        assertEquals(0, Main.execute("run", plainConf.toString(), "--master", "local[2]", "--out", plain.toString()));
        Path log = tmp.resolve("submit.out");
        int code;
        try (LoopbackCluster c = LoopbackCluster.up(tmp.resolve("cluster"))) {
            code = c.submit(List.of(conf.toString(), "--out", cluster.toString()), log);
        }
        assertEquals(0, code, () -> "spark-submit failed:\n" + read(log));

        SweepResults onCluster = SameTable.read(cluster);
        Set<String> processes = onCluster.trials().stream().map(TrialResult::process).collect(Collectors.toSet());
        assertEquals(2, processes.size(), "the cluster run used two executor JVMs: " + processes);
        SameTable.assertIdentical(local1, local2);
        SameTable.assertIdentical(local1, cluster);

        SweepResults hb = SameTable.read(local2);
        Map<String, TrialResult> full = SameTable.read(plain).trials().stream()
                .collect(Collectors.toMap(TrialResult::id, Function.identity()));
        assertTrue(hb.trials().stream().anyMatch(t -> t.status() == TrialStatus.STOPPED));
        for (TrialResult t : hb.trials()) {
            if (t.status() == TrialStatus.OK) {
                assertArrayEquals(full.get(t.id()).curve().trainLoss(), t.curve().trainLoss(), t.id());
                assertArrayEquals(full.get(t.id()).curve().validationAccuracy(), t.curve().validationAccuracy(), t.id());
            }
        }
        if (hb.test().trialId().equals(SameTable.read(plain).test().trialId())) {
            assertArrayEquals(Files.readAllBytes(plain.resolve("best-model.h5")), Files.readAllBytes(local2.resolve("best-model.h5")));
        }
    }

    private static final String KILL_CONFIG = """
            {"name": "hbkill", "seed": 11,
             "data": {"train": "data/mnist_traindata.hdf5", "test": "data/mnist_testdata.hdf5", "maxRows": 12000, "fetch": "mnist"},
             "training": {"hidden": [128], "epochs": 9, "batchSize": 50, "reduction": "mean",
                          "schedule": {"type": "step", "factor": 0.5, "every": 3}, "init": "he", "shuffle": true},
             "grid": {"activation": ["relu", "tanh", "sigmoid"], "learningRate": [0.02, 0.05, 0.1]},
             "stopping": {"type": "hyperband", "minEpochs": 1, "eta": 3}}
            """;

    @Test
    void driverKilledInTheMiddleOfARungResumesToTheUninterruptedTable(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("hbkill.json");
        Files.writeString(conf, KILL_CONFIG);
        Path killed = dir.resolve("killed");
        Process p = new ProcessBuilder("submit-scripts/sweep", "run", conf.toString(), "--out", killed.toString(),
                "--master", "local[1]").redirectOutput(dir.resolve("killed.log").toFile())
                .redirectErrorStream(true).start();
        CheckpointFiles checkpoints = new CheckpointFiles(killed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (checkpoints.list().size() < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the sweep ended before it could be killed: " + read(dir.resolve("killed.log")));
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
        assertFalse(Files.exists(killed.resolve("results.json")));
        assertTrue(checkpoints.list().size() >= 2, "checkpoints " + checkpoints.list());

        assertEquals(0, Main.execute("run", conf.toString(), "--resume", killed.toString(), "--master", "local[2]"));
        Path clean = dir.resolve("clean");
        assertEquals(0, Main.execute("run", conf.toString(), "--out", clean.toString(), "--master", "local[2]"));
        SameTable.assertIdentical(clean, killed);
        SweepResults a = SameTable.read(killed);
        SweepResults b = SameTable.read(clean);
        for (int i = 0; i < b.trials().size(); i++) {
            assertEquals(b.trials().get(i).rung(), a.trials().get(i).rung());
        }
        assertTrue(a.trials().stream().anyMatch(t -> t.status() == TrialStatus.STOPPED));
        assertFalse(Files.exists(killed.resolve(CheckpointFiles.DIR)));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
