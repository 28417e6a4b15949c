package io.sparksweep.nn;

import io.sparksweep.BadInputException;
import io.sparksweep.SafeFiles;
import io.sparksweep.data.Dataset;
import io.sparksweep.data.Hdf5DatasetReader;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Applies a saved model to an HDF5 file: prints accuracy and loss when the file has labels,
 * and writes each row's predicted class and class probabilities as CSV.
 */
public final class Predictor {
    private Predictor() {
    }

    /** As {@link #predict(Path, Path, String, String, boolean, Path, boolean, PrintStream)}, labels used when present. */
    public static Evaluation predict(Path model, Path data, String features, String labels, Path out, boolean force,
                                     PrintStream console) {
        return predict(model, data, features, labels, false, out, force, console);
    }

    /**
     * @param labelsRequired the user named {@code labels} ({@code --labels}): a file without that dataset is
     *                       bad input, not a file without labels
     * @param out            CSV of predictions, or null to only print the summary
     * @return the evaluation when labels were present, else null
     */
    public static Evaluation predict(Path model, Path data, String features, String labels, boolean labelsRequired,
                                     Path out, boolean force, PrintStream console) {
        if (out != null && Files.exists(out) && !force) {
            throw new BadInputException("--out " + out + ": file exists; pass --force to overwrite it");
        }
        Network network = ModelFile.read(model);
        int inputs = network.architecture().inputs();
        int outputs = network.architecture().outputs();
        boolean labelled = Hdf5DatasetReader.hasDataset(data, labels);
        if (!labelled && labelsRequired) {
            Hdf5DatasetReader.checkHasDataset(data, labels, "--labels");
        }
        // The file must have the model's width, and labels of the model's classes.
        Hdf5DatasetReader.Expected expected = new Hdf5DatasetReader.Expected(inputs, outputs,
                "the inputs of model " + model, "the " + outputs + " classes model " + model + " predicts");
        Dataset d = labelled
                ? Hdf5DatasetReader.read(data, features, labels, expected)
                : Hdf5DatasetReader.readFeatures(data, features, expected, outputs);
        Evaluator.Predictions p = Evaluator.predict(network, d);
        if (out != null) {
            SafeFiles.writeString(out, csv(d, p, outputs, labelled));
        }
        Evaluation e = null;
        if (labelled) {
            e = p.evaluation();
            console.printf(Locale.ROOT, "%s on %s: accuracy %.2f%% on %d rows (loss %.4f)%n", model, data,
                    100 * e.accuracy(), d.rows(), e.loss());
        } else {
            console.printf(Locale.ROOT, "%s on %s: %d rows predicted (no '%s' dataset, so no accuracy)%n",
                    model, data, d.rows(), labels);
        }
        if (out != null) {
            console.println("Wrote " + out);
        }
        return e;
    }

    private static String csv(Dataset d, Evaluator.Predictions predictions, int k, boolean labelled) {
        float[] p = predictions.probabilities();
        StringBuilder sb = new StringBuilder("row,predicted");
        if (labelled) {
            sb.append(",label");
        }
        for (int c = 0; c < k; c++) {
            sb.append(",p").append(c);
        }
        sb.append('\n');
        for (int r = 0; r < d.rows(); r++) {
            sb.append(r).append(',').append(predictions.classes()[r]);
            if (labelled) {
                sb.append(',').append(d.label(r));
            }
            for (int c = 0; c < k; c++) {
                sb.append(',').append(p[r * k + c]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
