package io.sparksweep.config;

import io.sparksweep.nn.Initializer;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * How a trial's starting weights are made: drawn by an {@link Initializer}, or read from a
 * saved model file (warm start). Exactly one of the two is set.
 *
 * @param initializer the initialiser, or null for a warm start
 * @param sigma       standard deviation of {@link Initializer#NORMAL}; ignored by the others
 * @param modelFile   the model file to start from, or null
 */
public record InitSpec(Initializer initializer, double sigma, String modelFile) implements Serializable {

    /** The same start with the standard deviation {@code sigma} (a trial's {@code initSigma}). */
    public InitSpec withSigma(double sigma) {
        return new InitSpec(initializer, sigma, modelFile);
    }

    /** Whether the weights are read from {@link #modelFile()}. */
    public boolean isWarmStart() {
        return modelFile != null;
    }

    /** {@link #modelFile()} as a path; only for a warm start. */
    public Path modelPath() {
        return Path.of(modelFile);
    }

    /** The id as written in a config: the initialiser id or the model path. */
    public String id() {
        return isWarmStart() ? modelFile : initializer.id();
    }
}
