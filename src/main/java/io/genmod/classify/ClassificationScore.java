package io.genmod.classify;

import java.util.Arrays;

/**
 * How well a classifier does on labelled rows.
 *
 * @param accuracy share of rows whose most probable class is the true one
 * @param logLoss -1/n sum log P(y_i | x_i), computed in log space and not clipped: infinite only when a true
 *                class has probability exactly zero
 * @param confusionMatrix counts, rows the true class and columns the predicted one
 * @param meanLogLikelihood 1/n sum log p(x_i), the marginal density of x
 */
public record ClassificationScore(int n, double accuracy, double logLoss, long[][] confusionMatrix,
                                  double meanLogLikelihood) {

    /** Rows at a time, so that a chunk's rows x classes table holds about a million numbers (and at least 64 rows). */
    static int chunkRows(int classes) {
        return Math.max(64, (1 << 20) / Math.max(1, classes));
    }

    /**
     * Evaluates the rows a chunk at a time ({@link #chunkRows}), so that memory does not grow as rows x classes.
     *
     * @param x rows. Not modified.
     * @param y true class indices. Not modified.
     */
    public static ClassificationScore of(Classifier classifier, double[][] x, int[] y) {
        int n = x.length;
        int k = classifier.classCount();
        int chunk = chunkRows(k);
        long[][] confusion = new long[k][k];
        long correct = 0;
        double logLoss = 0;
        double logLikelihood = 0;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            double[][] jll = classifier.jointLogLikelihood(Arrays.copyOfRange(x, from, to));
            Prediction prediction = Posterior.of(jll, classifier.priors());
            for (int i = from; i < to; i++) {
                int predicted = prediction.labels()[i - from];
                confusion[y[i]][predicted]++;
                if (predicted == y[i]) {
                    correct++;
                }
                double logDensity = prediction.logDensity()[i - from];
                logLikelihood += logDensity;
                logLoss -= logDensity == Double.NEGATIVE_INFINITY
                        ? Math.log(prediction.probabilities()[i - from][y[i]])
                        : logPosterior(jll[i - from], y[i]);
            }
        }
        return new ClassificationScore(n, (double) correct / n, logLoss / n, confusion, logLikelihood / n);
    }

    /**
     * log P(y | x) = (l_y - max) - log sum_j exp(l_j - max) for joint log-likelihoods l with a finite maximum:
     * differences first, so that a log-sum of order 1 is not lost next to l_y and max of order 1e29.
     */
    static double logPosterior(double[] jointLogLikelihood, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double l : jointLogLikelihood) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (double l : jointLogLikelihood) {
            sum += Math.exp(l - max);
        }
        return (jointLogLikelihood[y] - max) - Math.log(sum);
    }
}
