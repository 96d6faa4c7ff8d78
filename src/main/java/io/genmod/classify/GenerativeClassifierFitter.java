package io.genmod.classify;

import io.genmod.core.Density;
import io.genmod.core.DensityFitter;
import io.genmod.core.Diagnostics;
import io.genmod.core.Fit;
import io.genmod.core.FitProgress;
import io.genmod.core.UnfittableDataException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits one density per class with the same {@link DensityFitter}, so a seed in its options applies to every class,
 * and takes the priors as given or as the class frequencies: the maximum-likelihood estimate of the joint
 * p(x, y) = p(x | y) P(y) when the density fits are maximum likelihood. Iterative fits report progress through
 * {@link FitProgress} class after class; a cancelled job stops between classes.
 */
public final class GenerativeClassifierFitter {

    /** Points a class needs for any density. */
    public static final int MIN_POINTS_PER_CLASS = 2;

    private GenerativeClassifierFitter() {
    }

    /** Where the nested density's params sit in a request, for errors about them. */
    public static final String DENSITY_PARAMS = "params.density.params";

    /**
     * @param x rows. Not modified.
     * @param y class index per row. Not modified.
     * @param priors P(c) in class order, or null for the class frequencies
     * @return the classifier with diagnostics of the joint log-likelihood sum_i log p(x_i, y_i)
     * @throws UnfittableDataException (field "y") for a single class, a class with fewer than two points, or a
     *         class whose density cannot be fitted (the message names the class and its size); a problem the
     *         nested fitter blames on one of its params is reported under {@link #DENSITY_PARAMS}
     */
    public static Fit<GenerativeClassifier> fit(double[][] x, int[] y, ClassLabels classes, DensityFitter fitter,
                                                double[] priors) {
        long started = System.nanoTime();
        int n = x.length;
        int k = classes.size();
        if (y.length != n) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        int[] counts = classes.countsAtLeast(y, MIN_POINTS_PER_CLASS);
        double[] p = priors == null ? Priors.frequencies(counts) : Priors.checked(priors, k, "priors");
        double[][][] byClass = new double[k][][];
        int[] next = new int[k];
        for (int c = 0; c < k; c++) {
            byClass[c] = new double[counts[c]][];
        }
        for (int i = 0; i < n; i++) {
            byClass[y[i]][next[y[i]]++] = x[i];
        }
        List<Density> densities = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            FitProgress.checkpoint();
            try {
                densities.add(fitter.fit(byClass[c]).model());
            } catch (UnfittableDataException e) {
                String field = e.field() != null && e.field().startsWith("params.")
                        ? DENSITY_PARAMS + e.field().substring("params".length())
                        : "y";
                throw new UnfittableDataException(field, "class " + classes.describe(c) + " (" + counts[c]
                        + " points) cannot be fitted: " + e.getMessage());
            }
        }
        GenerativeClassifier model = GenerativeClassifier.of(p, densities, priors != null);
        double logLikelihood = NaiveBayesFitter.trainingLogLikelihood(model, x, y);
        return new Fit<>(model, Diagnostics.direct("per-class", logLikelihood, n,
                model.parameterCount(), (System.nanoTime() - started) / 1_000_000));
    }
}
