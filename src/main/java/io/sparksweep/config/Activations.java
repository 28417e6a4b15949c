package io.sparksweep.config;

import io.sparksweep.nn.Activation;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code activation} of a config: one activation for every hidden layer
 * ({@code "relu"}), or a list of one per layer ({@code ["tanh", "relu"]}). Exactly one of the two
 * is set.
 *
 * @param every    the activation of every layer, or null
 * @param perLayer one activation per layer, input side first, or null
 */
public record Activations(Activation every, List<Activation> perLayer) {

    /** The same activation for every hidden layer. */
    public static Activations every(Activation a) {
        return new Activations(a, null);
    }

    /** One activation per hidden layer. */
    public static Activations perLayer(List<Activation> perLayer) {
        return new Activations(null, List.copyOf(perLayer));
    }

    /**
     * The activations of a network with {@code layers} hidden layers, or null when a per-layer
     * list has another length.
     */
    public Activation[] forLayers(int layers) {
        if (every != null) {
            Activation[] out = new Activation[layers];
            Arrays.fill(out, every);
            return out;
        }
        return perLayer.size() == layers ? perLayer.toArray(Activation[]::new) : null;
    }
}
