package io.sparksweep;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * How SparkSweep writes and removes files: every file is written under a temporary name in its
 * own folder and renamed into place, so a reader never sees half a file and a failure leaves
 * nothing behind.
 */
public final class SafeFiles {

    /** Writes the content of a file at a given path. */
    @FunctionalInterface
    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    private SafeFiles() {
    }

    /**
     * Runs {@code writer} on a new temporary file next to {@code target}, then renames it to
     * {@code target} (atomically where the file system allows), replacing an existing file.
     *
     * @throws BadInputException if no file can be created in the target's folder (missing or not writable)
     * @throws SweepException    if writing or renaming fails
     */
    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        } catch (IOException e) {
            throw new BadInputException(target + ": cannot create a temporary file in " + dir + ": " + e, e);
        }
        boolean done = false;
        try {
            writer.write(tmp);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            throw new SweepException(target + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is what the user needs to see
                }
            }
        }
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) {
        write(target, tmp -> Files.writeString(tmp, text));
    }

    /** Deletes {@code dir} and everything below it; nothing happens when it does not exist. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new SweepException(dir + ": cannot delete (" + e.getMessage() + ")", e);
        }
    }
}
