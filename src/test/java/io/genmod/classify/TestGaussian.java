package io.genmod.classify;

import io.genmod.core.Diagnostics;
import io.genmod.core.DensityFitter;
import io.genmod.core.Fit;
import io.genmod.mixture.CovarianceType;
import io.genmod.mixture.GaussianMixture;

/** A test-only fitter: one full-covariance Gaussian with the maximum-likelihood mean and covariance (divisor n). */
final class TestGaussian {

    static final DensityFitter FITTER = TestGaussian::fit;

    private TestGaussian() {
    }

    static Fit<GaussianMixture> fit(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] covariance = new double[d][d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    covariance[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]) / n;
                }
            }
        }
        GaussianMixture g = GaussianMixture.of(CovarianceType.FULL, new double[] {1}, new double[][] {mean},
                new double[][][] {covariance});
        return new Fit<>(g, Diagnostics.direct("test", 0, n, g.parameterCount(), 0));
    }
}
