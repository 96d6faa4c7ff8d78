package io.genmod.kde;

import io.genmod.core.Density;
import io.genmod.core.InvalidParameterException;
import java.util.random.RandomGenerator;

/**
 * An immutable kernel density estimate p(x) = 1/(n h^d) sum_i K(|x - x_i| / h) with the kernels and
 * normalisation of scikit-learn's {@code KernelDensity} (Parzen 1962; Rosenblatt 1956). Log-densities are
 * summed by {@link KernelSums}: exact to floating-point accuracy (relative error below 1e-12) when
 * {@code relativeTolerance} is 0, otherwise each density within that relative error.
 */
public final class KernelDensity implements Density {

    private final double[][] points;
    private final Kernel kernel;
    private final double bandwidth;
    private final double relativeTolerance;
    private final int d;
    private final KernelSums sums;
    private final double logConstant;

    /**
     * @param points training rows (copied)
     * @param bandwidth h > 0
     * @param relativeTolerance 0 for exact evaluation, else the relative error allowed on each density
     * @throws InvalidParameterException for an empty or ragged point set or a bandwidth that is not positive
     */
    public KernelDensity(double[][] points, Kernel kernel, double bandwidth, double relativeTolerance) {
        if (points.length == 0) {
            throw new InvalidParameterException("points", "must not be empty");
        }
        if (!(bandwidth > 0) || !Double.isFinite(bandwidth)) {
            throw new InvalidParameterException("bandwidth", "must be a finite number greater than 0");
        }
        if (!(relativeTolerance >= 0) || relativeTolerance >= 1) {
            throw new InvalidParameterException("relativeTolerance", "must be at least 0 and below 1");
        }
        this.d = points[0].length;
        this.points = new double[points.length][];
        double[][] scaled = new double[points.length][d];
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != d) {
                throw new InvalidParameterException("points[" + i + "]", "must have " + d + " columns");
            }
            this.points[i] = points[i].clone();
            for (int k = 0; k < d; k++) {
                if (!Double.isFinite(points[i][k])) {
                    throw new InvalidParameterException("points[" + i + "][" + k + "]", "must be a finite number");
                }
                scaled[i][k] = points[i][k] / bandwidth;
            }
        }
        this.kernel = kernel;
        this.bandwidth = bandwidth;
        this.relativeTolerance = relativeTolerance;
        this.sums = new KernelSums(scaled, kernel);
        this.logConstant = kernel.logNorm(bandwidth, d) - Math.log(points.length);
    }

    public Kernel kernel() {
        return kernel;
    }

    public double bandwidth() {
        return bandwidth;
    }

    public double relativeTolerance() {
        return relativeTolerance;
    }

    /** A copy of the training points. */
    public double[][] points() {
        double[][] copy = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            copy[i] = points[i].clone();
        }
        return copy;
    }

    public int size() {
        return points.length;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public double[] logDensity(double[][] x) {
        double[][] scaled = new double[x.length][d];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < d; k++) {
                scaled[i][k] = x[i][k] / bandwidth;
            }
        }
        // Error budget for r > 0: node approximations are judged against running totals that may exceed
        // the true partial sums by their own error, so epsilon (1 + r) <= 0.5 r bounds them by 0.5 r of the
        // total; every other term carries a relative error below 0.45 r: the truncated expansion of a leaf
        // pair plus two coarse exponentials (its factors) or one (a direct leaf). At r = 0 the expansion is
        // truncated at 1e-13 and its two exponentials err by 2e-13 each (FastExp), below the 1e-12 promised.
        double r = relativeTolerance;
        boolean coarse = r > 0 && 0.05 * r >= 2 * FastExp.COARSE_ERROR;
        double epsilon = r > 0 ? 0.5 * r / (1 + r) : KernelSums.EXACT_EPSILON;
        double taylorEpsilon = r > 0 ? 0.4 * r : KernelSums.EXACT_EPSILON;
        double[] out = sums.logSums(scaled, epsilon, coarse, taylorEpsilon);
        for (int i = 0; i < out.length; i++) {
            out[i] += logConstant;
        }
        return out;
    }

    /** Draws a training point uniformly, then adds an offset drawn from the kernel (see {@link Kernel#sampleOffset}). */
    @Override
    public double[][] sample(int n, RandomGenerator random) {
        double[][] out = new double[n][d];
        double[] offset = new double[d];
        for (int i = 0; i < n; i++) {
            double[] base = points[random.nextInt(points.length)];
            kernel.sampleOffset(bandwidth, offset, random);
            for (int k = 0; k < d; k++) {
                out[i][k] = base[k] + offset[k];
            }
        }
        return out;
    }

    /** Not defined for a kernel density estimate: -1. */
    @Override
    public int parameterCount() {
        return -1;
    }
}
