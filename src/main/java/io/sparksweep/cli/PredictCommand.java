package io.sparksweep.cli;

import io.sparksweep.BadInputException;
import io.sparksweep.SafeFiles;
import io.sparksweep.nn.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sweep predict}: applies a saved model to an HDF5 file. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Apply a saved model (e.g. a run's best-model.h5) to an HDF5 file.",
                "Prints accuracy when the file has labels; with --out, writes the predicted class and the",
                "class probabilities of every row."})
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "M.h5", required = true, description = "Model file.")
    Path model;

    @Option(names = "--data", paramLabel = "F.h5", required = true, description = "HDF5 file with the features.")
    Path data;

    @Option(names = "--features", paramLabel = "NAME", defaultValue = "xdata",
            description = "Features dataset (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--labels", paramLabel = "NAME", defaultValue = "ydata",
            description = "Labels dataset; the default ${DEFAULT-VALUE} is used when present, a name given must exist.")
    String labels;

    @Option(names = "--out", paramLabel = "P.csv", description = "CSV of predictions: row, predicted, label, p0..pK-1.")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing --out file.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null) {
            refuseInput("--data", data);
            refuseInput("--model", model);
            SafeFiles.checkFileWritable("--out", out, force); // before the model and data are read
        }
        // Named by the user, a missing labels dataset is a mistake; the default name is used only when present.
        boolean labelsNamed = spec.commandLine().getParseResult().hasMatchedOption("--labels");
        Predictor.predict(model, data, features, labels, labelsNamed, out, force, System.out);
        return 0;
    }

    /** --out must not be a file this command reads: --force replaces outputs, never inputs. */
    private void refuseInput(String option, Path input) {
        if (sameFile(out, input)) {
            throw new BadInputException("--out " + out + ": is the " + option + " file " + input
                    + ", expected another file for the predictions (--force never replaces an input)");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
