package io.sparksweep.results;

/**
 * The best trial's weights evaluated on the held-out test file.
 *
 * @param trialId   the trial tested
 * @param rows      test rows evaluated
 * @param accuracy  fraction correct
 * @param loss      mean cross-entropy (nats)
 * @param confusion {@code confusion[true][predicted]} counts
 */
public record TestReport(String trialId, int rows, double accuracy, double loss, int[][] confusion) {

    /** Accuracy of each true class: diagonal over row sum (NaN for a class with no rows). */
    public double[] perClassAccuracy() {
        double[] acc = new double[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            long total = 0;
            for (int p = 0; p < confusion[c].length; p++) {
                total += confusion[c][p];
            }
            acc[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
        }
        return acc;
    }
}
