package io.genmod.core;

import java.util.random.RandomGenerator;

/** A fitted probability density over R^d: an immutable value that answers log p(x) and draws samples. */
public interface Density {

    int dimension();

    /**
     * Log-density of each row.
     *
     * @param x rows of width {@link #dimension()}. Not modified.
     * @return log p(x_i) per row; {@code Double.NEGATIVE_INFINITY} where the density is zero
     */
    double[] logDensity(double[][] x);

    /** Draws {@code n} independent rows; the same generator state gives the same rows. */
    double[][] sample(int n, RandomGenerator random);

    /** Number of free parameters for BIC/AIC, or -1 where it is not defined (KDE). */
    int parameterCount();
}
