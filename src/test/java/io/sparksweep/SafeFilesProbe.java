package io.sparksweep;

import io.sparksweep.data.Hdf5DatasetWriter;
import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Architecture;
import io.sparksweep.nn.Initializer;
import io.sparksweep.nn.Network;
import io.sparksweep.nn.ModelFile;
import io.sparksweep.sweep.Fixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Run in a child JVM by {@link SafeFilesTest} under a chosen umask: writes a text file, a model
 * file and a data file the way SparkSweep does, and an ordinary file for reference, and prints
 * {@code name rwx-string} for each.
 */
public final class SafeFilesProbe {
    private SafeFilesProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.writeString(dir.resolve("ordinary.txt"), "plain write\n");
        SafeFiles.writeString(dir.resolve("results.json"), "{}\n");
        ModelFile.write(dir.resolve("best-model.h5"), Network.initialise(
                new Architecture(8, new int[]{6}, new Activation[]{Activation.RELU}, 3), Initializer.HE, 1, 1), "t");
        Hdf5DatasetWriter.write(dir.resolve("train.h5"), Fixtures.blobs(30, 1), "xdata", "ydata");
        for (String name : new String[]{"ordinary.txt", "results.json", "best-model.h5", "train.h5"}) {
            System.out.println(name + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))));
        }
    }
}
