package io.sparksweep.nn;

import io.sparksweep.data.Dataset;

/**
 * Loss, accuracy and confusion matrix of a network on a dataset, computed in forward passes of
 * {@value #BATCH_ROWS} rows with buffers allocated once per call. Not thread-safe as an
 * instance; the static method creates its own.
 */
public final class Evaluator {
    /** Rows per forward pass. */
    public static final int BATCH_ROWS = 1000;

    private final Workspace workspace;

    /** Buffers for evaluating networks of {@code architecture} on up to {@code BATCH_ROWS} rows at a time. */
    Evaluator(Architecture architecture, int maxRows) {
        this.workspace = new Workspace(architecture, Math.max(1, Math.min(BATCH_ROWS, maxRows)));
    }

    /**
     * Evaluates {@code network} on every row of {@code data}.
     *
     * @throws IllegalArgumentException if an argument is null, {@code data.features()} differs
     *                                  from the network's inputs or {@code data.classes()} from its outputs
     */
    public static Evaluation evaluate(Network network, Dataset data) {
        if (network == null) {
            throw new IllegalArgumentException("network is null");
        }
        checkCompatible(network.architecture(), data, "dataset");
        return new Evaluator(network.architecture(), data.rows()).run(network.parametersView(), data);
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
        Workspace ws = workspace;
        int k = ws.architecture.outputs();
        int[][] confusion = new int[k][k];
        double loss = 0;
        long correct = 0;
        for (int first = 0; first < data.rows(); first += ws.capacity) {
            int count = Math.min(ws.capacity, data.rows() - first);
            ws.load(data, first, count);
            ws.forward(params, count);
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
        int n = data.rows();
        return new Evaluation(loss / n, (double) correct / n, confusion);
    }
}
