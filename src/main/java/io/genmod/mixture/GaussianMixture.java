package io.genmod.mixture;

import io.genmod.core.Density;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import io.genmod.math.LogSumExp;
import java.util.random.RandomGenerator;

/**
 * An immutable Gaussian mixture p(x) = sum_j w_j N(x | mu_j, Sigma_j). Densities are evaluated through the
 * lower Cholesky factor L_j of each covariance (Sigma_j = L_j L_j^T): log N = -d/2 log 2pi - sum log L_ii
 * - |L^-1 (x - mu)|^2 / 2, never through an explicit inverse.
 */
public final class GaussianMixture implements Density {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double WEIGHT_SUM_TOLERANCE = 1e-6;

    private final CovarianceType covarianceType;
    private final int k;
    private final int d;
    private final double[] weights;
    private final double[][] means;
    /** Full k x d x d covariances, whatever the type. */
    private final double[][][] covariances;
    /** Lower Cholesky factors, row-major d x d per component. */
    private final double[][] cholesky;
    /** log w_j - d/2 log 2pi - sum_i log L_ii per component. */
    private final double[] logConstants;

    private GaussianMixture(CovarianceType covarianceType, double[] weights, double[][] means, double[][][] covariances) {
        this.covarianceType = covarianceType;
        this.k = weights.length;
        this.d = means[0].length;
        this.weights = weights.clone();
        this.means = deepCopy(means);
        this.covariances = new double[k][][];
        this.cholesky = new double[k][];
        this.logConstants = new double[k];
        for (int j = 0; j < k; j++) {
            this.covariances[j] = deepCopy(covariances[j]);
            double[] l = choleskyLower(covariances[j], j);
            cholesky[j] = l;
            double logDet = 0;
            for (int i = 0; i < d; i++) {
                logDet += Math.log(l[i * d + i]);
            }
            logConstants[j] = Math.log(weights[j]) - 0.5 * d * LOG_2PI - logDet;
        }
    }

    /**
     * A mixture from weights (summing to 1 within 1e-6, renormalised unless within the rounding of their sum),
     * means (k x d) and full covariance
     * matrices (k x d x d) that respect {@code covarianceType}.
     *
     * @throws InvalidParameterException for inconsistent shapes or weights
     * @throws UnfittableDataException when a covariance is not positive definite
     */
    public static GaussianMixture of(CovarianceType covarianceType, double[] weights, double[][] means,
                                     double[][][] covariances) {
        int k = weights.length;
        if (k == 0) {
            throw new InvalidParameterException("weights", "must not be empty");
        }
        if (means.length != k || covariances.length != k) {
            throw new InvalidParameterException("means", "weights, means and covariances must have one entry per component");
        }
        int d = means[0].length;
        if (d == 0) {
            throw new InvalidParameterException("means", "must have at least one column");
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            if (!(weights[j] >= 0) || !Double.isFinite(weights[j])) {
                throw new InvalidParameterException("weights[" + j + "]", "must be a finite non-negative number");
            }
            sum += weights[j];
            if (means[j].length != d) {
                throw new InvalidParameterException("means[" + j + "]", "must have " + d + " columns");
            }
            if (covariances[j].length != d) {
                throw new InvalidParameterException("covariances[" + j + "]", "must be " + d + " x " + d);
            }
            for (int a = 0; a < d; a++) {
                if (!Double.isFinite(means[j][a])) {
                    throw new InvalidParameterException("means[" + j + "][" + a + "]", "must be finite");
                }
                if (covariances[j][a].length != d) {
                    throw new InvalidParameterException("covariances[" + j + "]", "must be " + d + " x " + d);
                }
            }
        }
        if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
            throw new InvalidParameterException("weights", "must sum to 1 (they sum to " + sum + ")");
        }
        double[] normalised = weights.clone();
        // weights whose sum is 1 up to the rounding of the sum itself are kept as given, so that exporting a
        // model and importing it again gives back the same bits
        if (Math.abs(sum - 1) > k * Math.ulp(1.0)) {
            for (int j = 0; j < k; j++) {
                normalised[j] /= sum;
            }
        }
        return new GaussianMixture(covarianceType, normalised, means, covariances);
    }

    /** Lower Cholesky factor of a symmetric matrix, row-major; rejects non-symmetric or non-PD matrices. */
    private double[] choleskyLower(double[][] s, int component) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double a = s[i][j];
                if (!Double.isFinite(a) || Math.abs(a - s[j][i]) > 1e-9 * (Math.abs(a) + Math.abs(s[j][i]) + 1e-300)) {
                    throw new InvalidParameterException("covariances[" + component + "]", "must be a finite symmetric matrix");
                }
                double v = a;
                for (int m = 0; m < j; m++) {
                    v -= l[i * d + m] * l[j * d + m];
                }
                if (i == j) {
                    if (!(v > 0)) {
                        throw new UnfittableDataException("params.regularization", "the covariance of component " + component
                                + " is not positive definite; raise regularization or use fewer components");
                    }
                    l[i * d + i] = Math.sqrt(v);
                } else {
                    l[i * d + j] = v / l[j * d + j];
                }
            }
        }
        return l;
    }

    public CovarianceType covarianceType() {
        return covarianceType;
    }

    public int components() {
        return k;
    }

    @Override
    public int dimension() {
        return d;
    }

    public double[] weights() {
        return weights.clone();
    }

    public double[][] means() {
        return deepCopy(means);
    }

    /** Full covariance matrices, k x d x d, whatever the covariance type. */
    public double[][][] covariances() {
        double[][][] copy = new double[k][][];
        for (int j = 0; j < k; j++) {
            copy[j] = deepCopy(covariances[j]);
        }
        return copy;
    }

    /**
     * Covariances in the shape of the type, as scikit-learn's {@code covariances_}: k x d x d (full),
     * d x d (tied), k x d (diag), k (spherical).
     */
    public Object compactCovariances() {
        return switch (covarianceType) {
            case FULL -> covariances();
            case TIED -> deepCopy(covariances[0]);
            case DIAG -> {
                double[][] diag = new double[k][d];
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < d; i++) {
                        diag[j][i] = covariances[j][i][i];
                    }
                }
                yield diag;
            }
            case SPHERICAL -> {
                double[] v = new double[k];
                for (int j = 0; j < k; j++) {
                    v[j] = covariances[j][0][0];
                }
                yield v;
            }
        };
    }

    /** Lower Cholesky factor of component j, row-major d x d (a copy). */
    public double[] choleskyFactor(int j) {
        return cholesky[j].clone();
    }

    /** (k - 1) weights + k d means + the covariance parameters of the type. */
    @Override
    public int parameterCount() {
        return k - 1 + k * d + covarianceType.covarianceParameters(k, d);
    }

    /**
     * log(w_j N(x | mu_j, Sigma_j)) for every component j.
     *
     * @param x one row. Not modified.
     * @param out k values. Modified.
     * @param work d values of scratch space. Modified.
     */
    public void logWeightedDensities(double[] x, double[] out, double[] work) {
        for (int j = 0; j < k; j++) {
            out[j] = logConstants[j] - 0.5 * squaredDistance(x, j, 1, work);
        }
    }

    /** |L_j^-1 (x / s - mu_j / s)|^2 (s = 1: the squared Mahalanobis distance); work gets L_j^-1 (x / s - mu_j / s). */
    private double squaredDistance(double[] x, int j, double s, double[] work) {
        double[] mu = means[j];
        for (int i = 0; i < d; i++) {
            work[i] = s == 1 ? x[i] - mu[i] : x[i] / s - mu[i] / s;
        }
        forward(j, work);
        double q = 0;
        for (int i = 0; i < d; i++) {
            q += work[i] * work[i];
        }
        return q;
    }

    /** v = L_j^-1 v in place, by forward substitution (row i needs only v_i and the rows before it). */
    private void forward(int j, double[] v) {
        double[] l = cholesky[j];
        for (int i = 0; i < d; i++) {
            int row = i * d;
            double value = v[i];
            for (int m = 0; m < i; m++) {
                if (l[row + m] != 0) { // diagonal factors: no 0 * infinity = NaN from an overflowed coordinate
                    value -= l[row + m] * v[m];
                }
            }
            v[i] = value / l[row + i];
        }
    }

    @Override
    public double[] logDensity(double[][] x) {
        double[] result = new double[x.length];
        double[] log = new double[k];
        double[] work = new double[d];
        for (int n = 0; n < x.length; n++) {
            logWeightedDensities(x[n], log, work);
            result[n] = LogSumExp.of(log);
        }
        return result;
    }

    /**
     * Posterior probabilities of the components for each row, n x k (rows sum to 1): r_j proportional to
     * exp((c_j - c_b) - (q_j - q_b) / 2) with b the most likely component, differences taken before they are
     * added, so that far from the data (q of order 1e15 and more) the weights still count where the distances
     * tie. Where two components share a Cholesky factor (tied covariances, or equal ones) q_j - q_b is
     * (z_j - z_b) . (z_j + z_b) with z_j - z_b = L^-1 (mu_b - mu_j) solved directly, which keeps the term linear
     * in x that q_j and q_b alone round away beyond about 1e8 standard deviations. A row so far from every
     * component that all its squared distances overflow gets the limit of the posterior along its direction
     * ({@link #limitResponsibilities}).
     */
    public double[][] responsibilities(double[][] x) {
        double[][] r = new double[x.length][k];
        double[] q = new double[k];
        double[][] z = new double[k][d];
        double[] work = new double[d];
        boolean[][] shared = sharedFactors();
        for (int n = 0; n < x.length; n++) {
            double[] row = r[n];
            int best = 0;
            for (int j = 0; j < k; j++) {
                q[j] = squaredDistance(x[n], j, 1, z[j]);
                q[j] = Double.isNaN(q[j]) ? Double.POSITIVE_INFINITY : q[j]; // overflowed: infinitely far
                if (logConstants[j] - 0.5 * q[j] > logConstants[best] - 0.5 * q[best]) {
                    best = j;
                }
            }
            if (q[best] == Double.POSITIVE_INFINITY) {
                limitResponsibilities(x[n], row, work);
                continue;
            }
            // log-odds against b (which the rounded distances may have picked wrongly among shared factors)
            double top = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double difference = q[j] - q[best];
                if (j != best && shared[j][best] && q[j] < Double.POSITIVE_INFINITY) {
                    for (int i = 0; i < d; i++) {
                        work[i] = means[best][i] - means[j][i];
                    }
                    forward(j, work);
                    difference = 0;
                    for (int i = 0; i < d; i++) {
                        difference += work[i] * (z[j][i] + z[best][i]);
                    }
                }
                row[j] = (logConstants[j] - logConstants[best]) - 0.5 * difference;
                top = Math.max(top, row[j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                row[j] = Math.exp(row[j] - top);
                sum += row[j];
            }
            for (int j = 0; j < k; j++) {
                row[j] /= sum;
            }
        }
        return r;
    }

    /** shared[i][j]: components i and j have the same Cholesky factor, entry for entry. */
    private boolean[][] sharedFactors() {
        boolean[][] shared = new boolean[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                shared[i][j] = java.util.Arrays.equals(cholesky[i], cholesky[j]);
            }
        }
        return shared;
    }

    /**
     * The posterior of x as it moves away along its direction u = x / s (s the largest magnitude of x and of the
     * means, so never 0), for a row whose squared distances all overflow. With x = s u,
     * q_j = s^2 |L_j^-1 u|^2 - 2 s (L_j^-1 u) . (L_j^-1 mu_j) + |L_j^-1 mu_j|^2 and log(w_j N_j) = c_j - q_j / 2:
     * all the mass goes to the components of least |L_j^-1 (u - mu_j / s)|^2; among exact ties (equal
     * covariances along u) to those of greatest (L_j^-1 u) . (L_j^-1 mu_j); among ties of both, by c_j.
     */
    private void limitResponsibilities(double[] x, double[] out, double[] work) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s = Math.max(s, Math.abs(x[i]));
            for (int j = 0; j < k; j++) {
                s = Math.max(s, Math.abs(means[j][i]));
            }
        }
        boolean[] kept = new boolean[k];
        double least = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            out[j] = squaredDistance(x, j, s, work);
            least = Math.min(least, out[j]);
        }
        double[] direction = new double[d];
        double greatest = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            kept[j] = out[j] == least;
            if (kept[j]) {
                for (int i = 0; i < d; i++) {
                    direction[i] = x[i] / s;
                    work[i] = means[j][i];
                }
                forward(j, direction);
                forward(j, work);
                double linear = 0;
                for (int i = 0; i < d; i++) {
                    linear += direction[i] * work[i];
                }
                out[j] = linear;
                greatest = Math.max(greatest, linear);
            }
        }
        double top = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            kept[j] &= out[j] == greatest;
            if (kept[j]) {
                top = Math.max(top, logConstants[j]);
            }
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            out[j] = kept[j] ? Math.exp(logConstants[j] - top) : 0;
            sum += out[j];
        }
        for (int j = 0; j < k; j++) {
            out[j] /= sum;
        }
    }

    @Override
    public double[][] sample(int n, RandomGenerator random) {
        return sampleWithLabels(n, random).x();
    }

    /** Draws a component by its weight, then x = mu_j + L_j e with e standard normal. */
    public LabelledSample sampleWithLabels(int n, RandomGenerator random) {
        double[][] x = new double[n][d];
        int[] labels = new int[n];
        double[] e = new double[d];
        for (int s = 0; s < n; s++) {
            double u = random.nextDouble();
            int j = 0;
            double cumulative = weights[0];
            while (u >= cumulative && j < k - 1) {
                j++;
                cumulative += weights[j];
            }
            labels[s] = j;
            for (int i = 0; i < d; i++) {
                e[i] = random.nextGaussian();
            }
            double[] l = cholesky[j];
            for (int i = 0; i < d; i++) {
                double v = means[j][i];
                for (int m = 0; m <= i; m++) {
                    v += l[i * d + m] * e[m];
                }
                x[s][i] = v;
            }
        }
        return new LabelledSample(x, labels);
    }

    /** Rows drawn from the mixture with the index of the component that produced each. */
    public record LabelledSample(double[][] x, int[] labels) {
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }
}
