package io.sparksweep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sparksweep.data.Dataset;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkTest {
    private static final Architecture ARCH = Architecture.of(3, new int[] {2}, Activation.RELU, 2);

    static Stream<Arguments> badShapes() {
        float[] w0 = new float[6];
        float[] b0 = new float[2];
        float[] w1 = new float[4];
        float[] b1 = new float[2];
        return Stream.of(
                Arguments.of(List.of(new float[5], w1), List.of(b0, b1),
                        "layer 0 (3 -> 2): weights have 5 values, expected out x in = 2 x 3 = 6"),
                Arguments.of(List.of(w0, new float[6]), List.of(b0, b1),
                        "layer 1 (2 -> 2): weights have 6 values, expected out x in = 2 x 2 = 4"),
                Arguments.of(List.of(w0, w1), List.of(b0, new float[3]),
                        "layer 1 (2 -> 2): biases have 3 values, expected 2"),
                Arguments.of(List.of(w0), List.of(b0),
                        "got 1 weight and 1 bias arrays, expected 2 of each (one per layer of 3-2(relu)-2)"));
    }

    @ParameterizedTest
    @MethodSource("badShapes")
    void ofRejectsWrongShapesNamingLayerAndShapes(List<float[]> weights, List<float[]> biases, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> Network.of(ARCH, weights, biases)).getMessage());
    }

    @Test
    void slicesOneFlatArrayAsWeightsThenBiasesPerLayer() {
        Network net = Network.of(ARCH, List.of(new float[] {1, 2, 3, 4, 5, 6}, new float[] {7, 8, 9, 10}),
                List.of(new float[] {11, 12}, new float[] {13, 14}));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 11, 12, 7, 8, 9, 10, 13, 14}, net.parameters());
        assertArrayEquals(new float[] {7, 8, 9, 10}, net.weights(1));
        assertArrayEquals(new float[] {13, 14}, net.biases(1));
        assertEquals(14, ARCH.parameterCount());
        net.weights(0)[0] = 99;
        net.parameters()[0] = 99;
        assertEquals(1f, net.weights(0)[0]);
    }

    @Test
    void batchedProbabilitiesEqualPerSampleOnesAcrossBatchBoundaries() {
        Dataset data = TrainerTest.blobs(2345, 6, 5);
        Network net = Network.initialise(Architecture.of(6, new int[] {7, 5}, Activation.LEAKY_RELU, 3),
                Initializer.HE, 1, 4);
        float[] all = net.probabilities(data);
        assertEquals(2345 * 3, all.length);
        for (int r : new int[] {0, 999, 1000, 2344}) {
            float[] x = new float[6];
            for (int c = 0; c < 6; c++) {
                x[c] = data.feature(r, c);
            }
            float[] one = net.probabilities(x);
            assertArrayEquals(one, Arrays.copyOfRange(all, r * 3, r * 3 + 3), 1e-6f, "row " + r);
            assertEquals(1, one[0] + one[1] + one[2], 1e-6);
        }
    }

    @Test
    void onePassPredictionsEqualTheSeparateProbabilitiesClassesAndEvaluation() {
        Dataset data = TrainerTest.blobs(2345, 6, 3);
        Network net = Network.initialise(Architecture.of(6, new int[] {7}, Activation.TANH, 3), Initializer.HE, 1, 8);
        Evaluator.Predictions p = Evaluator.predict(net, data);
        assertArrayEquals(net.probabilities(data), p.probabilities());
        assertEquals(Evaluator.evaluate(net, data), p.evaluation());
        long correct = 0;
        for (int r = 0; r < data.rows(); r++) {
            correct += p.classes()[r] == data.label(r) ? 1 : 0;
        }
        assertEquals((double) correct / data.rows(), p.evaluation().accuracy());
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        Network net = Network.initialise(ARCH, Initializer.XAVIER, 1, 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(net);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(net, in.readObject());
        }
    }

    @Test
    void rejectsDatasetWithWrongFeatureCount() {
        Network net = Network.initialise(ARCH, Initializer.HE, 1, 1);
        Dataset data = Dataset.ofFloats(1, 4, 2, new float[4], new int[] {0});
        assertEquals("dataset has 4 features, network 3-2(relu)-2 expects 3",
                assertThrows(IllegalArgumentException.class, () -> net.probabilities(data)).getMessage());
    }
}
