package io.sparksweep.sweep;

import io.sparksweep.BadInputException;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.config.Trial;
import io.sparksweep.config.TrialConfig;
import io.sparksweep.data.Dataset;
import io.sparksweep.data.SweepData;
import io.sparksweep.nn.Architecture;
import io.sparksweep.nn.ModelFile;
import io.sparksweep.nn.Network;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every trial reads: the sweep's training and validation rows, and the warm-start models
 * named by the config. The Spark layer broadcasts one instance per sweep.
 *
 * <p>The rows ({@link SweepData}) live in {@code data} and the models ({@link Network}) in
 * {@code nn}, which reads {@code data}; this record joins them here, in the package that runs a
 * sweep, so that {@code data} needs neither {@code nn} nor {@code config}.
 *
 * @param data       rows that train and validate
 * @param warmStarts model files by the path written in the config
 */
public record TrialInputs(SweepData data, Map<String, Network> warmStarts) implements Serializable {

    /**
     * Checks that every trial of {@code config} fits {@code data} (batch size, network size) and
     * loads the warm-start models it names, checking that each fits its trials.
     *
     * @throws BadInputException naming the config, the trial and the bad value, or the model file
     */
    public static TrialInputs of(SweepConfig config, SweepData data) {
        checkTrialsFit(config, data.train());
        return new TrialInputs(data, loadWarmStarts(config, data.train()));
    }

    /** The rows that train ({@code data().train()}). */
    public Dataset train() {
        return data.train();
    }

    /** The rows evaluated after every epoch ({@code data().validation()}). */
    public Dataset validation() {
        return data.validation();
    }

    /** Bytes of the nonzeros each JVM builds for sparse products ({@code data.sparse}), not broadcast; 0 without. */
    public long sparseRowsBytes() {
        return data.sparseRowsBytes();
    }

    /** Bytes of the feature and label arrays and warm-start parameters, as broadcast. */
    public long sizeInBytes() {
        long models = warmStarts.values().stream().mapToLong(n -> 4L * n.architecture().parameterCount()).sum();
        return data.sizeInBytes() + models;
    }

    private static Map<String, Network> loadWarmStarts(SweepConfig config, Dataset train) {
        Map<String, Network> models = new LinkedHashMap<>();
        for (Trial t : config.trials()) {
            TrialConfig c = t.config();
            if (!c.init().isWarmStart() || models.containsKey(c.init().modelFile())) {
                continue;
            }
            Network n = ModelFile.read(c.init().modelPath());
            int[] sizes = n.architecture().layerSizes();
            int[] wanted = new int[c.hidden().length + 2];
            wanted[0] = train.features();
            System.arraycopy(c.hidden(), 0, wanted, 1, c.hidden().length);
            wanted[wanted.length - 1] = train.classes();
            if (!Arrays.equals(sizes, wanted)) {
                throw new BadInputException(c.init().modelFile() + ": model has layer sizes " + Arrays.toString(sizes)
                        + ", expected " + Arrays.toString(wanted) + " (data inputs, config hidden " + Arrays.toString(c.hidden())
                        + ", data classes) for trial " + t.id() + " of " + config.source());
            }
            if (!Arrays.equals(n.architecture().activations(), c.activation())) {
                throw new BadInputException(c.init().modelFile() + ": model activations "
                        + Arrays.toString(n.architecture().activations()) + " differ from the config's "
                        + Arrays.toString(c.activation()) + " for trial " + t.id() + " of " + config.source());
            }
            models.put(c.init().modelFile(), n);
        }
        return models;
    }

    /**
     * Every trial's batch must fit the training rows, and its network (data width, hidden layers,
     * data classes) must fit one parameter array.
     */
    private static void checkTrialsFit(SweepConfig config, Dataset train) {
        for (Trial t : config.trials()) {
            if (t.config().batchSize() > train.rows()) {
                throw new BadInputException(config.source() + ": batchSize = " + t.config().batchSize()
                        + " (trial " + t.id() + " " + t.varied() + "), expected at most the " + train.rows()
                        + " training rows");
            }
            try {
                new Architecture(train.features(), t.config().hidden(), t.config().activation(), train.classes());
            } catch (IllegalArgumentException e) {
                throw new BadInputException(config.source() + ": hidden = " + Arrays.toString(t.config().hidden())
                        + " (trial " + t.id() + " " + t.varied() + ") with " + train.features() + " inputs and "
                        + train.classes() + " classes, expected a network whose parameters fit one float array: "
                        + e.getMessage(), e);
            }
        }
    }
}
