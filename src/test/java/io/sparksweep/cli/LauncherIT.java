package io.sparksweep.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input contract through the launcher a user types, {@code submit-scripts/sweep}: exit
 * code 2 and exactly one line on stderr, with nothing of the JVM's own start-up notices (the Vector
 * API's incubator module) on it; and a good command's exit code passed through.
 */
@Tag("integration")
class LauncherIT {
    @TempDir
    Path dir;

    private record Run(int exit, String out, List<String> err) {
    }

    private Run sweep(String... args) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> command = new ArrayList<>(List.of("submit-scripts/sweep"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readAllLines(err, StandardCharsets.UTF_8));
    }

    @Test
    void aBadConfigGivesExitCode2AndOneLineOnStderr() throws Exception {
        Path conf = dir.resolve("bad.json");
        Files.writeString(conf, """
                {"data": {"train": "data/mnist_traindata.hdf5", "test": "data/mnist_testdata.hdf5"},
                 "training": {"epochs": 9}, "stopping": {"type": "hyperband", "minEpochs": 10}}
                """);
        Run run = sweep("run", conf.toString(), "--dry-run");
        assertEquals(2, run.exit(), String.join("\n", run.err()));
        assertEquals(List.of("sweep: " + conf + ": stopping.minEpochs = 10, expected an integer from 1 to "
                + "training.epochs = 9"), run.err());
    }

    @Test
    void aGoodCommandExitsWithZeroAndNothingOnStderr() throws Exception {
        Run run = sweep("--version");
        assertEquals(0, run.exit(), String.join("\n", run.err()));
        assertTrue(run.out().startsWith("SparkSweep "), run.out());
        assertEquals(List.of(), run.err());
    }
}
