package io.sparksweep.sweep;

import io.sparksweep.BadInputException;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.results.ResultsIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --force} replaces an empty folder or an earlier run's folder, and never a file a run did not write. */
class RunFolderTest {
    @TempDir
    static Path shared;
    private static SweepConfig config;
    private static Path earlier;

    @TempDir
    Path dir;

    @BeforeAll
    static void earlierRun() {
        Fixtures.writeBlobFiles(shared);
        config = Fixtures.blobConfig(shared);
        earlier = shared.resolve("earlier");
        SweepJob.prepare(config, SweepJob.Options.to(earlier, false), quiet()).run(new SequentialBackend(), quiet());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    /** A copy of the earlier run's folder, every level. */
    private Path copyOfRun(String name) throws IOException {
        Path copy = dir.resolve(name);
        try (Stream<Path> walk = Files.walk(earlier)) {
            for (Path p : walk.toList()) {
                Path to = copy.resolve(earlier.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return copy;
    }

    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static String refused(Path out) {
        return assertThrows(BadInputException.class,
                () -> SweepJob.prepare(config, SweepJob.Options.to(out, true), quiet())).getMessage();
    }

    @Test
    void forceKeepsDotFilesAndDotFoldersAndNamesTheFirst() throws IOException {
        Path run = copyOfRun("dotted");
        Files.createDirectories(run.resolve(".git").resolve("objects"));
        Files.writeString(run.resolve(".git").resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(run.resolve(".env"), "TOKEN=1\n");
        List<String> before = tree(run);
        String message = refused(run);
        assertEquals("--out " + run + ": holds " + run.resolve(".env") + ", which a run did not write; --force only"
                + " replaces an earlier run's folder holding nothing else (move that file, or choose another folder)", message);
        assertEquals(before, tree(run), "nothing deleted");
    }

    @Test
    void forceRefusesAForeignFileInsideTrials() throws IOException {
        Path run = copyOfRun("trials-foreign");
        Path notes = run.resolve(ResultsIO.TRIALS_DIR).resolve("notes.txt");
        Files.writeString(notes, "mine\n");
        List<String> before = tree(run);
        assertTrue(refused(run).startsWith("--out " + run + ": holds " + notes + ", which a run did not write"));
        assertEquals(before, tree(run));
    }

    @Test
    void forceRefusesAForeignFolderInsideCharts() throws IOException {
        Path run = copyOfRun("charts-foreign");
        Path sub = run.resolve("charts").resolve("drafts");
        Files.createDirectories(sub);
        Files.writeString(sub.resolve("a.png"), "x");
        List<String> before = tree(run);
        assertTrue(refused(run).startsWith("--out " + run + ": holds " + sub + ", which a run did not write"));
        assertEquals(before, tree(run));
    }

    @Test
    void forceRefusesAFolderThatIsNotARunsEvenWithARunsFileNames() throws IOException {
        Path folder = dir.resolve("look-alike");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("results.csv"), "my,own,table\n");
        Files.writeString(folder.resolve("results.json"), "{\"mine\": true}\n");
        String message = refused(folder);
        assertEquals("--out " + folder + ": is not a SparkSweep run folder (no inputs.json or results.json of a run),"
                + " so --force would lose " + folder.resolve("results.csv")
                + "; --force only replaces an empty folder or an earlier run's folder", message);
        assertTrue(Files.exists(folder.resolve("results.csv")));
    }

    @Test
    void forceRefusesASymbolicLinkWhereARunHasAFolder() throws IOException {
        Path run = copyOfRun("linked");
        Path mine = dir.resolve("my-trials");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("keep.json"), "{}");
        Path trials = run.resolve(ResultsIO.TRIALS_DIR);
        for (Path p : Files.list(trials).toList()) {
            Files.delete(p);
        }
        Files.delete(trials);
        Files.createSymbolicLink(trials, mine);
        assertTrue(refused(run).startsWith("--out " + run + ": holds " + trials + ", which a run did not write"));
        assertTrue(Files.exists(mine.resolve("keep.json")));
    }

    @Test
    void forceReplacesAnEarlierRunIncludingLeftoverTemporaryFiles() throws IOException {
        Path run = copyOfRun("again");
        Files.writeString(run.resolve(ResultsIO.TRIALS_DIR).resolve(".0123456789abcdef.json.00112233aabbccdd.tmp"), "{");
        Files.writeString(run.resolve(".results.json12345.tmp"), "{");
        SweepJob.prepare(config, SweepJob.Options.to(run, true), quiet()).run(new SequentialBackend(), quiet());
        assertEquals(tree(earlier), tree(run));
    }

    @Test
    void forceReplacesTheCheckpointsOfAnInterruptedEarlyStoppingRunButNotAForeignFileAmongThem() throws IOException {
        Path run = copyOfRun("checkpointed");
        Path checkpoints = run.resolve(CheckpointFiles.DIR);
        Files.createDirectories(checkpoints);
        Files.write(checkpoints.resolve("0123456789abcdef-3.ckpt"), new byte[] {1, 2});
        Files.writeString(checkpoints.resolve(".0123456789abcdef-9.ckpt.00112233aabbccdd.tmp"), "x");
        SweepJob.prepare(config, SweepJob.Options.to(run, true), quiet()).run(new SequentialBackend(), quiet());
        assertEquals(tree(earlier), tree(run));

        Path other = copyOfRun("checkpointed-foreign");
        Files.createDirectories(other.resolve(CheckpointFiles.DIR));
        Path mine = other.resolve(CheckpointFiles.DIR).resolve("model.bin");
        Files.writeString(mine, "mine");
        assertTrue(refused(other).startsWith("--out " + other + ": holds " + mine + ", which a run did not write"));
    }

    @Test
    void forceUsesAnEmptyFolder() throws IOException {
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        SweepJob.prepare(config, SweepJob.Options.to(empty, true), quiet()).run(new SequentialBackend(), quiet());
        assertTrue(Files.isRegularFile(empty.resolve("results.json")));
    }

    @Test
    void forceReplacesAnEarlierRunReachedThroughALinkToItsFolder() throws IOException {
        Path run = copyOfRun("target");
        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, run);
        SweepJob.prepare(config, SweepJob.Options.to(link, true), quiet()).run(new SequentialBackend(), quiet());
        assertEquals(tree(earlier), tree(run));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void outBelowARegularFileIsRefusedBeforeAnyWork() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Path out = file.resolve("run");
        String message = assertThrows(BadInputException.class,
                () -> SweepJob.prepare(config, SweepJob.Options.to(out, false), quiet())).getMessage();
        assertEquals("--out " + out + ": " + file + " is a file, expected a folder there to create " + out + " in", message);
        assertFalse(Files.exists(out));
    }

    @Test
    void outThatIsAFileIsRefused() throws IOException {
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        assertEquals("--out " + file + ": exists and is not a folder, expected a folder", refused(file));
        assertEquals("x", Files.readString(file));
    }
}
