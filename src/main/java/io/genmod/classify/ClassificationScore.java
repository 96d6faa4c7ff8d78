package io.genmod.classify;

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

    /**
     * @param x rows. Not modified.
     * @param y true class indices. Not modified.
     */
    public static ClassificationScore of(Classifier classifier, double[][] x, int[] y) {
        int n = x.length;
        int k = classifier.classCount();
        double[][] jll = classifier.jointLogLikelihood(x);
        Prediction prediction = Posterior.of(jll, classifier.priors());
        long[][] confusion = new long[k][k];
        long correct = 0;
        double logLoss = 0;
        double logLikelihood = 0;
        for (int i = 0; i < n; i++) {
            int predicted = prediction.labels()[i];
            confusion[y[i]][predicted]++;
            if (predicted == y[i]) {
                correct++;
            }
            double logDensity = prediction.logDensity()[i];
            logLikelihood += logDensity;
            logLoss -= logDensity == Double.NEGATIVE_INFINITY
                    ? Math.log(prediction.probabilities()[i][y[i]])
                    : jll[i][y[i]] - logDensity;
        }
        return new ClassificationScore(n, (double) correct / n, logLoss / n, confusion, logLikelihood / n);
    }
}
