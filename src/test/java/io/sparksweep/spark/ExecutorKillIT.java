package io.sparksweep.spark;

import io.sparksweep.cli.Main;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An executor JVM killed (SIGKILL) in the middle of a sweep on the loopback cluster: Spark
 * reruns its lost trial elsewhere and the sweep completes with the table of a fault-free run.
 */
@Tag("integration")
class ExecutorKillIT {
    /** Trials of several seconds each (full training file, 6 epochs), so a kill lands mid-trial. */
    private static String longConfig() {
        Path train = Path.of("data/mnist_traindata.hdf5").toAbsolutePath();
        Path test = Path.of("data/mnist_testdata.hdf5").toAbsolutePath();
        return """
                {
                  "name": "executor-kill",
                  "seed": 7,
                  "data": {"train": "%s", "test": "%s"},
                  "training": {"hidden": [32], "epochs": 6, "batchSize": 50, "reduction": "mean",
                               "schedule": {"type": "constant"}, "init": "he", "shuffle": true},
                  "grid": {"activation": ["relu", "tanh"], "learningRate": [0.05, 0.2]}
                }
                """.formatted(train, test);
    }

    @Test
    void sweepSurvivesAnExecutorKilledMidRunWithTheFaultFreeTable(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("executor-kill.json");
        Files.writeString(config, longConfig());
        Path reference = tmp.resolve("reference");
        assertEquals(0, Main.execute("run", config.toString(), "--master", "local[2]", "--out", reference.toString()));

        Path out = tmp.resolve("run");
        Path log = tmp.resolve("submit.out");
        long killed;
        int code;
        try (LoopbackCluster cluster = LoopbackCluster.up(tmp.resolve("cluster"))) {
            Process submit = cluster.submitAsync(List.of(config.toString(), "--out", out.toString()), log);
            try {
                // The first finished trial names its executor JVM (pid@host), which at once takes the
                // next pending trial; killing it now loses a running task.
                TrialResult first = firstRecord(out, submit);
                killed = Long.parseLong(first.process().substring(0, first.process().indexOf('@')));
                ProcessHandle executor = ProcessHandle.of(killed).orElseThrow(
                        () -> new AssertionError("executor " + first.process() + " is not running"));
                String command = executor.info().commandLine().orElse("");
                assertTrue(command.contains("CoarseGrainedExecutorBackend"), "not an executor: " + command);
                assertTrue(executor.destroyForcibly(), "kill " + killed);
                assertTrue(submit.waitFor(4, TimeUnit.MINUTES), "sweep did not finish after the kill");
                code = submit.exitValue();
            } finally {
                LoopbackCluster.destroyTree(submit);
            }
        }
        assertEquals(0, code, () -> "spark-submit failed:\n" + readQuietly(log));

        SweepResults results = SameTable.read(out);
        System.out.println("killed executor PID " + killed + "; trials: " + results.trials().stream()
                .map(t -> t.id() + " attempt " + t.attempt() + " on executor " + t.executor() + " " + t.process())
                .toList());
        for (TrialResult t : results.trials()) {
            assertEquals(TrialStatus.OK, t.status(), t.id() + ": " + t.error());
        }
        String killedPid = killed + "@";
        assertTrue(results.trials().stream().anyMatch(t -> t.process().startsWith(killedPid)),
                "a trial finished in the killed executor before the kill");
        assertFalse(results.trials().stream().allMatch(t -> t.process().startsWith(killedPid)),
                "the remaining trials ran elsewhere");
        assertTrue(results.trials().stream().anyMatch(t -> t.attempt() > 0),
                "the trial running in the killed executor was retried: " + results.trials().stream()
                        .map(t -> t.id() + " attempt " + t.attempt() + " on " + t.process()).toList());
        SameTable.assertIdentical(reference, out);
    }

    /** Waits for the driver to record the first finished trial under {@code out/trials/}. */
    private static TrialResult firstRecord(Path out, Process submit) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        Path trials = out.resolve(ResultsIO.TRIALS_DIR);
        while (System.nanoTime() < deadline) {
            if (!submit.isAlive()) {
                throw new AssertionError("spark-submit ended (exit " + submit.exitValue() + ") before any trial finished");
            }
            if (Files.isDirectory(trials)) {
                try (Stream<Path> files = Files.list(trials)) {
                    Optional<Path> json = files.filter(f -> f.toString().endsWith(".json")).findFirst();
                    if (json.isPresent()) {
                        return ResultsIO.readTrials(out).get(0);
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no trial finished within 3 minutes");
    }

    private static String readQuietly(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
