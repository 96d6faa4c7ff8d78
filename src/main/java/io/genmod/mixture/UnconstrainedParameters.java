package io.genmod.mixture;

import java.util.Arrays;

/**
 * The unconstrained parameterisation of a Gaussian mixture used by gradient ascent, a flat vector
 * theta = [a (k logits) | mu (k x d) | covariance part], in which every point is a valid mixture:
 * weights w = softmax(a); for full and tied covariances Sigma = L L^T with L lower triangular, stored by
 * rows as its lower triangle with log L_ii on the diagonal (log-Cholesky, Pinheiro and Bates 1996); for
 * diag and spherical the log-variances. It maps theta to a {@link MixtureKernel} and turns the kernel's
 * statistics into the exact gradient of the mean log-likelihood. Not thread-safe: {@link #gradient} uses
 * preallocated scratch.
 */
final class UnconstrainedParameters {

    private static final double MIN_LOGIT = -700;

    final CovarianceType type;
    final int k;
    final int d;
    private final int triangle;
    private final int factors;
    /** Scratch of {@link #gradient} (one caller at a time). */
    private final double[] inverse;
    private final double[] work;
    private final double[] work2;
    private final double[] matrixS;
    private final double[] matrixA;
    private final double[] matrixV;
    private final double[] pooled;

    UnconstrainedParameters(CovarianceType type, int k, int d) {
        this.type = type;
        this.k = k;
        this.d = d;
        this.triangle = d * (d + 1) / 2;
        this.factors = type == CovarianceType.TIED ? 1 : k;
        this.inverse = new double[d];
        this.work = new double[d];
        this.work2 = new double[d];
        this.matrixS = new double[d * d];
        this.matrixA = new double[d * d];
        this.matrixV = new double[d * d];
        this.pooled = new double[d * d];
    }

    int size() {
        return k + k * d + switch (type) {
            case FULL -> k * triangle;
            case TIED -> triangle;
            case DIAG -> k * d;
            case SPHERICAL -> k;
        };
    }

    int meanOffset(int j) {
        return k + j * d;
    }

    int covarianceOffset(int f) {
        int base = k + k * d;
        return base + f * switch (type) {
            case FULL, TIED -> triangle;
            case DIAG -> d;
            case SPHERICAL -> 1;
        };
    }

    /** theta of a mixture of this shape; zero weights get a very negative (finite) logit. */
    double[] encode(GaussianMixture m) {
        double[] theta = new double[size()];
        double[] w = m.weights();
        double[][] mu = m.means();
        double[][][] cov = m.covariances();
        for (int j = 0; j < k; j++) {
            theta[j] = Math.max(MIN_LOGIT, Math.log(w[j]));
            System.arraycopy(mu[j], 0, theta, meanOffset(j), d);
        }
        for (int f = 0; f < factors; f++) {
            int o = covarianceOffset(f);
            switch (type) {
                case FULL, TIED -> {
                    double[] l = m.choleskyFactor(f);
                    int t = 0;
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b <= a; b++) {
                            theta[o + t++] = a == b ? Math.log(l[a * d + a]) : l[a * d + b];
                        }
                    }
                }
                case DIAG -> {
                    for (int a = 0; a < d; a++) {
                        theta[o + a] = Math.log(cov[f][a][a]);
                    }
                }
                case SPHERICAL -> theta[o] = Math.log(cov[f][0][0]);
            }
        }
        return theta;
    }

    /** Entries of theta per covariance factor (d(d+1)/2, d or 1). */
    int covarianceSize() {
        return switch (type) {
            case FULL, TIED -> triangle;
            case DIAG -> d;
            case SPHERICAL -> 1;
        };
    }

    /** log w_j = a_j - logsumexp(a). */
    double[] logWeights(double[] theta) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, theta[j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.exp(theta[j] - max);
        }
        double norm = max + Math.log(sum);
        double[] lw = new double[k];
        for (int j = 0; j < k; j++) {
            lw[j] = theta[j] - norm;
        }
        return lw;
    }

    /** Lower factor L (row-major) of factor f; for diag/spherical the per-dimension 1/sigma. */
    private double[] factor(double[] theta, int f) {
        int o = covarianceOffset(f);
        return switch (type) {
            case FULL, TIED -> {
                double[] l = new double[d * d];
                int t = 0;
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        double v = theta[o + t++];
                        l[a * d + b] = a == b ? Math.exp(v) : v;
                    }
                }
                yield l;
            }
            case DIAG -> {
                double[] s = new double[d];
                for (int a = 0; a < d; a++) {
                    s[a] = Math.exp(-0.5 * theta[o + a]);
                }
                yield s;
            }
            case SPHERICAL -> new double[] {Math.exp(-0.5 * theta[o])};
        };
    }

    MixtureKernel kernel(double[] theta) {
        double[] lw = logWeights(theta);
        double[][] mu = new double[k][];
        double[] c = new double[k];
        if (type != CovarianceType.TIED) {
            double[][] fs = new double[k][];
            for (int j = 0; j < k; j++) {
                componentKernel(theta, j, mu, fs, c);
            }
            return kernel(lw, mu, fs, c);
        }
        double[][] shared = {factor(theta, 0)};
        double normaliser = MixtureKernel.gaussianLogNormaliser(type, shared[0], d);
        for (int j = 0; j < k; j++) {
            mu[j] = Arrays.copyOfRange(theta, meanOffset(j), meanOffset(j) + d);
            c[j] = normaliser;
        }
        return kernel(lw, mu, shared, c);
    }

    /**
     * Component j's part of {@link #kernel} (not for tied covariances): its mean into means[j], its factor into
     * factors[j] and log normaliser into normalisers[j] (new arrays).
     */
    void componentKernel(double[] theta, int j, double[][] means, double[][] factors, double[] normalisers) {
        double[] mu = new double[d];
        System.arraycopy(theta, meanOffset(j), mu, 0, d);
        means[j] = mu;
        factors[j] = factor(theta, j);
        normalisers[j] = MixtureKernel.gaussianLogNormaliser(type, factors[j], d);
    }

    /** {@link #kernel} from its components' parts ({@link #componentKernel}) and the log weights. */
    MixtureKernel kernel(double[] logWeights, double[][] means, double[][] factors, double[] normalisers) {
        double[] c = new double[k];
        for (int j = 0; j < k; j++) {
            c[j] = logWeights[j] + normalisers[j];
        }
        return new MixtureKernel(type, means, factors, c);
    }

    /** The mixture at theta. */
    GaussianMixture decode(double[] theta) {
        double[] lw = logWeights(theta);
        double[] w = new double[k];
        double[][] mu = new double[k][d];
        double[][][] cov = new double[k][][];
        double[][] shared = null;
        for (int j = 0; j < k; j++) {
            w[j] = Math.exp(lw[j]);
            System.arraycopy(theta, meanOffset(j), mu[j], 0, d);
            if (type == CovarianceType.TIED && shared != null) {
                cov[j] = shared;
                continue;
            }
            double[][] s = new double[d][d];
            int o = covarianceOffset(type == CovarianceType.TIED ? 0 : j);
            switch (type) {
                case FULL, TIED -> {
                    double[] l = factor(theta, type == CovarianceType.TIED ? 0 : j);
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b <= a; b++) {
                            double v = 0;
                            for (int m = 0; m <= b; m++) {
                                v += l[a * d + m] * l[b * d + m];
                            }
                            s[a][b] = v;
                            s[b][a] = v;
                        }
                    }
                }
                case DIAG -> {
                    for (int a = 0; a < d; a++) {
                        s[a][a] = Math.exp(theta[o + a]);
                    }
                }
                case SPHERICAL -> {
                    double v = Math.exp(theta[o]);
                    for (int a = 0; a < d; a++) {
                        s[a][a] = v;
                    }
                }
            }
            cov[j] = s;
            if (type == CovarianceType.TIED) {
                shared = s;
            }
        }
        return GaussianMixture.of(type, w, mu, cov);
    }

    /**
     * The gradient with respect to theta of (1/batch) sum_n log p(x_n), from statistics weighted by the
     * responsibilities r_nj (or an unbiased estimate of them). With v = L^-1 (x - mu) and Sigma = L L^T:
     * d/da_j = N_j - w_j sum_i N_i; d/dmu_j = Sigma_j^-1 S1_j; d/dL_j = lower(L^-T V_j) - N_j diag(1/L_ii)
     * with V_j = L^-1 S2_j L^-T (from d(-|v|^2/2) = tr(v v^T L^-1 dL)), times L_ii on the log diagonal;
     * for a log-variance s: d/ds = (S2/sigma^2 - N)/2 per dimension.
     *
     * @param kernel the kernel at theta that produced the statistics. Not modified.
     * @param stats statistics centred at the kernel's means. Not modified.
     * @param out gradient, size(). Modified.
     */
    void gradient(double[] theta, MixtureKernel kernel, ComponentStatistics stats, double batch, double[] out) {
        double scale = 1 / batch;
        double[] lw = logWeights(theta);
        double total = 0;
        for (int j = 0; j < k; j++) {
            total += stats.n[j];
        }
        logitGradient(0, k, lw, stats.n, total, scale, out);
        if (type != CovarianceType.TIED) {
            for (int j = 0; j < k; j++) {
                componentGradient(j, theta, kernel, stats, scale, out);
            }
            return;
        }
        Arrays.fill(pooled, 0);
        double pooledN = 0;
        for (int j = 0; j < k; j++) {
            meanGradient(j, kernel.factors[0], stats, scale, out);
            double[] s2 = stats.s2[j];
            for (int i = 0; i < s2.length; i++) {
                pooled[i] += s2[i];
            }
            pooledN += stats.n[j];
        }
        double[] l = kernel.factors[0];
        for (int a = 0; a < d; a++) {
            inverse[a] = 1 / l[a * d + a];
        }
        factorGradient(l, pooled, pooledN, scale, out, covarianceOffset(0));
    }

    /**
     * d/da_j (see {@link #gradient}) for the components in [from, to).
     *
     * @param logWeights log w at theta
     * @param total sum of N_i over all components
     */
    void logitGradient(int from, int to, double[] logWeights, double[] n, double total, double scale, double[] out) {
        for (int j = from; j < to; j++) {
            out[j] = scale * (n[j] - Math.exp(logWeights[j]) * total);
        }
    }

    /** Component j's mean and covariance entries of {@link #gradient} (not for tied covariances). */
    void componentGradient(int j, double[] theta, MixtureKernel kernel, ComponentStatistics stats, double scale,
                           double[] out) {
        switch (type) {
            case FULL -> {
                double[] l = meanGradient(j, kernel.factors[j], stats, scale, out);
                factorGradient(l, stats.s2[j], stats.n[j], scale, out, covarianceOffset(j));
            }
            case DIAG -> {
                int o = covarianceOffset(j);
                for (int a = 0; a < d; a++) {
                    double precision = Math.exp(-theta[o + a]);
                    out[meanOffset(j) + a] = scale * stats.s1[j][a] * precision;
                    out[o + a] = scale * 0.5 * (stats.s2[j][a] * precision - stats.n[j]);
                }
            }
            case SPHERICAL -> {
                int o = covarianceOffset(j);
                double precision = Math.exp(-theta[o]);
                double sum = 0;
                for (int a = 0; a < d; a++) {
                    out[meanOffset(j) + a] = scale * stats.s1[j][a] * precision;
                    sum += stats.s2[j][a];
                }
                out[o] = scale * 0.5 * (sum * precision - d * stats.n[j]);
            }
            case TIED -> throw new IllegalStateException("tied covariances pool their components");
        }
    }

    /** The mean gradient of component j, L^-T L^-1 S1 (sets {@link #inverse} to 1 / L_ii); returns l. */
    private double[] meanGradient(int j, double[] l, ComponentStatistics stats, double scale, double[] out) {
        for (int a = 0; a < d; a++) {
            inverse[a] = 1 / l[a * d + a];
        }
        solveLower(l, inverse, stats.s1[j], work);
        solveUpperTransposed(l, inverse, work, work2);
        System.arraycopy(work2, 0, out, meanOffset(j), d);
        for (int a = 0; a < d; a++) {
            out[meanOffset(j) + a] *= scale;
        }
        return l;
    }

    /**
     * Gradient for one log-Cholesky block: lower(L^-T V) - N diag(1/L_ii) with V = L^-1 S L^-T, chain rule on
     * the diagonal. Triangular solves on row-major d x d arrays: A = L^-1 S (all of it), then the lower
     * triangle of V = A L^-T (V is symmetric), then the lower triangle of W = L^-T V, which needs only lower
     * entries of W and of V. Uses {@link #inverse} (1 / L_ii), set by the caller.
     *
     * @param lower S, lower triangle row-major. Not modified.
     */
    private void factorGradient(double[] l, double[] lower, double n, double scale, double[] out, int offset) {
        double[] sym = matrixS;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                sym[a * d + b] = lower[a * d + b];
                sym[b * d + a] = lower[a * d + b];
            }
        }
        double[] am = matrixA;
        forwardRows(l, sym, am);
        double[] v = matrixV;
        for (int r = 0; r < d; r++) {
            for (int c = 0; c <= r; c++) {
                double value = am[r * d + c];
                for (int m = 0; m < c; m++) {
                    value -= v[r * d + m] * l[c * d + m];
                }
                v[r * d + c] = value * inverse[c];
            }
        }
        double[] w = matrixA;
        for (int r = d - 1; r >= 0; r--) {
            for (int c = 0; c <= r; c++) {
                double value = v[r * d + c];
                for (int m = r + 1; m < d; m++) {
                    value -= l[m * d + r] * w[m * d + c];
                }
                w[r * d + c] = value * inverse[r];
            }
        }
        int t = 0;
        for (int r = 0; r < d; r++) {
            for (int c = 0; c <= r; c++) {
                double g = w[r * d + c];
                if (r == c) {
                    g = g * l[r * d + r] - n;
                }
                out[offset + t++] = scale * g;
            }
        }
    }

    /** out = L^-1 b for d x d row-major b, row by row (forward substitution on whole rows). */
    private void forwardRows(double[] l, double[] b, double[] out) {
        for (int r = 0; r < d; r++) {
            int row = r * d;
            System.arraycopy(b, row, out, row, d);
            for (int m = 0; m < r; m++) {
                double f = l[row + m];
                int other = m * d;
                for (int c = 0; c < d; c++) {
                    out[row + c] -= f * out[other + c];
                }
            }
            double inv = inverse[r];
            for (int c = 0; c < d; c++) {
                out[row + c] *= inv;
            }
        }
    }

    private void solveLower(double[] l, double[] inv, double[] b, double[] out) {
        MixtureKernel.solveLower(l, inv, b, out, d);
    }

    /** out = L^-T b. */
    private void solveUpperTransposed(double[] l, double[] inv, double[] b, double[] out) {
        for (int a = d - 1; a >= 0; a--) {
            double v = b[a];
            for (int m = a + 1; m < d; m++) {
                v -= l[m * d + a] * out[m];
            }
            out[a] = v * inv[a];
        }
    }
}
