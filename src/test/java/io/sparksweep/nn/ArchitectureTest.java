package io.sparksweep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArchitectureTest {
    private static final Activation[] ONE_RELU = {Activation.RELU};

    static Stream<Arguments> badArchitectures() {
        return Stream.of(
                Arguments.of(0, new int[] {4}, ONE_RELU, 3, "inputs = 0, must be >= 1"),
                Arguments.of(5, new int[] {4}, ONE_RELU, 1, "outputs = 1, must be >= 2 (softmax over classes)"),
                Arguments.of(5, new int[] {0}, ONE_RELU, 3, "hidden[0] = 0, must be >= 1"),
                Arguments.of(5, new int[] {4, 4}, ONE_RELU, 3, "activations has 1 entries, expected 2 (one per hidden layer)"),
                Arguments.of(5, new int[] {4}, new Activation[] {null}, 3, "activations[0] is null"),
                Arguments.of(5, null, ONE_RELU, 3, "hidden is null, expected an array of layer widths (may be empty)"),
                Arguments.of(100000, new int[] {100000}, ONE_RELU, 3,
                        "network has 10000400003 parameters, more than one float array holds"));
    }

    @ParameterizedTest
    @MethodSource("badArchitectures")
    void rejectsInvalidShapesWithMessage(int inputs, int[] hidden, Activation[] activations, int outputs, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> new Architecture(inputs, hidden, activations, outputs)).getMessage());
    }

    @Test
    void countsParametersAndListsLayerSizes() {
        Architecture a = new Architecture(784, new int[] {100, 50}, new Activation[] {Activation.RELU, Activation.TANH}, 10);
        assertArrayEquals(new int[] {784, 100, 50, 10}, a.layerSizes());
        assertEquals(784 * 100 + 100 + 100 * 50 + 50 + 50 * 10 + 10, a.parameterCount());
        assertEquals(3, a.layerCount());
        assertEquals(Activation.TANH, a.activation(1));
        assertNull(a.activation(2));
        assertEquals("784-100(relu)-50(tanh)-10", a.toString());
    }

    @Test
    void allowsZeroHiddenLayersAsSoftmaxRegression() {
        Architecture a = new Architecture(784, new int[0], new Activation[0], 10);
        assertEquals(7850, a.parameterCount());
        assertEquals(1, a.layerCount());
    }

    @Test
    void comparesArrayContentsAndIsImmutable() {
        int[] hidden = {4};
        Architecture a = new Architecture(5, hidden, ONE_RELU, 3);
        hidden[0] = 9;
        a.hidden()[0] = 9;
        Architecture b = Architecture.of(5, new int[] {4}, Activation.RELU, 3);
        assertEquals(b, a);
        assertEquals(b.hashCode(), a.hashCode());
        assertNotEquals(Architecture.of(5, new int[] {4}, Activation.TANH, 3), a);
    }

    @Test
    void activationIdsRoundTripAndUnknownIdListsValidOnes() {
        for (Activation a : Activation.values()) {
            assertEquals(a, Activation.fromId(a.id()));
        }
        assertEquals("leaky_relu", Activation.LEAKY_RELU.id());
        assertEquals("unknown activation 'elu', expected one of relu, tanh, sigmoid, leaky_relu",
                assertThrows(IllegalArgumentException.class, () -> Activation.fromId("elu")).getMessage());
        assertEquals(Reduction.MEAN, Reduction.fromId("mean"));
        assertEquals("unknown reduction 'avg', expected one of sum, mean",
                assertThrows(IllegalArgumentException.class, () -> Reduction.fromId("avg")).getMessage());
    }

    @Test
    void leakyReluUsesSlopeOneHundredth() {
        float[] v = {-2f, 3f};
        Activation.LEAKY_RELU.apply(v, 0, 2);
        assertArrayEquals(new float[] {-0.02f, 3f}, v);
        float[] d = {1f, 1f};
        Activation.LEAKY_RELU.multiplyByDerivative(v, d, 0, 2);
        assertArrayEquals(new float[] {0.01f, 1f}, d);
    }
}
