package io.sparksweep.nn;

import io.sparksweep.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mini-batch stochastic gradient descent on softmax + cross-entropy.
 *
 * <p>Per batch: forward pass; output delta {@code a - y} (one-hot {@code y}); hidden deltas
 * {@code f'(s) ⊙ (Wᵀ δ_next)}; step {@code W -= lr · Σ_batch ∂L/∂W} ({@link Reduction#SUM}) or
 * {@code lr / rows} times that ({@link Reduction#MEAN}), accumulated by {@code sgemm} straight
 * into the weights. After every epoch the loss and accuracy on the whole training and
 * validation sets are computed and reported. All buffers are allocated once per call; the
 * result is bit-for-bit reproducible for the same inputs and single-threaded BLAS.
 *
 * <p>When the training set asks for sparse products ({@code Dataset#sparseProducts()}), the
 * input layer's forward products and weight step, in training and in the per-epoch evaluation,
 * run over each batch's nonzero features only ({@link SparseInput}), with the input layer's
 * weights held transposed during the epoch and written back after it. Same model and settings;
 * the sums run in a different order from sgemm's, so results agree to rounding, not bit for bit.
 */
public final class Trainer {
    private Trainer() {
    }

    /**
     * Trains a copy of {@code start} ({@code start} itself is not modified) for
     * {@code s.epochs()} epochs: {@link #train(TrainingState, Dataset, Dataset, TrainingSettings,
     * int, EpochListener)} from {@link TrainingState#initial} to the last epoch.
     *
     * <p>If after an epoch either loss is NaN or infinite, or a parameter is no longer finite,
     * training stops and the result has {@code diverged = true} and the curve up to and including
     * that epoch; divergence never throws.
     *
     * @param listener told about each epoch as soon as it is measured; may be null
     * @throws IllegalArgumentException if an argument is null, a dataset does not match the
     *                                  network's inputs and outputs, or a dataset is empty
     */
    public static TrainingResult train(Network start, Dataset train, Dataset validation, TrainingSettings s,
                                       EpochListener listener) {
        if (start == null || s == null) {
            throw new IllegalArgumentException("network and settings must not be null");
        }
        return train(TrainingState.initial(start, s), train, validation, s, s.epochs(), listener).toResult();
    }

    /**
     * Continues the run {@code from} with epochs {@code from.epochsDone() + 1 .. untilEpoch}, as
     * the uninterrupted run would: each epoch's learning rate is the schedule's for that epoch
     * number, and the shuffle draws continue the stream of {@code from}. Training 0 → k and then
     * k → E gives the parameters and curve of training 0 → E, bit for bit ({@code from} is not
     * modified). A diverged state, or {@code untilEpoch == from.epochsDone()}, is returned as it is.
     *
     * @param untilEpoch the last epoch to run, {@code from.epochsDone() <= untilEpoch <= s.epochs()}
     * @param listener   told about each epoch as soon as it is measured; may be null
     * @throws IllegalArgumentException if an argument is null, {@code untilEpoch} is out of range,
     *                                  a dataset does not match the network or is empty
     */
    public static TrainingState train(TrainingState from, Dataset train, Dataset validation, TrainingSettings s,
                                      int untilEpoch, EpochListener listener) {
        if (from == null || s == null) {
            throw new IllegalArgumentException("state and settings must not be null");
        }
        if (untilEpoch < from.epochsDone() || untilEpoch > s.epochs()) {
            throw new IllegalArgumentException("untilEpoch = " + untilEpoch + ", must be in [" + from.epochsDone()
                    + ", " + s.epochs() + "] (epochs done .. training epochs)");
        }
        Architecture arch = from.network().architecture();
        Evaluator.checkCompatible(arch, train, "training set");
        Evaluator.checkCompatible(arch, validation, "validation set");
        if (train.rows() == 0 || validation.rows() == 0) {
            throw new IllegalArgumentException("training set has " + train.rows() + " rows and validation set "
                    + validation.rows() + ", both must have >= 1");
        }
        if (from.diverged() || untilEpoch == from.epochsDone()) {
            return from;
        }
        EpochListener report = listener == null ? EpochListener.none() : listener;

        float[] params = from.network().parameters();
        int n = train.rows();
        Workspace ws = new Workspace(arch, Math.min(s.batchSize(), n));
        Evaluator evaluator = new Evaluator(arch, Math.max(n, validation.rows()));
        boolean sparse = train.sparseProducts();
        if (sparse) {
            int[] sizes = arch.layerSizes();
            float[] weightsT = SparseInput.transpose(params, arch.parameterOffsets()[0], sizes[1], sizes[0]);
            ws.useSparseInput(weightsT);
            evaluator.useSparseInput(weightsT);
        }
        int[] order = s.shuffle() ? new int[n] : null;
        Random random = from.shuffleRandom();
        List<EpochMetrics> curve = new ArrayList<>(untilEpoch);
        curve.addAll(from.curve());
        boolean diverged = false;
        int epoch = from.epochsDone() + 1;

        for (; epoch <= untilEpoch; epoch++) {
            double lr = s.schedule().rateForEpoch(s.learningRate(), epoch);
            if (order != null) {
                shuffle(order, random);
            }
            for (int first = 0; first < n; first += ws.capacity) {
                int count = Math.min(ws.capacity, n - first);
                if (order != null) {
                    ws.gather(train, order, first, count);
                } else {
                    ws.load(train, first, count);
                }
                float alpha = (float) (s.reduction() == Reduction.SUM ? -lr : -lr / count);
                ws.forward(params, count);
                ws.softmax(count);
                ws.backward(params, params, count, alpha);
            }
            if (sparse) {
                ws.storeSparseWeights(params);
            }
            Evaluation onTrain = evaluator.run(params, train);
            Evaluation onValidation = evaluator.run(params, validation);
            EpochMetrics m = new EpochMetrics(epoch, lr, onTrain.loss(), onTrain.accuracy(),
                    onValidation.loss(), onValidation.accuracy());
            curve.add(m);
            report.onEpoch(m);
            if (!m.isFinite() || !allFinite(params)) {
                diverged = true;
                break;
            }
        }
        int done = diverged ? epoch : untilEpoch;
        return new TrainingState(Network.wrap(arch, params), done, TrainingState.serialize(random), curve, diverged);
    }

    /**
     * The gradient of the SUMMED cross-entropy of the first {@code rows} samples of {@code x}
     * (row-major {@code rows × inputs}) with labels {@code labels}, in the layout of
     * {@link Network#parameters()}. For tests.
     */
    static float[] gradient(Network network, float[] x, int[] labels, int rows) {
        Architecture arch = network.architecture();
        Workspace ws = new Workspace(arch, rows);
        System.arraycopy(x, 0, ws.acts[0], 0, rows * arch.inputs());
        System.arraycopy(labels, 0, ws.labels, 0, rows);
        float[] grad = new float[network.parameterCount()];
        ws.forward(network.parametersView(), rows);
        ws.softmax(rows);
        ws.backward(network.parametersView(), grad, rows, 1f);
        return grad;
    }

    /** Sets {@code order} to the identity and shuffles it by Fisher–Yates with {@code random}. */
    static void shuffle(int[] order, Random random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
