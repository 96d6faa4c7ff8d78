package io.genmod.classify;

import io.genmod.core.InvalidParameterException;

/** Class priors: given ones checked, or the class frequencies (the maximum-likelihood estimate). */
public final class Priors {

    /** How far given priors may sum from 1 (as numpy's isclose with its default tolerances). */
    public static final double SUM_TOLERANCE = 1e-8;

    private Priors() {
    }

    /** n_c / n. */
    public static double[] frequencies(int[] counts) {
        long n = 0;
        for (int c : counts) {
            n += c;
        }
        double[] priors = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            priors[c] = (double) counts[c] / n;
        }
        return priors;
    }

    /**
     * Checks given priors: one per class, finite, non-negative, summing to 1.
     *
     * @param field the field to blame, e.g. "priors"
     * @return a copy
     * @throws InvalidParameterException otherwise
     */
    public static double[] checked(double[] priors, int classes, String field) {
        if (priors.length != classes) {
            throw new InvalidParameterException(field, "must have one prior per class (" + classes + "), not " + priors.length);
        }
        double sum = 0;
        for (int c = 0; c < priors.length; c++) {
            if (!Double.isFinite(priors[c]) || priors[c] < 0) {
                throw new InvalidParameterException(field, "must be finite and non-negative");
            }
            sum += priors[c];
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new InvalidParameterException(field, "must sum to 1 (they sum to " + sum + ")");
        }
        return priors.clone();
    }
}
