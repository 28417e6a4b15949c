package io.sparksweep.cli;

import io.sparksweep.SafeFiles;
import io.sparksweep.nn.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
            description = "Labels dataset, used when present (default: ${DEFAULT-VALUE}).")
    String labels;

    @Option(names = "--out", paramLabel = "P.csv", description = "CSV of predictions: row, predicted, label, p0..pK-1.")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing --out file.")
    boolean force;

    @Override
    public Integer call() {
        if (out != null) {
            SafeFiles.checkFileWritable("--out", out, force); // before the model and data are read
        }
        Predictor.predict(model, data, features, labels, out, force, System.out);
        return 0;
    }
}
