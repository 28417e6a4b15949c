package io.sparksweep.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code --resume} and {@code --allow-changed} mistakes: exit 2 and one line, before any data is read. */
class ResumeCommandLineTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) {
        CliRun r = CliRun.of(args);
        return new String[]{String.valueOf(r.exit()), r.err().strip()};
    }

    @Test
    void allowChangedWithoutResumeIsRefused() {
        String[] r = run("run", "conf/smoke.json", "--allow-changed", "build");
        assertEquals("2", r[0]);
        assertEquals("sweep: --allow-changed build: only with --resume RUN_DIR, expected --resume too or no --allow-changed", r[1]);
    }

    @Test
    void allowChangedOfAnUnknownKindIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("run"));
        String[] r = run("run", "conf/smoke.json", "--resume", dir.resolve("run").toString(), "--allow-changed", "build,cpu");
        assertEquals("2", r[0]);
        assertEquals("sweep: --allow-changed cpu: expected one or more of config, data, models, build, blas, separated by commas", r[1]);
    }

    @Test
    void resumeOfAFolderThatIsNotARunIsRefusedBeforeDataIsRead() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        String[] r = run("run", "conf/smoke.json", "--resume", dir.resolve("empty").toString());
        assertEquals("2", r[0]);
        assertEquals("sweep: --resume " + dir.resolve("empty") + ": not a run folder (no inputs.json)", r[1]);
        String[] missing = run("run", "conf/smoke.json", "--resume", dir.resolve("nope").toString());
        assertEquals("sweep: --resume " + dir.resolve("nope") + ": no such folder, expected a run folder written by 'sweep run'",
                missing[1]);
    }
}
