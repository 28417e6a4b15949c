package io.sparksweep.nn;

import io.sparksweep.BadInputException;
import io.sparksweep.data.Hdf5Root;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trained network as an HDF5 file that h5py reads: datasets {@code W1, b1, W2, b2, ...}
 * (layer 1 is the first hidden layer; {@code Wk} has shape (out, in) so that
 * {@code s = Wk a + bk}), and root attributes {@code layer_sizes} (int32, inputs first),
 * {@code activations} (one per hidden layer), {@code output} ("softmax") and {@code format}.
 * The model's reader and writer beside the model (as Spark MLlib's {@code MLWriter}); the HDF5
 * storage itself is {@link Hdf5Root}'s.
 */
public final class ModelFile {
    /** Value of the {@code format} attribute. */
    public static final String FORMAT = "sparksweep-mlp/1";

    private ModelFile() {
    }

    /** Writes {@code network} to {@code file} atomically. */
    public static void write(Path file, Network network) {
        write(file, network, null);
    }

    /** Writes {@code network} atomically, recording the trial it came from (attribute {@code trial_id}) when given. */
    public static void write(Path file, Network network, String trialId) {
        Hdf5Root.write(file, h5 -> {
            Architecture a = network.architecture();
            h5.attribute("format", FORMAT);
            if (trialId != null) {
                h5.attribute("trial_id", trialId);
            }
            h5.attribute("layer_sizes", a.layerSizes());
            h5.attribute("activations", Arrays.stream(a.activations()).map(Activation::id).toArray(String[]::new));
            h5.attribute("output", "softmax");
            int[] sizes = a.layerSizes();
            for (int l = 0; l < network.layerCount(); l++) {
                int out = sizes[l + 1];
                int in = sizes[l];
                float[] w = network.weights(l);
                float[][] w2 = new float[out][in];
                for (int r = 0; r < out; r++) {
                    System.arraycopy(w, r * in, w2[r], 0, in);
                }
                h5.dataset("W" + (l + 1), w2);
                h5.dataset("b" + (l + 1), network.biases(l));
            }
        });
    }

    /**
     * Reads a model file; every problem (not HDF5, truncated, an attribute or dataset missing or
     * of the wrong type or shape, non-finite weights) is a {@link BadInputException} naming the
     * file, the attribute or dataset, and what was expected.
     */
    public static Network read(Path file) {
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": model file not found");
        }
        try (Hdf5Root h5 = Hdf5Root.open(file)) {
            checkText(file, h5, "format", FORMAT);
            checkText(file, h5, "output", "softmax");
            int[] sizes = intArray(file, h5, "layer_sizes");
            if (sizes.length < 2) {
                throw new BadInputException(file + ": attribute 'layer_sizes' = " + Arrays.toString(sizes)
                        + ", expected at least two sizes [inputs, hidden..., classes]");
            }
            for (int i = 0; i < sizes.length; i++) {
                if (sizes[i] < (i == sizes.length - 1 ? 2 : 1)) {
                    throw new BadInputException(file + ": attribute 'layer_sizes' = " + Arrays.toString(sizes)
                            + ", expected [inputs, hidden..., classes] with every size >= 1 and classes >= 2");
                }
            }
            String[] activationIds = stringArray(file, h5, "activations");
            if (activationIds.length != sizes.length - 2) {
                throw new BadInputException(file + ": attribute 'activations' has " + activationIds.length
                        + " entries, expected " + (sizes.length - 2) + " (one per hidden layer of " + Arrays.toString(sizes) + ")");
            }
            Activation[] activations = new Activation[activationIds.length];
            for (int i = 0; i < activationIds.length; i++) {
                try {
                    activations[i] = Activation.fromId(activationIds[i]);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(file + ": activations[" + i + "] = \"" + activationIds[i]
                            + "\", expected one of " + Arrays.stream(Activation.values()).map(Activation::id).toList());
                }
            }
            int[] hidden = Arrays.copyOfRange(sizes, 1, sizes.length - 1);
            Architecture arch;
            try {
                arch = new Architecture(sizes[0], hidden, activations, sizes[sizes.length - 1]);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(file + ": attribute 'layer_sizes' = " + Arrays.toString(sizes)
                        + ", expected a network that fits one float array (" + e.getMessage() + ")", e);
            }
            List<float[]> weights = new ArrayList<>();
            List<float[]> biases = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int l = 1; l < sizes.length; l++) {
                weights.add(floats(file, h5, "W" + l, sizes[l], sizes[l - 1]));
                biases.add(floats(file, h5, "b" + l, sizes[l], -1));
                expected.add("W" + l);
                expected.add("b" + l);
            }
            for (String name : h5.names()) {
                if (!expected.contains(name)) {
                    throw new BadInputException(file + ": has " + (name.endsWith("/") ? "group '" + name.substring(0, name.length() - 1)
                            : "dataset '" + name) + "', expected only " + String.join(", ", expected)
                            + " (the layers of layer_sizes " + Arrays.toString(sizes) + ")");
                }
            }
            return Network.of(arch, weights, biases);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    /** What jhdf threw on a truncated or corrupt file, as one line naming the file. */
    private static BadInputException unreadable(Path file, RuntimeException e) {
        return new BadInputException(file + ": not a readable SparkSweep model file (truncated or corrupt?): "
                + firstLine(e.getMessage()), e);
    }

    /** An optional string attribute must, when present, hold {@code expected}. */
    private static void checkText(Path file, Hdf5Root h5, String name, String expected) {
        Object v = h5.attribute(name);
        if (v != null && !expected.equals(v)) {
            throw new BadInputException(file + ": attribute '" + name + "' = "
                    + (v instanceof String str ? "\"" + str + "\"" : String.valueOf(v)) + ", expected \"" + expected + "\"");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * The {@code trial_id} attribute of a model file, or null when the file does not exist or has
     * no such string attribute.
     *
     * @throws BadInputException naming the file when it exists but is not a readable HDF5 file
     */
    public static String trialId(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (Hdf5Root h5 = Hdf5Root.open(file)) {
            return h5.attribute("trial_id") instanceof String s ? s : null;
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    private static Object attribute(Path file, Hdf5Root h5, String name) {
        Object a = h5.attribute(name);
        if (a == null) {
            throw new BadInputException(file + ": no attribute '" + name + "'; is this a SparkSweep model file?");
        }
        return a;
    }

    private static int[] intArray(Path file, Hdf5Root h5, String name) {
        Object data = attribute(file, h5, name);
        if (data instanceof int[] ints) {
            return ints;
        }
        if (data instanceof long[] longs) {
            int[] ints = new int[longs.length];
            for (int i = 0; i < longs.length; i++) {
                if (longs[i] < Integer.MIN_VALUE || longs[i] > Integer.MAX_VALUE) {
                    throw new BadInputException(file + ": attribute '" + name + "' = " + Arrays.toString(longs)
                            + ", expected sizes that fit 32-bit integers");
                }
                ints[i] = (int) longs[i];
            }
            return ints;
        }
        throw new BadInputException(file + ": attribute '" + name + "' is " + data.getClass().getSimpleName()
                + ", expected an integer array");
    }

    private static String[] stringArray(Path file, Hdf5Root h5, String name) {
        Object data = attribute(file, h5, name);
        if (data instanceof String[] s) {
            return s;
        }
        if (data instanceof String s) {
            return s.isEmpty() ? new String[0] : new String[]{s};
        }
        throw new BadInputException(file + ": attribute '" + name + "' is " + data.getClass().getSimpleName()
                + ", expected strings");
    }

    private static float[] floats(Path file, Hdf5Root h5, String name, int rows, int cols) {
        float[] f = cols < 0 ? h5.floats(name, rows) : h5.floats(name, rows, cols);
        for (int i = 0; i < f.length; i++) {
            if (!Float.isFinite(f[i])) {
                String at = cols < 0 ? "(" + i + ",)" : "(" + i / cols + ", " + i % cols + ")";
                throw new BadInputException(file + ": dataset '" + name + "' has " + f[i] + " at " + at
                        + ", expected finite weights");
            }
        }
        return f;
    }
}
