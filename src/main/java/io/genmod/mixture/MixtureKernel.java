package io.genmod.mixture;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * One pass over (a subset of) the data for the Monte Carlo gradient and the variational initialisation: per
 * point the log terms l_nj = c_j - |L_j^-1 (x_n - mu_j)|^2 / 2, their log-sum-exp, a weight r_nj per
 * component (a Monte Carlo estimate of the responsibilities, or given ones) and the weighted, centred
 * {@link ComponentStatistics}. (Exact responsibilities come from EM's faster blocked pass, {@link EmEngine}.) The constants c_j carry everything else (log weight, log-determinant, for
 * variational Bayes the expected-log terms). Blocks of points are processed on all cores and summed in
 * block order, so the result does not depend on scheduling.
 */
final class MixtureKernel {

    /** Responsibilities below this are not accumulated: their share of any statistic is below 1e-12 a point. */
    static final double SKIP = 1e-12;
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final int SMALL_BLOCK = 512;
    private static final int LARGE_BLOCK = 4096;
    private static final int LARGE_RANGE = 16384;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** How a pass weights each point's components. */
    enum Weighting {
        /** Only the log-likelihood; no statistics. */
        LOG_LIKELIHOOD,
        /** The log-trick estimate of r_nj from draws z ~ P(z) (see {@link GradientFitter}). */
        MONTE_CARLO,
        /** Given responsibilities (a variational initialisation). */
        GIVEN
    }

    final CovarianceType type;
    final int k;
    final int d;
    /** Component means, also the centres of the statistics. */
    final double[][] means;
    /** FULL: lower Cholesky factors, row-major; TIED: one factor; DIAG: 1/sigma per dimension; SPHERICAL: {1/sigma}. */
    final double[][] factors;
    final double[] logConstants;
    /** TIED: L^-1 mu_j. */
    private final double[][] whitenedMeans;
    /** FULL and TIED: 1 / L_ii per factor. */
    private final double[][] inverseDiagonals;

    /**
     * @param factors see the field, or null for a kernel used only with given responsibilities. Not modified, retained.
     * @param logConstants c_j. Not modified, retained.
     */
    MixtureKernel(CovarianceType type, double[][] means, double[][] factors, double[] logConstants) {
        this.type = type;
        this.k = means.length;
        this.d = means[0].length;
        this.means = means;
        this.factors = factors;
        this.logConstants = logConstants;
        if (factors == null) {
            // only for passes with given responsibilities
            inverseDiagonals = null;
            whitenedMeans = null;
            return;
        }
        if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
            inverseDiagonals = new double[factors.length][d];
            for (int f = 0; f < factors.length; f++) {
                for (int i = 0; i < d; i++) {
                    inverseDiagonals[f][i] = 1 / factors[f][i * d + i];
                }
            }
        } else {
            inverseDiagonals = null;
        }
        if (type == CovarianceType.TIED) {
            whitenedMeans = new double[k][d];
            for (int j = 0; j < k; j++) {
                solveLower(factors[0], inverseDiagonals[0], means[j], whitenedMeans[j], d);
            }
        } else {
            whitenedMeans = null;
        }
    }

    /**
     * The constant -d/2 log 2pi - log|L| of a Gaussian with this kernel's factor {@code j} (for TIED the
     * shared one), to which callers add the log weight.
     */
    static double gaussianLogNormaliser(CovarianceType type, double[] factor, int d) {
        double logDet = 0;
        switch (type) {
            case FULL, TIED -> {
                for (int i = 0; i < d; i++) {
                    logDet += Math.log(factor[i * d + i]);
                }
            }
            case DIAG -> {
                for (int i = 0; i < d; i++) {
                    logDet -= Math.log(factor[i]);
                }
            }
            case SPHERICAL -> logDet = -d * Math.log(factor[0]);
        }
        return -0.5 * d * LOG_2PI - logDet;
    }

    /** Rows copied into one row-major array (n x d), the layout every pass reads. */
    static double[] flatten(double[][] x) {
        int d = x[0].length;
        double[] flat = new double[x.length * d];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * d, d);
        }
        return flat;
    }

    /**
     * Accumulates over the rows p in [from, to) of row-major data.
     *
     * @param data n x d, row-major. Not modified.
     * @param given responsibilities, n x k, for {@link Weighting#GIVEN}; for {@link Weighting#MONTE_CARLO}
     *     optionally fixed draw counts per point and component instead of random draws; else null. Not modified.
     * @param logWeights log P(z = j) for {@link Weighting#MONTE_CARLO}; else null. Not modified.
     * @param samples draws of z per point for {@link Weighting#MONTE_CARLO}
     * @param seed seeds the draws; each block of points gets its own stream
     */
    ComponentStatistics pass(double[] data, int from, int to, Weighting weighting, double[][] given,
                             double[] logWeights, int samples, long seed) {
        int length = to - from;
        int block = length <= LARGE_RANGE ? SMALL_BLOCK : LARGE_BLOCK;
        int blocks = Math.max(1, (length + block - 1) / block);
        if (blocks == 1) {
            return block(data, from, to, weighting, given, logWeights, samples, seed);
        }
        ComponentStatistics[] parts = IntStream.range(0, blocks).parallel()
                .mapToObj(b -> block(data, from + b * block, Math.min(to, from + (b + 1) * block), weighting,
                        given, logWeights, samples, seed + (b + 1) * GOLDEN))
                .toArray(ComponentStatistics[]::new);
        for (int b = 1; b < blocks; b++) {
            parts[0].add(parts[b]);
        }
        return parts[0];
    }

    /** Convenience: the log-likelihood sum over all rows of row-major data. */
    double logLikelihood(double[] data) {
        return pass(data, 0, data.length / d, Weighting.LOG_LIKELIHOOD, null, null, 0, 0).logLikelihood;
    }

    /** Convenience: the log-likelihood sum over all rows. */
    double logLikelihood(double[][] x) {
        return logLikelihood(flatten(x));
    }

    private ComponentStatistics block(double[] data, int from, int to, Weighting weighting, double[][] given,
                                      double[] logWeights, int samples, long seed) {
        boolean full = type == CovarianceType.FULL || type == CovarianceType.TIED;
        ComponentStatistics stats = new ComponentStatistics(k, d, full);
        double[] logTerms = new double[k];
        double[] r = new double[k];
        double[] delta = new double[k * d];
        double[] xi = new double[d];
        double[] work = new double[d];
        double[] cumulative = null;
        SplittableRandom random = null;
        int[] counts = null;
        if (weighting == Weighting.MONTE_CARLO) {
            cumulative = new double[k];
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logWeights[j]);
                cumulative[j] = sum;
            }
            random = new SplittableRandom(seed);
            counts = new int[k];
        }
        for (int p = from; p < to; p++) {
            System.arraycopy(data, p * d, xi, 0, d);
            for (int j = 0; j < k; j++) {
                double[] mu = means[j];
                int o = j * d;
                for (int a = 0; a < d; a++) {
                    delta[o + a] = xi[a] - mu[a];
                }
            }
            if (weighting == Weighting.GIVEN) {
                System.arraycopy(given[p], 0, r, 0, k);
            } else {
                logTerms(xi, delta, logTerms, work);
                // log-sum-exp with one exp per component
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    max = Math.max(max, logTerms[j]);
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    double e = Math.exp(logTerms[j] - max);
                    r[j] = e;
                    sum += e;
                }
                double lse = max + Math.log(sum);
                stats.logLikelihood += lse;
                if (weighting == Weighting.LOG_LIKELIHOOD) {
                    continue;
                }
                // z^(i) ~ P(z): r~_j = (c_j / S) P(x | z = j) / p(x), in log space
                java.util.Arrays.fill(counts, 0);
                for (int s = 0; given == null && s < samples; s++) {
                    double u = random.nextDouble() * cumulative[k - 1];
                    int j = 0;
                    while (j < k - 1 && u >= cumulative[j]) {
                        j++;
                    }
                    counts[j]++;
                }
                for (int j = 0; j < k; j++) {
                    double c = given == null ? counts[j] : given[p][j];
                    r[j] = c == 0 ? 0 : c / samples * Math.exp(logTerms[j] - logWeights[j] - lse);
                }
            }
            accumulate(stats, r, delta, full);
        }
        return stats;
    }

    private void accumulate(ComponentStatistics stats, double[] r, double[] delta, boolean full) {
        for (int j = 0; j < k; j++) {
            double rj = r[j];
            if (rj < SKIP) {
                continue;
            }
            stats.n[j] += rj;
            double[] s1 = stats.s1[j];
            double[] s2 = stats.s2[j];
            int o = j * d;
            if (full) {
                for (int a = 0; a < d; a++) {
                    double ra = rj * delta[o + a];
                    s1[a] += ra;
                    int rowA = a * d;
                    for (int b = 0; b <= a; b++) {
                        s2[rowA + b] += ra * delta[o + b];
                    }
                }
            } else {
                for (int a = 0; a < d; a++) {
                    double ra = rj * delta[o + a];
                    s1[a] += ra;
                    s2[a] += ra * delta[o + a];
                }
            }
        }
    }

    /**
     * l_j = c_j - |L_j^-1 (x - mu_j)|^2 / 2.
     *
     * @param delta x - mu_j per component, k x d. Not modified.
     * @param out k values. Modified.
     * @param work d values. Modified.
     */
    private void logTerms(double[] x, double[] delta, double[] out, double[] work) {
        switch (type) {
            case FULL -> {
                for (int j = 0; j < k; j++) {
                    double[] l = factors[j];
                    double[] inv = inverseDiagonals[j];
                    int o = j * d;
                    double q = 0;
                    for (int a = 0; a < d; a++) {
                        double v = delta[o + a];
                        int row = a * d;
                        for (int m = 0; m < a; m++) {
                            v -= l[row + m] * work[m];
                        }
                        v *= inv[a];
                        work[a] = v;
                        q += v * v;
                    }
                    out[j] = logConstants[j] - 0.5 * q;
                }
            }
            case TIED -> {
                solveLower(factors[0], inverseDiagonals[0], x, work, d);
                for (int j = 0; j < k; j++) {
                    double[] wm = whitenedMeans[j];
                    double q = 0;
                    for (int a = 0; a < d; a++) {
                        double v = work[a] - wm[a];
                        q += v * v;
                    }
                    out[j] = logConstants[j] - 0.5 * q;
                }
            }
            case DIAG -> {
                for (int j = 0; j < k; j++) {
                    double[] inv = factors[j];
                    int o = j * d;
                    double q = 0;
                    for (int a = 0; a < d; a++) {
                        double v = delta[o + a] * inv[a];
                        q += v * v;
                    }
                    out[j] = logConstants[j] - 0.5 * q;
                }
            }
            case SPHERICAL -> {
                for (int j = 0; j < k; j++) {
                    double inv = factors[j][0];
                    int o = j * d;
                    double q = 0;
                    for (int a = 0; a < d; a++) {
                        double v = delta[o + a];
                        q += v * v;
                    }
                    out[j] = logConstants[j] - 0.5 * q * inv * inv;
                }
            }
        }
    }

    /** out = L^-1 b for a lower row-major factor. */
    static void solveLower(double[] l, double[] inverseDiagonal, double[] b, double[] out, int d) {
        for (int a = 0; a < d; a++) {
            double v = b[a];
            int row = a * d;
            for (int m = 0; m < a; m++) {
                v -= l[row + m] * out[m];
            }
            out[a] = v * inverseDiagonal[a];
        }
    }
}
