package io.genmod.mixture;

/**
 * The affine change of units x' = (x - centre) / scale, column by column (one scale for all columns with
 * spherical covariances, which must stay spherical), under which gradient ascent runs, so that its steps,
 * whose sizes Adam fixes in parameter units, are the same whatever the units of the data. A mixture maps with
 * mu' = (mu - centre) / scale and Sigma'_ab = Sigma_ab / (scale_a scale_b); densities with
 * log p(x) = log p'(x') - sum_a log scale_a.
 *
 * @param centre the column means
 * @param scale the column standard deviations (1 for a constant column), or their root mean square
 */
record Standardisation(double[] centre, double[] scale) {

    static Standardisation of(double[][] x, CovarianceType type) {
        int n = x.length;
        int d = x[0].length;
        double[] centre = new double[d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                centre[a] += row[a];
            }
        }
        double[] scale = new double[d];
        for (int a = 0; a < d; a++) {
            centre[a] /= n;
            double ss = 0;
            for (double[] row : x) {
                double v = row[a] - centre[a];
                ss += v * v;
            }
            scale[a] = ss / n;
        }
        if (type == CovarianceType.SPHERICAL) {
            double mean = 0;
            for (double v : scale) {
                mean += v / d;
            }
            java.util.Arrays.fill(scale, mean);
        }
        for (int a = 0; a < d; a++) {
            scale[a] = scale[a] > 0 ? Math.sqrt(scale[a]) : 1;
        }
        return new Standardisation(centre, scale);
    }

    double[][] apply(double[][] x) {
        double[][] out = new double[x.length][centre.length];
        for (int i = 0; i < x.length; i++) {
            for (int a = 0; a < centre.length; a++) {
                out[i][a] = (x[i][a] - centre[a]) / scale[a];
            }
        }
        return out;
    }

    GaussianMixture apply(GaussianMixture m) {
        return map(m, true);
    }

    GaussianMixture restore(GaussianMixture m) {
        return map(m, false);
    }

    /** -sum_a log scale_a: what a log-density gains back in the data's own units. */
    double logJacobian() {
        double sum = 0;
        for (double s : scale) {
            sum -= Math.log(s);
        }
        return sum;
    }

    private GaussianMixture map(GaussianMixture m, boolean forward) {
        int d = centre.length;
        double[][] means = m.means();
        double[][][] covariances = m.covariances();
        for (int j = 0; j < means.length; j++) {
            for (int a = 0; a < d; a++) {
                means[j][a] = forward ? (means[j][a] - centre[a]) / scale[a] : centre[a] + scale[a] * means[j][a];
                for (int b = 0; b < d; b++) {
                    covariances[j][a][b] = forward ? covariances[j][a][b] / (scale[a] * scale[b])
                            : covariances[j][a][b] * (scale[a] * scale[b]);
                }
            }
        }
        return GaussianMixture.of(m.covarianceType(), m.weights(), means, covariances);
    }
}
