package io.sparksweep.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparksweep.BadInputException;
import io.sparksweep.SafeFiles;
import io.sparksweep.SweepException;
import io.sparksweep.results.ResultsIO;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The output folder of one run: {@code runs/<sweep>-<UTC timestamp>/} unless given.
 *
 * <p>{@code --force} replaces only what a run writes. A folder may be replaced when it is empty,
 * or when it is recognisably a SparkSweep run folder (its {@code inputs.json} or
 * {@code results.json} reads as ours) and holds nothing but a run's files, at every level: the
 * files of the run, {@code charts/} with PNG files only, {@code trials/} with {@code <id>.json}
 * records only, {@code checkpoints/} with {@code <id>-<epoch>.ckpt} files only (early stopping),
 * and the temporary files {@link SafeFiles} leaves when a write is interrupted.
 * Anything else (a {@code .git/}, an {@code .env}, a file inside {@code trials/}) stops the run
 * before any work, naming the first file that would have been lost.
 */
public final class RunFolder {
    /** Regular files a run writes at the top of its folder. */
    private static final Set<String> OWN_FILES = Set.of("results.json", "results.csv", SweepJob.BEST_MODEL,
            "report.html", Resume.INPUTS_FILE);
    /** The folder of chart images the report writes. */
    private static final String CHARTS_DIR = "charts";
    /** A chart file name, as the report writes it. */
    private static final Pattern CHART = Pattern.compile("[A-Za-z0-9_.-]+\\.png");
    /** A trial record name: {@code <id>.json}, ids of 8 (earlier versions) or 16 hex digits. */
    private static final Pattern TRIAL_RECORD = Pattern.compile("[0-9a-f]{8}([0-9a-f]{8})?\\.json");

    private RunFolder() {
    }

    /** The default folder for a sweep started at {@code start}. */
    public static Path defaultFor(String sweepName, ZonedDateTime start) {
        String stamp = start.withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", sweepName + "-" + stamp);
    }

    /**
     * Checks that {@code dir} may be used, before anything is computed: it must not exist and be
     * creatable (its nearest existing parent a writable folder), or {@code force} must be given and
     * the folder must be empty or an earlier run's folder holding only a run's files.
     *
     * @throws BadInputException naming the folder, or the first file that would be lost
     */
    public static void checkUsable(Path dir, boolean force) {
        SafeFiles.checkFolderCreatable("--out", dir);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!force) {
            throw new BadInputException("--out " + dir + ": folder exists; pass --force to overwrite it or choose another folder");
        }
        replaceable(dir);
    }

    /**
     * Creates {@code dir} and its trials folder. When it exists (checked by {@link #checkUsable}
     * with force), the files an earlier run wrote are deleted first, one by one; the check runs
     * again here, so a file that appeared since is not lost either.
     */
    public static void create(Path dir) {
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                for (Path p : replaceable(dir)) {
                    Files.delete(p); // a folder is listed after its files; a non-empty one fails, never deletes more
                }
            }
            Files.createDirectories(dir.resolve(ResultsIO.TRIALS_DIR));
            SafeFiles.syncFolder(dir.toAbsolutePath().getParent()); // the run folder's own entry survives a crash
        } catch (IOException e) {
            throw new SweepException(dir + ": cannot create run folder (" + e.getMessage() + ")", e);
        }
    }

    /**
     * What {@code --force} would delete in the existing folder {@code dir}, files before their
     * folders; throws when anything else is there or the folder is not a run's.
     */
    static List<Path> replaceable(Path dir) {
        if (!Files.isDirectory(dir)) { // the folder given may be a link to one; what is inside may not
            throw new BadInputException("--out " + dir + ": exists and is not a folder");
        }
        List<String> names = children(dir);
        if (names.isEmpty()) {
            return List.of();
        }
        if (!isRunFolder(dir)) {
            throw new BadInputException("--out " + dir + ": is not a SparkSweep run folder (no " + Resume.INPUTS_FILE
                    + " or results.json of a run), so --force would lose " + dir.resolve(names.get(0))
                    + "; --force only replaces an empty folder or an earlier run's folder");
        }
        List<Path> own = new ArrayList<>();
        for (String name : names) {
            Path p = dir.resolve(name);
            String target = SafeFiles.temporaryTarget(name);
            if (OWN_FILES.contains(name) || (target != null && OWN_FILES.contains(target))) {
                requireRegularFile(dir, p);
            } else if (name.equals(CHARTS_DIR)) {
                ownFolder(dir, p, CHART, own);
            } else if (name.equals(ResultsIO.TRIALS_DIR)) {
                ownFolder(dir, p, TRIAL_RECORD, own);
            } else if (name.equals(CheckpointFiles.DIR)) {
                ownFolder(dir, p, CheckpointFiles.NAME, own);
            } else {
                throw lost(dir, p);
            }
            own.add(p);
        }
        return own;
    }

    /** Adds the files of a run's sub-folder to {@code own}; throws at the first file of another name. */
    private static void ownFolder(Path dir, Path folder, Pattern names, List<Path> own) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw lost(dir, folder);
        }
        for (String name : children(folder)) {
            Path p = folder.resolve(name);
            String target = SafeFiles.temporaryTarget(name);
            if (!names.matcher(name).matches() && (target == null || !names.matcher(target).matches())) {
                throw lost(dir, p);
            }
            requireRegularFile(dir, p);
            own.add(p);
        }
    }

    private static void requireRegularFile(Path dir, Path p) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw lost(dir, p);
        }
    }

    private static BadInputException lost(Path dir, Path p) {
        return new BadInputException("--out " + dir + ": holds " + p + ", which a run did not write; --force only"
                + " replaces an earlier run's folder holding nothing else (move that file, or choose another folder)");
    }

    /** Whether {@code dir} holds an {@code inputs.json} or {@code results.json} that reads as a run's. */
    private static boolean isRunFolder(Path dir) {
        JsonNode inputs = readJson(dir.resolve(Resume.INPUTS_FILE));
        if (inputs != null && inputs.path("config").isObject() && inputs.path("data").isObject()) {
            return true;
        }
        JsonNode results = readJson(dir.resolve("results.json"));
        return results != null && results.path("schemaVersion").isInt() && results.path("trials").isArray()
                && results.path("config").isObject();
    }

    /** The JSON document in {@code file}, or null when it is missing, not a regular file or not JSON. */
    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return ResultsIO.json().readTree(file.toFile());
        } catch (IOException e) {
            return null; // not ours: the caller refuses the folder and names what would be lost
        }
    }

    private static List<String> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new SweepException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }
}
