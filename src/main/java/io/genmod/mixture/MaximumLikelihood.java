package io.genmod.mixture;

import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import java.util.stream.IntStream;

/**
 * The M-step of EM for Gaussian mixtures: weights, means and covariances from responsibilities, exactly as
 * scikit-learn's {@code _estimate_gaussian_parameters} (N_j = sum_i r_ij + 10 eps, mu_j = sum_i r_ij x_i / N_j,
 * Sigma_j = sum_i r_ij (x_i - mu_j)(x_i - mu_j)^T / N_j + reg I; tied pools the within-component scatter over
 * all components, diag keeps the diagonal, spherical its mean). Dempster, Laird and Rubin (1977); Bishop, PRML
 * eq. 9.24-9.27.
 */
public final class MaximumLikelihood {

    /** scikit-learn adds 10 machine epsilons to every N_j so that empty components do not divide by zero. */
    static final double EMPTY_COMPONENT_GUARD = 10 * Math.ulp(1.0);

    /**
     * A variance below (NOISE_ULPS * eps * max|x_a|)^2 is rounding noise (a constant column gives about
     * (eps |x_a|)^2), not spread.
     */
    static final double NOISE_ULPS = 1e4;
    /** Slices of rows for the parallel maximum of {@link #noiseFloor}. */
    private static final int NOISE_FLOOR_PARTS = 64;
    /** Responsibilities (rows x components) from which {@link #estimate} runs its components in parallel. */
    private static final long PARALLEL_ENTRIES = 1 << 16;
    /** A Cholesky pivot below this fraction of its diagonal entry means (numerically) collinear columns. */
    static final double RELATIVE_PIVOT = 1e-13;

    private MaximumLikelihood() {
    }

    /**
     * @param x rows, n x d. Not modified.
     * @param responsibilities n x k, rows summing to 1 (hard or soft). Not modified.
     * @param regularization added to every covariance diagonal
     * @throws UnfittableDataException on "params.regularization" when a covariance is not positive definite
     */
    public static GaussianMixture estimate(double[][] x, double[][] responsibilities, CovarianceType type,
                                           double regularization) {
        int n = x.length;
        int d = x[0].length;
        int k = responsibilities[0].length;
        double[] nk = new double[k];
        double[][] means = new double[k][d];
        double[][][] scatter = new double[k][d][d];
        // component by component (on all cores for large data): each sum gets its additions in row order, as
        // in one loop over the rows, so the results do not depend on the number of threads
        IntStream components = IntStream.range(0, k);
        if ((long) n * k >= PARALLEL_ENTRIES) {
            components = components.parallel();
        }
        components.forEach(j -> {
            double[] m = means[j];
            double count = 0;
            for (int i = 0; i < n; i++) {
                double w = responsibilities[i][j];
                count += w;
                double[] xi = x[i];
                for (int a = 0; a < d; a++) {
                    m[a] += w * xi[a];
                }
            }
            nk[j] = count + EMPTY_COMPONENT_GUARD;
            for (int a = 0; a < d; a++) {
                m[a] /= nk[j];
            }
            double[] diff = new double[d];
            double[][] s = scatter[j];
            for (int i = 0; i < n; i++) {
                double w = responsibilities[i][j];
                if (w == 0) {
                    continue;
                }
                for (int a = 0; a < d; a++) {
                    diff[a] = x[i][a] - m[a];
                }
                if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
                    for (int a = 0; a < d; a++) {
                        double wa = w * diff[a];
                        for (int b = 0; b <= a; b++) {
                            s[a][b] += wa * diff[b];
                        }
                    }
                } else {
                    for (int a = 0; a < d; a++) {
                        s[a][a] += w * diff[a] * diff[a];
                    }
                }
            }
        });
        double total = 0;
        for (double v : nk) {
            total += v;
        }
        double[][][] cov = covariances(type, nk, scatter, regularization);
        checkPositiveDefinite(cov, noiseFloor(x));
        double[] weights = new double[k];
        for (int j = 0; j < k; j++) {
            weights[j] = nk[j] / total;
        }
        return build(type, weights, means, cov);
    }

    /**
     * Covariances from per-component weighted scatter matrices about the new means (lower triangle for full
     * and tied, diagonal for diag and spherical).
     *
     * @param nk N_j, guard included. Not modified.
     * @param scatter k x d x d, lower triangle or diagonal filled. Not modified.
     */
    static double[][][] covariances(CovarianceType type, double[] nk, double[][][] scatter, double regularization) {
        int k = nk.length;
        int d = scatter[0].length;
        double[][][] cov = new double[k][d][d];
        switch (type) {
            case FULL -> {
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b <= a; b++) {
                            double v = scatter[j][a][b] / nk[j];
                            cov[j][a][b] = v;
                            cov[j][b][a] = v;
                        }
                        cov[j][a][a] += regularization;
                    }
                }
            }
            case TIED -> {
                double total = 0;
                for (double v : nk) {
                    total += v;
                }
                double[][] pooled = new double[d][d];
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        double v = 0;
                        for (int j = 0; j < k; j++) {
                            v += scatter[j][a][b];
                        }
                        v /= total;
                        pooled[a][b] = v;
                        pooled[b][a] = v;
                    }
                    pooled[a][a] += regularization;
                }
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        cov[j][a] = pooled[a].clone();
                    }
                }
            }
            case DIAG -> {
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        cov[j][a][a] = scatter[j][a][a] / nk[j] + regularization;
                    }
                }
            }
            case SPHERICAL -> {
                for (int j = 0; j < k; j++) {
                    double v = 0;
                    for (int a = 0; a < d; a++) {
                        v += scatter[j][a][a] / nk[j] + regularization;
                    }
                    v /= d;
                    for (int a = 0; a < d; a++) {
                        cov[j][a][a] = v;
                    }
                }
            }
        }
        return cov;
    }

    /** Per column, the variance that rounding alone produces: (NOISE_ULPS * eps * max|x_a|)^2. */
    static double[] noiseFloor(double[][] x) {
        int d = x[0].length;
        int parts = Math.min(x.length, NOISE_FLOOR_PARTS);
        // max |x_a| over slices of rows on all cores (a maximum is exact in any order)
        double[] floor = IntStream.range(0, parts).parallel().mapToObj(part -> {
            double[] largest = new double[d];
            for (int i = (int) ((long) part * x.length / parts); i < (long) (part + 1) * x.length / parts; i++) {
                double[] row = x[i];
                for (int a = 0; a < d; a++) {
                    largest[a] = Math.max(largest[a], Math.abs(row[a]));
                }
            }
            return largest;
        }).reduce((u, v) -> {
            for (int a = 0; a < d; a++) {
                u[a] = Math.max(u[a], v[a]);
            }
            return u;
        }).orElseThrow();
        for (int a = 0; a < d; a++) {
            double v = NOISE_ULPS * Math.ulp(1.0) * floor[a];
            floor[a] = v * v;
        }
        return floor;
    }

    /**
     * Rejects covariances that are singular in floating point: a Cholesky pivot at or below the rounding noise
     * of its column or below {@link #RELATIVE_PIVOT} of its diagonal entry.
     *
     * @param cov k x d x d. Not modified.
     * @param floor per column noise variance, from {@link #noiseFloor}. Not modified.
     * @throws UnfittableDataException on "params.regularization"
     */
    static void checkPositiveDefinite(double[][][] cov, double[] floor) {
        int d = floor.length;
        double[] l = new double[d * d];
        for (int j = 0; j < cov.length; j++) {
            double[][] s = cov[j];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    double v = s[a][b];
                    for (int m = 0; m < b; m++) {
                        v -= l[a * d + m] * l[b * d + m];
                    }
                    if (a == b) {
                        if (!(v > floor[a]) || !(v > RELATIVE_PIVOT * s[a][a])) {
                            throw new UnfittableDataException("params.regularization", "the covariance of component " + j
                                    + " is singular (a constant column, duplicate points or collinear columns);"
                                    + " raise regularization or use fewer components");
                        }
                        l[a * d + a] = Math.sqrt(v);
                    } else {
                        l[a * d + b] = v / l[b * d + b];
                    }
                }
            }
        }
    }

    /** Builds the mixture, turning a non-finite estimate into an unfittable-data error rather than a 400 on a field the user never sent. */
    static GaussianMixture build(CovarianceType type, double[] weights, double[][] means, double[][][] cov) {
        try {
            return GaussianMixture.of(type, weights, means, cov);
        } catch (InvalidParameterException e) {
            throw new UnfittableDataException("x", "the data give non-finite mixture parameters; rescale the data");
        }
    }
}
