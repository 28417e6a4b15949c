package io.sparksweep.nn;

import io.sparksweep.SafeFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.sparksweep.BadInputException;
import io.sparksweep.data.Hdf5DatasetReader;
import io.sparksweep.nn.Activation;
import io.sparksweep.nn.Architecture;
import io.sparksweep.nn.Network;

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
        SafeFiles.write(file, tmp -> {
            try (WritableHdfFile h5 = HdfFile.write(tmp)) {
                Architecture a = network.architecture();
                h5.putAttribute("format", FORMAT);
                if (trialId != null) {
                    h5.putAttribute("trial_id", trialId);
                }
                h5.putAttribute("layer_sizes", a.layerSizes());
                h5.putAttribute("activations", Arrays.stream(a.activations()).map(Activation::id).toArray(String[]::new));
                h5.putAttribute("output", "softmax");
                int[] sizes = a.layerSizes();
                for (int l = 0; l < network.layerCount(); l++) {
                    int out = sizes[l + 1];
                    int in = sizes[l];
                    float[] w = network.weights(l);
                    float[][] w2 = new float[out][in];
                    for (int r = 0; r < out; r++) {
                        System.arraycopy(w, r * in, w2[r], 0, in);
                    }
                    h5.putDataset("W" + (l + 1), w2);
                    h5.putDataset("b" + (l + 1), network.biases(l));
                }
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
        Hdf5DatasetReader.checkIsHdf5(file);
        try (HdfFile h5 = new HdfFile(file)) {
            checkText(file, h5, "format", FORMAT);
            checkText(file, h5, "output", "softmax");
            int[] sizes = intArray(file, h5, "layer_sizes");
            for (int i = 0; i < sizes.length; i++) {
                if (sizes[i] < (i == sizes.length - 1 ? 2 : 1)) {
                    throw new BadInputException(file + ": attribute 'layer_sizes' = " + Arrays.toString(sizes)
                            + ", expected [inputs, hidden..., classes] with every size >= 1 and classes >= 2");
                }
            }
            String[] activationIds = stringArray(file, h5, "activations");
            if (sizes.length < 2 || activationIds.length != sizes.length - 2) {
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
            for (int l = 1; l < sizes.length; l++) {
                weights.add(floats(file, h5, "W" + l, sizes[l], sizes[l - 1]));
                biases.add(floats(file, h5, "b" + l, sizes[l], -1));
            }
            return Network.of(arch, weights, biases);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadInputException(file + ": not a readable SparkSweep model file (truncated or corrupt?): "
                    + firstLine(e.getMessage()), e);
        }
    }

    /** An optional string attribute must, when present, hold {@code expected}. */
    private static void checkText(Path file, HdfFile h5, String name, String expected) {
        Attribute a = h5.getAttribute(name);
        if (a != null && !expected.equals(a.getData())) {
            Object v = a.getData();
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

    /** The {@code trial_id} attribute of a model file, or null when it has none or cannot be read. */
    public static String trialId(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (HdfFile h5 = new HdfFile(file)) {
            Attribute a = h5.getAttribute("trial_id");
            return a != null && a.getData() instanceof String s ? s : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Attribute attribute(Path file, HdfFile h5, String name) {
        Attribute a = h5.getAttribute(name);
        if (a == null) {
            throw new BadInputException(file + ": no attribute '" + name + "'; is this a SparkSweep model file?");
        }
        return a;
    }

    private static int[] intArray(Path file, HdfFile h5, String name) {
        Object data = attribute(file, h5, name).getData();
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

    private static String[] stringArray(Path file, HdfFile h5, String name) {
        Object data = attribute(file, h5, name).getData();
        if (data instanceof String[] s) {
            return s;
        }
        if (data instanceof String s) {
            return s.isEmpty() ? new String[0] : new String[]{s};
        }
        throw new BadInputException(file + ": attribute '" + name + "' is " + data.getClass().getSimpleName()
                + ", expected strings");
    }

    private static float[] floats(Path file, HdfFile h5, String name, int rows, int cols) {
        Node node = h5.getChild(name);
        if (!(node instanceof Dataset ds)) {
            throw new BadInputException(file + ": no dataset '" + name + "'");
        }
        int[] dims = ds.getDimensions();
        int[] expected = cols < 0 ? new int[]{rows} : new int[]{rows, cols};
        if (!Arrays.equals(dims, expected)) {
            throw new BadInputException(file + ": dataset '" + name + "' has shape " + shape(dims)
                    + ", expected " + shape(expected));
        }
        Object flat = ds.getDataFlat();
        float[] f;
        if (flat instanceof float[] values) {
            f = values;
        } else if (flat instanceof double[] d) {
            f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
        } else {
            throw new BadInputException(file + ": dataset '" + name + "' has type " + flat.getClass().getSimpleName()
                    + ", expected float32 or float64");
        }
        for (int i = 0; i < f.length; i++) {
            if (!Float.isFinite(f[i])) {
                String at = cols < 0 ? "(" + i + ",)" : "(" + i / cols + ", " + i % cols + ")";
                throw new BadInputException(file + ": dataset '" + name + "' has " + f[i] + " at " + at
                        + ", expected finite weights");
            }
        }
        return f;
    }

    static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return sb.append(dims.length == 1 ? ",)" : ")").toString();
    }
}
