package io.genmod.selection;

import io.genmod.core.Density;
import io.genmod.core.DensityFitter;
import io.genmod.core.Fit;
import io.genmod.core.FitProgress;

/**
 * k-fold cross-validated held-out log-likelihood of a density fitter (Stone 1974; Hastie, Tibshirani and
 * Friedman, ESL section 7.10): each fold is held out once, the fitter is trained on the rest, and the held-out
 * rows are scored. The mean is over all n held-out rows; its standard error is the standard deviation of the
 * per-fold means over sqrt(k).
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * @param meanLogLikelihood mean held-out log-density over all rows; minus infinity when a row had zero density
     * @param standardError of the fold means; NaN when a fold mean is not finite
     * @param outsideSupport held-out rows with zero density
     */
    public record Score(double meanLogLikelihood, double standardError, int outsideSupport) {
    }

    /**
     * @param x rows. Not modified.
     * @param folds as made by {@link Folds#split}
     */
    public static Score score(double[][] x, DensityFitter fitter, int[][] folds) {
        int k = folds.length;
        double[] foldMeans = new double[k];
        double total = 0;
        int outside = 0;
        for (int f = 0; f < k; f++) {
            FitProgress.checkpoint();
            Fit<? extends Density> fit = fitter.fit(Folds.training(x, folds, f));
            double[] logDensity = fit.model().logDensity(Folds.rows(x, folds[f]));
            double sum = 0;
            for (double v : logDensity) {
                if (v == Double.NEGATIVE_INFINITY) {
                    outside++;
                }
                sum += v;
            }
            foldMeans[f] = sum / logDensity.length;
            total += sum;
        }
        return new Score(total / x.length, standardError(foldMeans), outside);
    }

    /** Sample standard deviation (ddof 1) of the values over sqrt(k); NaN unless all are finite. */
    static double standardError(double[] values) {
        int k = values.length;
        double mean = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return Double.NaN;
            }
            mean += v;
        }
        mean /= k;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (k - 1)) / Math.sqrt(k);
    }
}
