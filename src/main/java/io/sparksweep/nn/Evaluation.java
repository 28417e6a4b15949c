package io.sparksweep.nn;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Loss, accuracy and confusion matrix of a network on a dataset.
 *
 * @param loss      mean cross-entropy per sample, natural log (NaN for an empty dataset)
 * @param accuracy  fraction of rows predicted correctly, in {@code [0, 1]} (NaN for an empty dataset)
 * @param confusion {@code confusion[trueClass][predictedClass]} = row count, {@code classes × classes};
 *                  copied in and out
 */
public record Evaluation(double loss, double accuracy, int[][] confusion) implements Serializable {

    /** Deep-copies the confusion matrix. */
    public Evaluation {
        confusion = deepCopy(confusion);
    }

    /** A deep copy of the confusion matrix. */
    @Override
    public int[][] confusion() {
        return deepCopy(confusion);
    }

    /** Number of rows evaluated (sum of the confusion matrix). */
    public long rows() {
        long n = 0;
        for (int[] row : confusion) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    private static int[][] deepCopy(int[][] m) {
        int[][] copy = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            copy[i] = m[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && Double.compare(loss, e.loss) == 0
                && Double.compare(accuracy, e.accuracy) == 0 && Arrays.deepEquals(confusion, e.confusion);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(loss) + Double.hashCode(accuracy)) + Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return "Evaluation[loss=" + loss + ", accuracy=" + accuracy + ", confusion=" + Arrays.deepToString(confusion) + "]";
    }
}
