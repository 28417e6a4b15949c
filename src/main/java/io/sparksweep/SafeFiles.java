package io.sparksweep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How SparkSweep writes and removes files, and checks where it will write.
 *
 * <p>Every file is written under a temporary name in its own folder ({@code .NAME.<16 hex>.tmp}),
 * synced to disk, renamed into place and its folder synced, so a reader never sees half a file,
 * a failure leaves nothing behind, and a file that has appeared survives a crash or power loss
 * (where the platform lets a folder be synced; on Linux and macOS it does). The temporary file
 * is created as any ordinary file is, so the written file gets the permissions the user's umask
 * gives (0644 under umask 022, 0600 under 077); a file that is replaced keeps its permissions.
 */
public final class SafeFiles {
    /** Temporary names: {@code .NAME.<16 hex>.tmp}, or {@code .NAME<digits>.tmp} from earlier versions. */
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+?)(\\.[0-9a-f]{16}|[0-9]+)\\.tmp");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes the content of a file at a given path. */
    @FunctionalInterface
    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    private SafeFiles() {
    }

    /**
     * Runs {@code writer} on a new, empty temporary file next to {@code target}, syncs it, renames
     * it to {@code target} (atomically where the file system allows), replacing an existing file,
     * and syncs the folder.
     *
     * @throws BadInputException if no file can be created in the target's folder (missing or not writable)
     * @throws SweepException    if writing, syncing or renaming fails
     */
    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = createTemporary(target, absolute, dir);
        boolean done = false;
        try {
            writer.write(tmp);
            keepPermissions(absolute, tmp);
            sync(tmp, false);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            sync(dir, true);
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

    /**
     * The name of the file a temporary file of {@link #write} was meant to become, or null when
     * {@code name} is not such a temporary name. Lets a run folder's clean-up recognise what an
     * interrupted write left.
     */
    public static String temporaryTarget(String name) {
        Matcher m = TEMPORARY.matcher(name);
        return m.matches() ? m.group(1) : null;
    }

    /** A new empty file {@code .NAME.<16 random hex>.tmp}, created with the permissions of any new file. */
    private static Path createTemporary(Path target, Path absolute, Path dir) {
        for (int attempt = 0; ; attempt++) {
            byte[] random = new byte[8];
            RANDOM.nextBytes(random);
            Path tmp = dir.resolve("." + absolute.getFileName() + "." + HexFormat.of().formatHex(random) + ".tmp");
            try {
                // No file attributes given: the mode is 0666 less the umask, as for any file a program creates.
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw new SweepException(target + ": cannot find a free temporary name in " + dir, e);
                }
            } catch (IOException e) {
                throw new BadInputException(target + ": cannot create a temporary file in " + dir + ": " + e, e);
            }
        }
    }

    /** A file that is replaced keeps its permissions, as when it is overwritten in place. */
    private static void keepPermissions(Path target, Path tmp) throws IOException {
        PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (old != null && Files.isRegularFile(target)) {
            Files.setPosixFilePermissions(tmp, old.readAttributes().permissions());
        }
    }

    /**
     * Forces {@code path} to the storage device. A folder is synced where the platform lets a
     * folder be opened (POSIX); elsewhere (Windows) that step is skipped.
     */
    private static void sync(Path path, boolean folder) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            if (folder) {
                return; // folders cannot be opened on this platform: renames are as durable as it makes them
            }
            throw e;
        }
        try (channel) {
            channel.force(true);
        }
    }

    /**
     * Forces the entries of {@code folder} (files created, renamed or removed in it) to the
     * storage device, where the platform lets a folder be synced.
     *
     * @throws SweepException if the sync fails
     */
    public static void syncFolder(Path folder) {
        try {
            sync(folder, true);
        } catch (IOException e) {
            throw new SweepException(folder + ": cannot sync (" + e.getMessage() + ")", e);
        }
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

    /**
     * Checks, before any work, that folder {@code dir} (given as {@code option}) exists as a
     * writable folder or can be created: its nearest existing ancestor is a writable folder.
     *
     * @throws BadInputException naming the option, the path and what was expected
     */
    public static void checkFolderCreatable(String option, Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new BadInputException(option + " " + dir + ": no part of the path exists, expected a folder that can be created");
        }
        if (existing.equals(absolute)) {
            if (!Files.isDirectory(existing)) {
                throw new BadInputException(option + " " + dir + ": exists and is not a folder, expected a folder");
            }
            if (!canCreateIn(existing)) {
                throw new BadInputException(option + " " + dir + ": folder is not writable, expected a folder this user can write");
            }
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new BadInputException(option + " " + dir + ": " + existing + " is a file, expected a folder there to create "
                    + dir + " in");
        }
        if (!canCreateIn(existing)) {
            throw new BadInputException(option + " " + dir + ": cannot be created, folder " + existing
                    + " is not writable, expected a folder this user can write");
        }
    }

    /**
     * Checks, before any work, that {@code file} (given as {@code option}) can be written: absent,
     * or a regular file that {@code force} allows to replace, in an existing writable folder.
     *
     * @throws BadInputException naming the option, the path and what was expected
     */
    public static void checkFileWritable(String option, Path file, boolean force) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
            if (Files.isDirectory(file)) {
                throw new BadInputException(option + " " + file + ": is a folder, expected a file name");
            }
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(option + " " + file + ": exists and is not a regular file, expected a file name");
            }
            if (!force) {
                throw new BadInputException(option + " " + file + ": file exists; pass --force to overwrite it");
            }
        }
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            String why = parent != null && Files.exists(parent) ? " is a file" : " does not exist";
            throw new BadInputException(option + " " + file + ": folder " + parent + why + ", expected an existing folder");
        }
        if (!canCreateIn(parent)) {
            throw new BadInputException(option + " " + file + ": folder " + parent
                    + " is not writable, expected a folder this user can write");
        }
    }

    /**
     * Whether a file can be created in {@code folder}: a probe file is created and deleted at
     * once. Permission bits alone do not tell (root ignores them; a read-only mount, an
     * immutable folder or /proc refuse root too).
     */
    private static boolean canCreateIn(Path folder) {
        if (!Files.isWritable(folder)) {
            return false;
        }
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path probe = folder.resolve(".sparksweep-probe." + HexFormat.of().formatHex(random) + ".tmp");
        try {
            Files.createFile(probe);
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The folders that creating {@code dir} would create, deepest first: {@code dir} and its
     * missing ancestors. Pass them to {@link #removeEmptyFolders} when the command fails, so no
     * folder it created is left behind.
     */
    public static List<Path> missingFolders(Path dir) {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
             p = p.getParent()) {
            missing.add(p);
        }
        return missing;
    }

    /**
     * Removes each folder of {@code folders} (deepest first) that exists and is empty; stops at
     * the first that holds something, so nothing but empty folders is ever removed.
     */
    public static void removeEmptyFolders(List<Path> folders) {
        for (Path p : folders) {
            try {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> s = Files.list(p)) {
                        if (s.findAny().isPresent()) {
                            return;
                        }
                    }
                    Files.delete(p);
                }
            } catch (IOException e) {
                return; // left in place: never remove what cannot be checked
            }
        }
    }
}
