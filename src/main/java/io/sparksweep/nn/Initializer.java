package io.sparksweep.nn;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How {@link Network#initialise} draws the starting weights and biases of a layer with
 * {@code in} inputs and {@code out} outputs. All draws are {@code std * Random.nextGaussian()}.
 */
public enum Initializer {
    /** Weights and biases from N(0, sigma²); the seed experiment used sigma = 1. */
    NORMAL("normal"),
    /**
     * Weights from N(0, 2 / (in + out)), biases 0: Glorot and Bengio 2010, "Understanding the
     * difficulty of training deep feedforward neural networks", AISTATS (normal variant).
     */
    XAVIER("xavier"),
    /**
     * Weights from N(0, 2 / in), biases 0: He, Zhang, Ren and Sun 2015, "Delving Deep into
     * Rectifiers: Surpassing Human-Level Performance on ImageNet Classification", ICCV. Meant
     * for ReLU layers.
     */
    HE("he");

    private final String id;

    Initializer(String id) {
        this.id = id;
    }

    /** The identifier used in config files and reports: "normal", "xavier" or "he". */
    public String id() {
        return id;
    }

    /**
     * The initialiser with identifier {@code id}.
     *
     * @throws IllegalArgumentException if no initialiser has that id; the message lists the valid ids
     */
    public static Initializer fromId(String id) {
        for (Initializer i : values()) {
            if (i.id.equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown initializer '" + id + "', expected one of "
                + Arrays.stream(values()).map(Initializer::id).collect(Collectors.joining(", ")));
    }

    /**
     * Standard deviation of the weights of a layer with {@code in} inputs and {@code out}
     * outputs; {@code sigma} is used by {@link #NORMAL} only.
     */
    public double weightStd(int in, int out, double sigma) {
        switch (this) {
            case NORMAL:
                return sigma;
            case XAVIER:
                return Math.sqrt(2.0 / (in + out));
            case HE:
                return Math.sqrt(2.0 / in);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * True when biases are drawn (from N(0, sigma²), {@link #NORMAL}); false when they are set
     * to 0 without consuming random numbers.
     */
    public boolean drawsBiases() {
        return this == NORMAL;
    }
}
