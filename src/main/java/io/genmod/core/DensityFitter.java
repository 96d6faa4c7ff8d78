package io.genmod.core;

/** Fits a density to data with options fixed in advance: used per class and per cross-validation fold. */
@FunctionalInterface
public interface DensityFitter {

    /**
     * @param x rows of data. Not modified.
     * @throws InvalidParameterException when an option cannot apply to this data
     * @throws UnfittableDataException when the data cannot be fitted
     */
    Fit<? extends Density> fit(double[][] x);
}
