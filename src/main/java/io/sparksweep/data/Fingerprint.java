package io.sparksweep.data;

import io.sparksweep.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content fingerprints of data files, to verify downloads and to record what a sweep read. */
public final class Fingerprint {
    private Fingerprint() {
    }

    /**
     * The SHA-256 of {@code file}'s bytes as 64 lower-case hex digits, read in a streaming
     * fashion (constant memory).
     *
     * @throws BadInputException naming the file if it is missing or cannot be read
     */
    public static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
