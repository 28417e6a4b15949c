package io.sparksweep.nn;

import java.io.Serializable;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The shape of a fully connected network: {@code inputs → hidden[0] → … → outputs}, with
 * {@code activations[i]} applied after hidden layer {@code i} and softmax after the output
 * layer. Zero hidden layers is softmax regression.
 *
 * <p>Layer {@code l} (0-based, {@code 0 <= l < layerCount()}) maps {@code layerSizes()[l]}
 * inputs to {@code layerSizes()[l + 1]} outputs. The arrays are copied in and out, so an
 * instance is immutable; {@code equals}, {@code hashCode} and {@code toString} compare and
 * print the array contents.
 *
 * @param inputs      features per sample; {@code >= 1}
 * @param hidden      widths of the hidden layers, each {@code >= 1}; may be empty
 * @param activations one activation per hidden layer ({@code activations.length == hidden.length})
 * @param outputs     classes; {@code >= 2}
 */
public record Architecture(int inputs, int[] hidden, Activation[] activations, int outputs) implements Serializable {

    /**
     * Validates and copies the arrays.
     *
     * @throws IllegalArgumentException if a size is out of range, an array or activation is
     *                                  null, the array lengths differ, or the network would
     *                                  have more than {@code Integer.MAX_VALUE} parameters
     */
    public Architecture {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs = " + inputs + ", must be >= 1");
        }
        if (outputs < 2) {
            throw new IllegalArgumentException("outputs = " + outputs + ", must be >= 2 (softmax over classes)");
        }
        if (hidden == null) {
            throw new IllegalArgumentException("hidden is null, expected an array of layer widths (may be empty)");
        }
        if (activations == null) {
            throw new IllegalArgumentException("activations is null, expected one activation per hidden layer");
        }
        if (activations.length != hidden.length) {
            throw new IllegalArgumentException("activations has " + activations.length + " entries, expected "
                    + hidden.length + " (one per hidden layer)");
        }
        hidden = hidden.clone();
        activations = activations.clone();
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i] < 1) {
                throw new IllegalArgumentException("hidden[" + i + "] = " + hidden[i] + ", must be >= 1");
            }
            if (activations[i] == null) {
                throw new IllegalArgumentException("activations[" + i + "] is null");
            }
        }
        long count = 0;
        int in = inputs;
        for (int i = 0; i <= hidden.length; i++) {
            int out = i < hidden.length ? hidden[i] : outputs;
            count += (long) out * in + out;
            in = out;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("network has " + count + " parameters, more than one float array holds");
        }
    }

    /**
     * The same activation in every hidden layer.
     *
     * @throws IllegalArgumentException as the canonical constructor
     */
    public static Architecture of(int inputs, int[] hidden, Activation activation, int outputs) {
        if (hidden == null) {
            throw new IllegalArgumentException("hidden is null, expected an array of layer widths (may be empty)");
        }
        Activation[] acts = new Activation[hidden.length];
        Arrays.fill(acts, activation);
        return new Architecture(inputs, hidden, acts, outputs);
    }

    /** A copy of the hidden-layer widths. */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** A copy of the hidden-layer activations. */
    @Override
    public Activation[] activations() {
        return activations.clone();
    }

    /** Number of weight layers: hidden layers + 1. */
    public int layerCount() {
        return hidden.length + 1;
    }

    /** {@code [inputs, hidden..., outputs]}, length {@code layerCount() + 1}. */
    public int[] layerSizes() {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = outputs;
        return sizes;
    }

    /**
     * The activation after layer {@code layer}; null for the output layer (softmax).
     *
     * @throws IndexOutOfBoundsException if {@code layer} is not in {@code [0, layerCount())}
     */
    public Activation activation(int layer) {
        if (layer < 0 || layer > hidden.length) {
            throw new IndexOutOfBoundsException("layer " + layer + " of " + layerCount());
        }
        return layer < hidden.length ? activations[layer] : null;
    }

    /** Weights and biases of all layers: {@code Σ_l (in_l · out_l + out_l)}. */
    public int parameterCount() {
        int[] offsets = parameterOffsets();
        return offsets[offsets.length - 1];
    }

    /**
     * Offsets into the flat parameter array: {@code [W_0, b_0, W_1, b_1, …, total]}, length
     * {@code 2 · layerCount() + 1}. Layer {@code l}'s weights are {@code out × in} row-major at
     * {@code offsets[2l]}, its biases at {@code offsets[2l + 1]}.
     */
    int[] parameterOffsets() {
        int[] sizes = layerSizes();
        int layers = layerCount();
        int[] offsets = new int[2 * layers + 1];
        int at = 0;
        for (int l = 0; l < layers; l++) {
            offsets[2 * l] = at;
            at += sizes[l] * sizes[l + 1];
            offsets[2 * l + 1] = at;
            at += sizes[l + 1];
        }
        offsets[2 * layers] = at;
        return offsets;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && inputs == a.inputs && outputs == a.outputs
                && Arrays.equals(hidden, a.hidden) && Arrays.equals(activations, a.activations);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * inputs + Arrays.hashCode(hidden)) + Arrays.hashCode(activations)) + outputs;
    }

    /** For example {@code 784-100(relu)-10}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner("-");
        j.add(Integer.toString(inputs));
        for (int i = 0; i < hidden.length; i++) {
            j.add(hidden[i] + "(" + activations[i].id() + ")");
        }
        j.add(Integer.toString(outputs));
        return j.toString();
    }
}
