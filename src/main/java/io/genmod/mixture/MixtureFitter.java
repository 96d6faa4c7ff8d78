package io.genmod.mixture;

import io.genmod.core.Fit;

/** Fits a Gaussian mixture to rows of data with options fixed at construction (EM, gradient, variational). */
@FunctionalInterface
public interface MixtureFitter {

    /**
     * @param x rows. Not modified.
     * @throws io.genmod.core.UnfittableDataException when the data cannot be fitted (say what to change)
     */
    Fit<GaussianMixture> fit(double[][] x);
}
