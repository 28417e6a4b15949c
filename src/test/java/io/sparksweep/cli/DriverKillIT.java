package io.sparksweep.cli;

import io.sparksweep.StoppedException;
import io.sparksweep.nn.ModelFile;
import io.sparksweep.results.ResultsIO;
import io.sparksweep.results.SweepResults;
import io.sparksweep.results.TrialResult;
import io.sparksweep.results.TrialStatus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver is killed (SIGKILL) in the middle of a sweep launched by submit-scripts/sweep; the
 * trials it finished are on disk, and {@code --resume} completes the sweep with the same table
 * as an uninterrupted run.
 */
@Tag("integration")
class DriverKillIT {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            {"name": "kill", "seed": 11,
             "data": {"train": "data/mnist_traindata.hdf5", "test": "data/mnist_testdata.hdf5", "maxRows": 12000, "fetch": "mnist"},
             "training": {"hidden": [128], "epochs": 8, "batchSize": 50, "reduction": "mean",
                          "schedule": {"type": "constant"}, "init": "he", "shuffle": true},
             "grid": {"activation": ["relu", "tanh", "sigmoid"], "learningRate": [0.05, 0.1]}}
            """;

    private static long records(Path run) throws Exception {
        Path trials = run.resolve("trials");
        if (!Files.isDirectory(trials)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(trials)) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    @Test
    void killedDriverLeavesFinishedTrialsAndResumeGivesTheUninterruptedTable() throws Exception {
        Path conf = dir.resolve("kill.json");
        Files.writeString(conf, CONFIG);
        Path killed = dir.resolve("killed");
        Process p = new ProcessBuilder("submit-scripts/sweep", "run", conf.toString(), "--out", killed.toString(),
                "--master", "local[1]").redirectOutput(dir.resolve("killed.log").toFile())
                .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (records(killed) < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "the sweep ended before it could be killed: " + Files.readString(dir.resolve("killed.log")));
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor();
        long finished = records(killed);
        assertTrue(finished >= 2 && finished < 6, finished + " records");
        assertFalse(Files.exists(killed.resolve("results.json")));

        assertEquals(0, Main.execute("run", conf.toString(), "--resume", killed.toString(), "--master", "local[2]"));
        Path clean = dir.resolve("clean");
        assertEquals(0, Main.execute("run", conf.toString(), "--out", clean.toString(), "--master", "local[2]"));

        SweepResults a = ResultsIO.readResults(killed.resolve("results.json"));
        SweepResults b = ResultsIO.readResults(clean.resolve("results.json"));
        assertEquals(b.ranking(), a.ranking());
        for (int i = 0; i < b.trials().size(); i++) {
            TrialResult x = a.trials().get(i);
            TrialResult y = b.trials().get(i);
            assertArrayEquals(y.curve().validationAccuracy(), x.curve().validationAccuracy(), y.id());
            assertArrayEquals(y.curve().trainLoss(), x.curve().trainLoss(), y.id());
        }
        assertEquals(b.test().accuracy(), a.test().accuracy());
        assertArrayEquals(ModelFile.read(clean.resolve("best-model.h5")).parameters(),
                ModelFile.read(killed.resolve("best-model.h5")).parameters());
        assertEquals(6, records(killed));
    }

    @Test
    void aTerminatedDriverSaysWhatIsKeptWithoutAnInternalError() throws Exception {
        Path conf = dir.resolve("term.json");
        Files.writeString(conf, CONFIG);
        Path run = dir.resolve("terminated");
        Path log = dir.resolve("terminated.log");
        Process p = new ProcessBuilder("submit-scripts/sweep", "run", conf.toString(), "--out", run.toString(),
                "--master", "local[2]").redirectOutput(log.toFile()).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (records(run) < 1 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "the sweep ended before it could be stopped: " + Files.readString(log));
        p.destroy(); // SIGTERM, as Ctrl-C or a cluster manager would
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the driver did not stop on SIGTERM");
        String text = Files.readString(log);
        assertNotEquals(0, p.exitValue(), text);
        assertFalse(text.contains("internal error") || text.contains("Exception") || text.contains(" ERROR "), text);
        assertTrue(text.contains("sweep: " + StoppedException.MESSAGE), text);
        // The trials the signal stopped did not fail: nothing says so, and no record claims it.
        assertFalse(text.contains(": failed val acc"), text);
        assertTrue(records(run) >= 1, text);
        for (TrialResult r : ResultsIO.readTrials(run)) {
            assertEquals(TrialStatus.OK, r.status(), r.id() + "\n" + text);
        }
        assertFalse(Files.exists(run.resolve("results.json")), text);
    }
}
