package io.genmod.classify;

import java.util.stream.IntStream;

/**
 * Bayes' rule in log space: P(c | x) = exp(l_c - logsumexp_c' l_c') with l_c = log p(x | c) + log P(c), shifted
 * by the largest l_c so that rows far from all data neither underflow to 0/0 nor overflow.
 */
public final class Posterior {

    /** Rows per parallel task. */
    static final int BLOCK = 2048;

    private Posterior() {
    }

    /**
     * @param jll n x k joint log-likelihoods. Not modified.
     * @param priors P(c): the answer for a row where every class density is zero (no evidence either way)
     */
    public static Prediction of(double[][] jll, double[] priors) {
        int n = jll.length;
        int k = priors.length;
        int[] labels = new int[n];
        double[][] probabilities = new double[n][];
        double[] logDensity = new double[n];
        IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
            int end = Math.min(n, (b + 1) * BLOCK);
            for (int i = b * BLOCK; i < end; i++) {
                double[] p = new double[k];
                double[] row = jll[i];
                System.arraycopy(row, 0, p, 0, k);
                logDensity[i] = normalise(p, 0, k, priors);
                labels[i] = argmax(row, 0, k, priors);
                probabilities[i] = p;
            }
        });
        return new Prediction(labels, probabilities, logDensity);
    }

    /**
     * Turns joint log-likelihoods {@code a[from..from+k)} into posterior probabilities in place.
     *
     * @param a joint log-likelihoods. Modified: the posterior probabilities.
     * @return log sum_c exp(a_c), the marginal log p(x); minus infinity when every class density is zero, and
     *         then the probabilities are the priors
     */
    static double normalise(double[] a, int from, int k, double[] priors) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, a[from + c]);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            System.arraycopy(priors, 0, a, from, k);
            return max;
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double e = Math.exp(a[from + c] - max);
            a[from + c] = e;
            sum += e;
        }
        double inverse = 1.0 / sum;
        for (int c = 0; c < k; c++) {
            a[from + c] *= inverse;
        }
        return max + Math.log(sum);
    }

    /** The class of the largest joint log-likelihood (the first on ties; by prior when all are minus infinity). */
    static int argmax(double[] a, int from, int k, double[] priors) {
        int best = 0;
        double bestValue = a[from];
        for (int c = 1; c < k; c++) {
            if (a[from + c] > bestValue) {
                bestValue = a[from + c];
                best = c;
            }
        }
        if (bestValue == Double.NEGATIVE_INFINITY) {
            best = 0;
            for (int c = 1; c < k; c++) {
                if (priors[c] > priors[best]) {
                    best = c;
                }
            }
        }
        return best;
    }
}
