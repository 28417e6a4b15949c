package io.sparksweep.nn;

/**
 * Row-wise softmax and cross-entropy, numerically stable through the log-sum-exp of each ROW
 * (the row maximum is subtracted before exponentiating), so logits of ±1e4 give finite
 * probabilities and a finite loss.
 */
final class Softmax {
    private Softmax() {
    }

    /**
     * Turns the logits {@code z} (row-major {@code rows × k}) into softmax probabilities in
     * place, writes each row's arg-max of the logits (lowest index on ties) to
     * {@code predicted[row]} and returns the SUM over rows of the cross-entropy
     * {@code -ln p[row][labels[row]] = logsumexp(z_row) - z_row[label]} (natural log), computed
     * in double from the float logits. Non-finite logits give a NaN or infinite loss. With
     * {@code labels == null} only the probabilities and arg-maxes are computed and 0 is returned.
     */
    static double toProbabilities(float[] z, int rows, int k, int[] labels, int[] predicted) {
        return toProbabilities(z, rows, k, labels, predicted, new double[k]);
    }

    /**
     * As {@link #toProbabilities(float[], int, int, int[], int[])}, keeping each row's
     * exponentials in {@code exps} (length {@code >= k}) between the sum and the normalisation,
     * so each logit's {@code exp} is computed once; the values are the same bit for bit.
     */
    static double toProbabilities(float[] z, int rows, int k, int[] labels, int[] predicted, double[] exps) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int base = r * k;
            float max = z[base];
            int arg = 0;
            for (int j = 1; j < k; j++) {
                if (z[base + j] > max) {
                    max = z[base + j];
                    arg = j;
                }
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp((double) z[base + j] - max);
                exps[j] = e;
                sum += e;
            }
            double logSumExp = max + Math.log(sum);
            if (labels != null) {
                loss += logSumExp - z[base + labels[r]];
            }
            double inv = 1.0 / sum;
            for (int j = 0; j < k; j++) {
                z[base + j] = (float) (exps[j] * inv);
            }
            predicted[r] = arg;
        }
        return loss;
    }
}
