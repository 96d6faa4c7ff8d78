package io.genmod.mixture;

import io.genmod.core.InvalidParameterException;

/**
 * Options shared by every mixture fitter. Initial values, when given, are full k x d x d covariances
 * (the web layer expands the compact shapes of tied, diag and spherical).
 *
 * @param tolerance convergence threshold on the change of the mean log-likelihood (or lower bound per point)
 * @param regularization added to every covariance diagonal
 * @param seed random seed, or null for a fresh one
 */
public record MixtureOptions(
        int components,
        CovarianceType covarianceType,
        Initialisation init,
        int nInit,
        int maxIterations,
        double tolerance,
        double regularization,
        Long seed,
        double[] initialWeights,
        double[][] initialMeans,
        double[][][] initialCovariances) {

    public MixtureOptions {
        if (components < 1) {
            throw new InvalidParameterException("components", "must be at least 1");
        }
        if (covarianceType == null) {
            throw new InvalidParameterException("covarianceType", "is required");
        }
        if (init == null) {
            throw new InvalidParameterException("init", "is required");
        }
        if (nInit < 1) {
            throw new InvalidParameterException("nInit", "must be at least 1");
        }
        if (maxIterations < 0) {
            throw new InvalidParameterException("maxIterations", "must not be negative");
        }
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new InvalidParameterException("tolerance", "must be a positive number");
        }
        if (!(regularization >= 0) || !Double.isFinite(regularization)) {
            throw new InvalidParameterException("regularization", "must be a non-negative number");
        }
        if (init == Initialisation.GIVEN && initialMeans == null) {
            throw new InvalidParameterException("initialMeans", "is required when init is given");
        }
    }
}
