package io.sparksweep.sweep;

import io.sparksweep.SafeFiles;
import io.sparksweep.SweepException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints of a run folder: {@code checkpoints/<trial id>-<epochs done>.ckpt}, each the
 * bytes of {@link io.sparksweep.nn.TrainingState#toBytes()}, written durably with
 * {@link SafeFiles} (temporary file, sync, rename), so a file that exists is complete. A trial's
 * checkpoint of a rung is written before its record, and the one of the rung before is deleted
 * after it, so the checkpoint a record points at survives a crash between the two.
 */
public final class CheckpointFiles {
    /** The folder in a run folder. */
    public static final String DIR = "checkpoints";
    /** A checkpoint file name. */
    public static final Pattern NAME = Pattern.compile("[0-9a-f]{16}-[0-9]{1,9}\\.ckpt");

    private final Path dir;

    /** The checkpoints of run folder {@code runDir}. */
    public CheckpointFiles(Path runDir) {
        this.dir = runDir.resolve(DIR);
    }

    /** The file of {@code trialId}'s checkpoint after {@code epoch} epochs. */
    public Path file(String trialId, int epoch) {
        return dir.resolve(trialId + "-" + epoch + ".ckpt");
    }

    /** Whether that checkpoint exists. */
    public boolean exists(String trialId, int epoch) {
        return Files.isRegularFile(file(trialId, epoch));
    }

    /** Its bytes, or null when it does not exist. */
    public byte[] read(String trialId, int epoch) {
        Path f = file(trialId, epoch);
        try {
            return Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new SweepException(f + ": cannot read checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /** Writes it durably, replacing an earlier file of the same name. */
    public void write(String trialId, int epoch, byte[] bytes) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SweepException(dir + ": cannot create (" + e.getMessage() + ")", e);
        }
        SafeFiles.write(file(trialId, epoch), tmp -> Files.write(tmp, bytes));
    }

    /** Deletes every checkpoint of {@code trialId} except the one after {@code keepEpoch} epochs (-1: all). */
    public void deleteExcept(String trialId, int keepEpoch) {
        String keep = trialId + "-" + keepEpoch + ".ckpt";
        for (Path f : list()) {
            String name = f.getFileName().toString();
            if (name.startsWith(trialId + "-") && !name.equals(keep)) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new SweepException(f + ": cannot delete checkpoint (" + e.getMessage() + ")", e);
                }
            }
        }
    }

    /** Removes the folder when no checkpoint is left in it. */
    public void removeIfEmpty() {
        if (Files.isDirectory(dir) && list().isEmpty()) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            } catch (IOException e) {
                throw new SweepException(dir + ": cannot remove (" + e.getMessage() + ")", e);
            }
        }
    }

    /** The checkpoint files now in the folder. */
    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new SweepException(dir + ": cannot list checkpoints (" + e.getMessage() + ")", e);
        }
    }
}
