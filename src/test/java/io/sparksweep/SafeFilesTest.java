package io.sparksweep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Written files: complete or absent, no temporary file left, and the permissions an ordinary write gets. */
class SafeFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "umask {0}")
    @CsvSource({"022, rw-r--r--", "077, rw-------", "002, rw-rw-r--"})
    void writtenFilesGetThePermissionsOfTheUmask(String umask, String expected) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("sh", "-c", "umask " + umask + " && exec \"$0\" -cp \"$1\" io.sparksweep.SafeFilesProbe \"$2\"",
                java, System.getProperty("java.class.path"), dir.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        Map<String, String> modes = output.lines().filter(l -> l.matches("\\S+ [rwx-]{9}"))
                .collect(Collectors.toMap(l -> l.split(" ")[0], l -> l.split(" ")[1]));
        assertEquals(Map.of("ordinary.txt", expected, "results.json", expected, "best-model.h5", expected,
                "train.h5", expected), modes, output);
    }

    @Test
    void writtenFileHasTheModeOfAnOrdinaryFileOfThisProcess() throws IOException {
        Path probe = dir.resolve("probe");
        Files.newOutputStream(probe).close(); // its mode is 0666 less this process's umask
        SafeFiles.writeString(dir.resolve("out.txt"), "hello\n");
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(dir.resolve("out.txt")));
    }

    @Test
    void replacedFileKeepsItsPermissions() throws IOException {
        Path f = dir.resolve("report.html");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        SafeFiles.writeString(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("results.json");
        Files.writeString(f, "complete old content");
        SweepException e = assertThrows(SweepException.class, () -> SafeFiles.write(f, tmp -> {
            Files.writeString(tmp, "half of the new");
            throw new IOException("disk full");
        }));
        assertEquals(f + ": cannot write (disk full)", e.getMessage());
        assertEquals("complete old content", Files.readString(f));
        assertEquals(List.of("results.json"), names());
    }

    @Test
    void writeReplacesWithTheCompleteContentAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("trial.json");
        String big = "x".repeat(3_000_000);
        SafeFiles.writeString(f, "small");
        SafeFiles.writeString(f, big);
        assertEquals(big, Files.readString(f));
        assertEquals(List.of("trial.json"), names());
    }

    @Test
    void temporaryNamesAreRecognisedWithTheFileTheyWereFor() {
        assertEquals("results.json", SafeFiles.temporaryTarget(".results.json.0123456789abcdef.tmp"));
        assertEquals("0123abcd.json", SafeFiles.temporaryTarget(".0123abcd.json8812345678901234.tmp"));
        assertEquals(null, SafeFiles.temporaryTarget(".env"));
        assertEquals(null, SafeFiles.temporaryTarget("notes.tmp"));
    }

    @Test
    void missingFoldersAreRemovedOnlyWhileEmpty() throws IOException {
        Path deep = dir.resolve("a").resolve("b").resolve("c");
        List<Path> missing = SafeFiles.missingFolders(deep);
        assertEquals(3, missing.size());
        Files.createDirectories(deep);
        Files.writeString(dir.resolve("a").resolve("keep.txt"), "mine");
        SafeFiles.removeEmptyFolders(missing);
        assertTrue(Files.exists(dir.resolve("a").resolve("keep.txt")));
        assertTrue(!Files.exists(dir.resolve("a").resolve("b")));
    }
}
