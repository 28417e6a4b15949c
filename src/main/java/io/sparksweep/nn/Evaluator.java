package io.sparksweep.nn;

import io.sparksweep.data.Dataset;

/**
 * Loss, accuracy and confusion matrix of a network on a dataset, and its predictions, computed
 * in forward passes of {@value #BATCH_ROWS} rows with buffers allocated once per call. Not
 * thread-safe as an instance; the static methods create their own.
 */
public final class Evaluator {
    /** Rows per forward pass, in evaluation and in inference. */
    public static final int BATCH_ROWS = 1000;

    private final Workspace workspace;

    /** Buffers for evaluating networks of {@code architecture} on up to {@code BATCH_ROWS} rows at a time. */
    Evaluator(Architecture architecture, int maxRows) {
        this.workspace = new Workspace(architecture, Math.max(1, Math.min(BATCH_ROWS, maxRows)));
    }

    /** Multiply the input layer by the nonzero features only, with these transposed weights ({@link Workspace#useSparseInput}). */
    void useSparseInput(float[] weightsT) {
        workspace.useSparseInput(weightsT);
    }

    /**
     * What a network predicts for every row of a dataset, from one forward pass.
     *
     * @param probabilities softmax probabilities, row-major {@code rows × outputs}
     * @param classes       each row's predicted class: the arg-max of its logits, lowest index on ties
     * @param evaluation    loss, accuracy and confusion against the dataset's labels; null when
     *                      the labels were not used ({@link Network#probabilities(Dataset)})
     */
    public record Predictions(float[] probabilities, int[] classes, Evaluation evaluation) {
    }

    /**
     * Evaluates {@code network} on every row of {@code data}.
     *
     * @throws IllegalArgumentException if an argument is null, {@code data.features()} differs
     *                                  from the network's inputs or {@code data.classes()} from its outputs
     */
    public static Evaluation evaluate(Network network, Dataset data) {
        return predict(network, data).evaluation();
    }

    /**
     * Predicts every row of {@code data} and evaluates the predictions against its labels, in one
     * forward pass per batch.
     *
     * @throws IllegalArgumentException as {@link #evaluate}
     */
    public static Predictions predict(Network network, Dataset data) {
        if (network == null) {
            throw new IllegalArgumentException("network is null");
        }
        checkCompatible(network.architecture(), data, "dataset");
        return new Evaluator(network.architecture(), data.rows()).run(network.parametersView(), data, true);
    }

    /** Probabilities and classes of every row of {@code data}, its labels unused; its width is the caller's to check. */
    static Predictions infer(Network network, Dataset data) {
        return new Evaluator(network.architecture(), data.rows()).run(network.parametersView(), data, false);
    }

    static void checkCompatible(Architecture architecture, Dataset data, String name) {
        if (data == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (data.features() != architecture.inputs()) {
            throw new IllegalArgumentException(name + " has " + data.features() + " features, network "
                    + architecture + " expects " + architecture.inputs());
        }
        if (data.classes() != architecture.outputs()) {
            throw new IllegalArgumentException(name + " has " + data.classes() + " classes, network "
                    + architecture + " has " + architecture.outputs() + " outputs");
        }
    }

    /** Evaluates the parameters {@code params} (layout of {@link Network#parameters()}) on {@code data}. */
    Evaluation run(float[] params, Dataset data) {
        return run(params, data, true, null, null);
    }

    private Predictions run(float[] params, Dataset data, boolean labelled) {
        int k = workspace.architecture.outputs();
        float[] probabilities = new float[data.rows() * k];
        int[] classes = new int[data.rows()];
        Evaluation e = run(params, data, labelled, probabilities, classes);
        return new Predictions(probabilities, classes, e);
    }

    /**
     * The one forward pass: with {@code labelled}, the loss, accuracy and confusion against the
     * labels, else null; copies the probabilities and classes out when those arrays are given.
     */
    private Evaluation run(float[] params, Dataset data, boolean labelled, float[] probabilities, int[] classes) {
        Workspace ws = workspace;
        int k = ws.architecture.outputs();
        int[][] confusion = new int[k][k];
        double loss = 0;
        long correct = 0;
        float[] out = ws.acts[ws.acts.length - 1];
        for (int first = 0; first < data.rows(); first += ws.capacity) {
            int count = Math.min(ws.capacity, data.rows() - first);
            ws.load(data, first, count);
            ws.forward(params, count);
            if (!labelled) {
                ws.softmaxUnlabelled(count);
            } else {
                loss += ws.softmax(count);
                for (int r = 0; r < count; r++) {
                    int truth = ws.labels[r];
                    int predicted = ws.predicted[r];
                    confusion[truth][predicted]++;
                    if (truth == predicted) {
                        correct++;
                    }
                }
            }
            if (probabilities != null) {
                System.arraycopy(out, 0, probabilities, first * k, count * k);
                System.arraycopy(ws.predicted, 0, classes, first, count);
            }
        }
        if (!labelled) {
            return null;
        }
        int n = data.rows();
        return new Evaluation(loss / n, (double) correct / n, confusion);
    }
}
