package io.sparksweep.data;

import io.sparksweep.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FingerprintTest {
    @Test
    void sha256OfKnownTextMatchesPublishedValue(@TempDir Path dir) throws IOException {
        // FIPS 180-2 example "abc".
        Path file = Files.writeString(dir.resolve("abc.txt"), "abc");

        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Fingerprint.sha256(file));
    }

    @Test
    void sha256OfEmptyFile(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("empty"), new byte[0]);

        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Fingerprint.sha256(file));
    }

    @Test
    void sha256OfFileLargerThanTheBufferStreams(@TempDir Path dir) throws IOException {
        // 200,000 bytes of 'a', spanning several 64 KiB reads; value from Python's hashlib.
        Path file = Files.writeString(dir.resolve("a"), "a".repeat(200_000));

        assertEquals("2287d207f24a941ff3b56c04c8a25ad56b63e3023207b3bb5b4ac0c9869d74be", Fingerprint.sha256(file));
    }

    @Test
    void missingFileNamesThePath(@TempDir Path dir) {
        Path file = dir.resolve("missing.bin");

        BadInputException e = assertThrows(BadInputException.class, () -> Fingerprint.sha256(file));

        assertEquals(file + ": no such file", e.getMessage());
    }
}
