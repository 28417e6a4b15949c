package io.sparksweep.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparksweep.data.Dataset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseInputTest {

    /** {@link TrainerTest#blobs} with about a fraction {@code zeros} of the features 0. */
    static Dataset sparseBlobs(int rows, int features, double zeros, long seed) {
        return TrainerTest.blobs(rows, features, seed, zeros);
    }

    /** The plain definition: each column's terms summed by fused multiply-adds in index order. */
    private static float[] plainSums(float[] m, int[] offsets, float[] values, int n, int width) {
        float[] out = new float[width];
        for (int j = 0; j < width; j++) {
            float sum = 0f;
            for (int p = 0; p < n; p++) {
                sum = Math.fma(values[p], m[offsets[p] + j], sum);
            }
            out[j] = sum;
        }
        return out;
    }

    @Test
    void sumsAreTheSameBitForBitAsThePlainLoopAtEveryWidth() {
        assertTrue(Activation.VECTOR_API, "the tests run with jdk.incubator.vector, as the launchers do");
        Random random = new Random(7);
        for (int width : new int[] {1, 3, 4, 7, 8, 9, 16, 31, 32, 33, 64, 100, 104, 130}) {
            int rows = 40;
            float[] m = new float[rows * width];
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) (random.nextGaussian() * Math.exp(random.nextGaussian() * 3));
            }
            int n = 1 + random.nextInt(rows);
            int[] offsets = new int[n];
            float[] values = new float[n];
            for (int p = 0; p < n; p++) {
                offsets[p] = random.nextInt(rows) * width;
                values[p] = (float) random.nextGaussian();
            }
            float[] got = new float[width + 2];
            SparseInput.sums(m, offsets, 0, values, 0, n, got, 1, width);
            float[] want = plainSums(m, offsets, values, n, width);
            for (int j = 0; j < width; j++) {
                assertEquals(Float.floatToRawIntBits(want[j]), Float.floatToRawIntBits(got[1 + j]), "width " + width + " column " + j);
            }
            assertEquals(0f, got[0], "nothing written before destFrom");
            assertEquals(0f, got[width + 1], "nothing written past the width");
        }
    }

    @Test
    void forwardAndStepAgreeWithTheDenseProductsToRounding() {
        Dataset data = sparseBlobs(37, 50, 0.8, 3);
        for (int hidden : new int[] {13, 100}) {
            Architecture arch = Architecture.of(50, new int[] {hidden}, Activation.RELU, 3);
            Network net = Network.initialise(arch, Initializer.HE, 1, 11);
            float[] dense = net.parameters();
            float[] sparse = net.parameters();

            Workspace d = new Workspace(arch, 37);
            d.load(data, 0, 37);
            d.forward(dense, 37);
            Workspace s = new Workspace(arch, 37);
            s.useSparseInput(SparseInput.transpose(sparse, arch.parameterOffsets()[0], hidden, 50));
            s.load(data, 0, 37);
            s.forward(sparse, 37);
            assertClose(d.acts[1], s.acts[1], 37 * hidden, 1e-5f, "hidden activations");
            assertClose(d.acts[2], s.acts[2], 37 * 3, 1e-5f, "logits");

            d.softmax(37);
            s.softmax(37);
            d.backward(dense, dense, 37, -0.01f);
            s.backward(sparse, sparse, 37, -0.01f);
            s.storeSparseWeights(sparse);
            assertClose(dense, sparse, dense.length, 1e-5f, "parameters after one step");
            float[] before = net.parametersView();
            int changed = 0;
            for (int i = 0; i < arch.parameterOffsets()[1]; i++) {
                changed += before[i] != sparse[i] ? 1 : 0;
            }
            assertTrue(changed > hidden * 50 / 2, "the step moved the input weights: " + changed);
        }
    }

    @Test
    void sparseTrainingLearnsWhatDenseTrainingLearnsAndIsReproducibleAndResumable() {
        Dataset train = sparseBlobs(300, 40, 0.75, 5);
        Dataset validation = sparseBlobs(90, 40, 0.75, 6);
        Architecture arch = Architecture.of(40, new int[] {24}, Activation.TANH, 3);
        Network start = Network.initialise(arch, Initializer.XAVIER, 1, 2);
        TrainingSettings s = new TrainingSettings(4, 25, 0.05, Reduction.MEAN, LearningRateSchedule.step(0.5, 2), true, 9);

        TrainingResult dense = Trainer.train(start, train, validation, s, null);
        Dataset sparseTrain = train.withSparseProducts(true);
        TrainingResult sparse = Trainer.train(start, sparseTrain, validation, s, null);
        TrainingResult again = Trainer.train(start, sparseTrain, validation, s, null);
        assertArrayEquals(sparse.network().parameters(), again.network().parameters(), "reproducible bit for bit");
        assertEquals(sparse.curve(), again.curve());

        for (int e = 0; e < 4; e++) {
            EpochMetrics a = dense.curve().get(e);
            EpochMetrics b = sparse.curve().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), 1e-4 * a.trainLoss(), "epoch " + (e + 1));
            assertEquals(a.validationLoss(), b.validationLoss(), 1e-4 * a.validationLoss(), "epoch " + (e + 1));
            assertEquals(a.validationAccuracy(), b.validationAccuracy(), 2.0 / 90, "epoch " + (e + 1));
        }
        assertTrue(sparse.last().validationAccuracy() > 0.6, "learns (chance is 1/3): " + sparse.last().validationAccuracy());
        assertClose(dense.network().parametersView(), sparse.network().parametersView(), dense.network().parameterCount(),
                1e-3f, "parameters after 4 epochs");

        TrainingState half = Trainer.train(TrainingState.initial(start, s), sparseTrain, validation, s, 2, null);
        TrainingState whole = Trainer.train(half, sparseTrain, validation, s, 4, null);
        assertArrayEquals(sparse.network().parameters(), whole.network().parameters(), "0 -> 2 -> 4 equals 0 -> 4");
        assertEquals(sparse.curve(), whole.curve());
    }

    private static void assertClose(float[] want, float[] got, int n, float tolerance, String what) {
        float worst = 0;
        for (int i = 0; i < n; i++) {
            float scale = Math.max(1f, Math.abs(want[i]));
            worst = Math.max(worst, Math.abs(want[i] - got[i]) / scale);
        }
        assertTrue(worst <= tolerance, what + ": worst relative difference " + worst + " > " + tolerance);
    }
}
