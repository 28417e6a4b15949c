package io.sparksweep.sweep;

import io.sparksweep.BadInputException;
import io.sparksweep.SafeFiles;
import io.sparksweep.SweepException;
import io.sparksweep.results.ResultsIO;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The output folder of one run: {@code runs/<sweep>-<UTC timestamp>/} unless given. */
public final class RunFolder {
    /** Names a run folder may hold; {@code --force} clears only a folder made of these. */
    private static final Set<String> OWN_FILES = Set.of("results.json", "results.csv", "best-model.h5",
            "report.html", "charts", "inputs.json", ResultsIO.TRIALS_DIR);

    private RunFolder() {
    }

    /** The default folder for a sweep started at {@code start}. */
    public static Path defaultFor(String sweepName, ZonedDateTime start) {
        String stamp = start.withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", sweepName + "-" + stamp);
    }

    /**
     * Checks that {@code dir} may be used, before anything is computed: it must not exist, or
     * {@code force} must be given and the folder must hold only files a run writes.
     */
    public static void checkUsable(Path dir, boolean force) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--out " + dir + ": exists and is not a folder");
        }
        if (!force) {
            throw new BadInputException("--out " + dir + ": folder exists; pass --force to overwrite it or choose another folder");
        }
        List<String> foreign = children(dir).stream().filter(n -> !OWN_FILES.contains(n) && !n.startsWith(".")).toList();
        if (!foreign.isEmpty()) {
            throw new BadInputException("--out " + dir + ": holds files a run did not write " + foreign
                    + "; --force only replaces earlier run folders");
        }
    }

    /** Creates {@code dir} (clearing an earlier run's files when it exists) and its trials folder. */
    public static void create(Path dir) {
        try {
            if (Files.exists(dir)) {
                for (String name : children(dir)) {
                    SafeFiles.deleteTree(dir.resolve(name));
                }
            }
            Files.createDirectories(dir.resolve(ResultsIO.TRIALS_DIR));
        } catch (IOException e) {
            throw new SweepException(dir + ": cannot create run folder (" + e.getMessage() + ")", e);
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
