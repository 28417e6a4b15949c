package io.sparksweep.cli;

import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Architecture;
import io.sparksweep.nn.Initializer;
import io.sparksweep.nn.ModelFile;
import io.sparksweep.nn.Network;
import io.sparksweep.sweep.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every output location (run folder, predict's CSV, the data commands' folder) is checked before
 * any work: exit 2, one line naming the option and the path; a failing command leaves no folder
 * it created, and --force replaces only the files the command writes.
 */
class OutputLocationTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    @BeforeAll
    static void files() throws IOException {
        Fixtures.writeBlobFiles(shared);
        ModelFile.write(shared.resolve("fits.h5"), Network.initialise(
                new Architecture(8, new int[]{6}, new Activation[]{Activation.RELU}, 3), Initializer.HE, 1, 1));
        Files.writeString(shared.resolve("not-idx"), "this is not an IDX file\n");
        Files.write(shared.resolve("train-images"), images(12));
        Files.write(shared.resolve("train-labels"), labels(12));
        Files.write(shared.resolve("test-images"), images(4));
        Files.write(shared.resolve("test-labels"), labels(4));
        // Data files that do not exist: a run that got as far as loading data would say so instead.
        Files.writeString(shared.resolve("no-data.json"), "{\"name\": \"nd\", \"data\": {\"train\": \"" + shared.resolve("none.h5")
                + "\", \"test\": \"" + shared.resolve("none.h5") + "\"}, \"training\": {\"hidden\": [6], \"epochs\": 1}}");
    }

    private static byte[] images(int n) {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 4);
        b.putInt(0x803).putInt(n).putInt(2).putInt(2);
        for (int i = 0; i < n * 4; i++) {
            b.put((byte) (i * 37));
        }
        return b.array();
    }

    private static byte[] labels(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) (i % 3));
        }
        return b.array();
    }

    private static CliRun sweep(String... args) {
        return CliRun.of(args);
    }

    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    /**
     * A folder no file can be created in: mode 555 where permission bits hold; /proc where this
     * user ignores them (root), since the kernel refuses new files there to everyone.
     */
    private Path unwritableFolder() throws IOException {
        Path ro = dir.resolve("read-only");
        Files.createDirectories(ro);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Files.delete(Files.createFile(ro.resolve("probe")));
            return Path.of("/proc"); // permission bits do not bind this user
        } catch (IOException expected) {
            return ro;
        }
    }

    @Test
    void runOutBelowARegularFileIsRefusedBeforeDataIsRead() throws IOException {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        Path out = file.resolve("run");
        CliRun run = sweep("run", shared.resolve("no-data.json").toString(), "--out", out.toString(), "--master", "local[1]");
        assertEquals(2, run.exit(), run.err());
        assertEquals("sweep: --out " + out + ": " + file + " is a file, expected a folder there to create " + out + " in",
                run.line());
        assertFalse(run.out().contains("Sweep "), "nothing ran");
    }

    @Test
    void runOutInAnUnwritableFolderIsRefusedBeforeDataIsRead() throws IOException {
        Path folder = unwritableFolder();
        Path out = folder.resolve("sparksweep-run-" + ProcessHandle.current().pid());
        CliRun run = sweep("run", shared.resolve("no-data.json").toString(), "--out", out.toString(), "--master", "local[1]");
        assertEquals(2, run.exit(), run.err());
        assertEquals("sweep: --out " + out + ": cannot be created, folder " + folder
                + " is not writable, expected a folder this user can write", run.line());
        assertFalse(Files.exists(out));
    }

    @Test
    void predictOutBelowARegularFileIsRefusedBeforeTheModelIsRead() throws IOException {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        Path out = file.resolve("p.csv");
        CliRun run = sweep("predict", "--model", dir.resolve("no-such-model.h5").toString(), "--data",
                shared.resolve("test.h5").toString(), "--out", out.toString());
        assertEquals(2, run.exit(), run.err());
        assertEquals("sweep: --out " + out + ": folder " + file + " is a file, expected an existing folder", run.line());
    }

    @Test
    void predictOutThatIsAFolderIsRefusedEvenWithForce() throws IOException {
        Path out = dir.resolve("a-folder");
        Files.createDirectories(out.resolve("mine"));
        CliRun run = sweep("predict", "--model", shared.resolve("fits.h5").toString(), "--data",
                shared.resolve("test.h5").toString(), "--out", out.toString(), "--force");
        assertEquals(2, run.exit(), run.err());
        assertEquals("sweep: --out " + out + ": is a folder, expected a file name", run.line());
        assertTrue(Files.isDirectory(out.resolve("mine")));
    }

    @Test
    void predictOutInAnUnwritableFolderIsRefused() throws IOException {
        Path folder = unwritableFolder();
        Path out = folder.resolve("p.csv");
        CliRun run = sweep("predict", "--model", shared.resolve("fits.h5").toString(), "--data",
                shared.resolve("test.h5").toString(), "--out", out.toString());
        assertEquals(2, run.exit(), run.err());
        assertEquals("sweep: --out " + out + ": folder " + folder + " is not writable, expected a folder this user can write",
                run.line());
    }

    private CliRun idx(Path out, String trainImages, String... extra) {
        List<String> args = new ArrayList<>(List.of("data", "idx", "--train-images", trainImages,
                "--train-labels", shared.resolve("train-labels").toString(),
                "--test-images", shared.resolve("test-images").toString(),
                "--test-labels", shared.resolve("test-labels").toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        return sweep(args.toArray(String[]::new));
    }

    @Test
    void dataIdxOfANonIdxFileLeavesNoFolderItCreated() {
        Path out = dir.resolve("new").resolve("deeper");
        CliRun run = idx(out, shared.resolve("not-idx").toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.line().contains("not-idx"), run.err());
        assertFalse(Files.exists(dir.resolve("new")), "the folders it created are gone");
    }

    @Test
    void dataIdxFailureKeepsAFolderThatExistedAndItsFiles() throws IOException {
        Path out = dir.resolve("existing");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliRun run = idx(out, shared.resolve("not-idx").toString());
        assertEquals(2, run.exit(), run.err());
        assertEquals(List.of("", "notes.txt"), tree(out));
    }

    @Test
    void dataIdxOutBelowARegularFileIsRefused() throws IOException {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        Path out = file.resolve("data");
        CliRun run = idx(out, shared.resolve("train-images").toString());
        assertEquals(2, run.exit(), run.err());
        assertEquals("sweep: --out " + out + ": " + file + " is a file, expected a folder there to create " + out + " in",
                run.line());
    }

    @Test
    void dataIdxRefusesAFolderInPlaceOfAnOutputFileEvenWithForce() throws IOException {
        Path out = dir.resolve("d");
        Files.createDirectories(out.resolve("mnist_traindata.hdf5").resolve("mine"));
        CliRun run = idx(out, shared.resolve("train-images").toString(), "--force");
        assertEquals(2, run.exit(), run.err());
        assertEquals("sweep: --out " + out.resolve("mnist_traindata.hdf5") + ": is a folder, expected a file name", run.line());
        assertTrue(Files.isDirectory(out.resolve("mnist_traindata.hdf5").resolve("mine")));
    }

    @Test
    void dataIdxForceReplacesOnlyItsTwoFiles() throws IOException {
        Path out = dir.resolve("d");
        CliRun first = idx(out, shared.resolve("train-images").toString());
        assertEquals(0, first.exit(), first.err());
        Files.writeString(out.resolve("notes.txt"), "mine");
        Files.createDirectories(out.resolve(".git"));
        CliRun again = idx(out, shared.resolve("train-images").toString());
        assertEquals(2, again.exit());
        assertEquals("sweep: --out " + out.resolve("mnist_traindata.hdf5") + ": file exists; pass --force to overwrite it",
                again.line());
        CliRun forced = idx(out, shared.resolve("train-images").toString(), "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertEquals(List.of("", ".git", "mnist_testdata.hdf5", "mnist_traindata.hdf5", "notes.txt"), tree(out));
    }

    @Test
    void dataIdxNameNamesBothFilesAndTheOverwriteCheckUsesThem() throws IOException {
        Path out = dir.resolve("named");
        CliRun first = idx(out, shared.resolve("train-images").toString(), "--name", "fashion");
        assertEquals(0, first.exit(), first.err());
        assertEquals(List.of("", "fashion_testdata.hdf5", "fashion_traindata.hdf5"), tree(out));
        CliRun mnist = idx(out, shared.resolve("train-images").toString());
        assertEquals(0, mnist.exit(), "other names are not in the way: " + mnist.err());
        CliRun again = idx(out, shared.resolve("train-images").toString(), "--name", "fashion");
        assertEquals("sweep: --out " + out.resolve("fashion_traindata.hdf5") + ": file exists; pass --force to overwrite it",
                again.line());
    }
}
