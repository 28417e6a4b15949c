package io.sparksweep.sweep;

import io.sparksweep.config.ConfigLoader;
import io.sparksweep.config.SweepConfig;
import io.sparksweep.data.Dataset;
import io.sparksweep.data.Hdf5DatasetWriter;

import io.sparksweep.results.SweepResults;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;

/** Small synthetic data and configs shared by the sweep, Spark and CLI tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * {@code rows} points of 3 classes in 8 dimensions: class c is centred on +1 in dimensions
     * 2c and 2c+1, with noise, stored as bytes (values in [0, 1]).
     */
    public static Dataset blobs(int rows, long seed) {
        Random random = new Random(seed);
        int f = 8;
        byte[] pixels = new byte[rows * f];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            int c = r % 3;
            labels[r] = c;
            for (int j = 0; j < f; j++) {
                double centre = (j / 2 == c) ? 0.75 : 0.25;
                double v = Math.min(1, Math.max(0, centre + 0.15 * random.nextGaussian()));
                pixels[r * f + j] = (byte) Math.round(v * 255);
            }
        }
        return Dataset.ofBytes(rows, f, 3, pixels, labels);
    }

    /** Writes train (600 rows) and test (150 rows) blob files into {@code dir}. */
    public static void writeBlobFiles(Path dir) {
        Hdf5DatasetWriter.write(dir.resolve("train.h5"), blobs(600, 1), "xdata", "ydata");
        Hdf5DatasetWriter.write(dir.resolve("test.h5"), blobs(150, 2), "xdata", "ydata");
    }

    /** A 4-trial sweep over the blob files in {@code dir}: activation x learning rate. */
    public static String blobConfigJson(Path dir, String extraTraining) {
        return "{\"name\": \"blobs\", \"seed\": 5,"
                + " \"data\": {\"train\": \"" + dir.resolve("train.h5") + "\", \"test\": \"" + dir.resolve("test.h5") + "\"},"
                + " \"training\": {\"hidden\": [6], \"epochs\": 4, \"batchSize\": 20, \"reduction\": \"mean\","
                + " \"schedule\": {\"type\": \"constant\"}, \"init\": \"he\", \"shuffle\": true" + extraTraining + "},"
                + " \"grid\": {\"activation\": [\"relu\", \"tanh\"], \"learningRate\": [0.05, 0.5]}}";
    }

    /**
     * A 12-trial sweep over the blob files in {@code dir}: activation x learning rate, 9 shuffled
     * epochs with a step schedule, and the given {@code "stopping"} section (none when empty).
     */
    public static SweepConfig stoppingConfig(Path dir, String name, String stopping) {
        return ConfigLoader.parse(dir.resolve(name + ".json"), stoppingConfigJson(dir, name, stopping));
    }

    /** The text of {@link #stoppingConfig}. */
    public static String stoppingConfigJson(Path dir, String name, String stopping) {
        return "{\"name\": \"" + name + "\", \"seed\": 5,"
                + " \"data\": {\"train\": \"" + dir.resolve("train.h5") + "\", \"test\": \"" + dir.resolve("test.h5") + "\"},"
                + " \"training\": {\"hidden\": [6], \"epochs\": 9, \"batchSize\": 20, \"reduction\": \"mean\","
                + " \"schedule\": {\"type\": \"step\", \"factor\": 0.5, \"every\": 2}, \"init\": \"he\", \"shuffle\": true},"
                + " \"grid\": {\"activation\": [\"relu\", \"tanh\", \"sigmoid\"], \"learningRate\": [0.003, 0.03, 0.3, 1.0]}"
                + (stopping.isEmpty() ? "" : ", \"stopping\": " + stopping) + "}";
    }

    /** The Hyperband section of the early-stopping tests: minEpochs 1, eta 3. */
    /** Prepares {@code config} to write {@code outDir} and runs it on {@code backend}. */
    public static SweepResults run(SweepConfig config, TrialBackend backend, Path outDir, boolean force, PrintStream out) {
        return SweepJob.prepare(config, SweepJob.Options.to(outDir, force), out).run(backend, out);
    }

    public static final String HYPERBAND = "{\"type\": \"hyperband\", \"minEpochs\": 1, \"eta\": 3}";

    public static SweepConfig blobConfig(Path dir) {
        return ConfigLoader.parse(dir.resolve("blobs.json"), blobConfigJson(dir, ""));
    }
}
